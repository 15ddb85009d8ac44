package io.nubo.identity.directory;

import io.nubo.identity.readcache.ChangeStampedCache;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What other features may ask the directory about its things without reaching into its repositories: whether a
 * project, domain, user or role exists, what it is called, where projects sit, and the wire shape of projects.
 * Each method reads in a read-only transaction (a caller's, if it has one), except the cached names a token's
 * validation asks for: those start none, so a validation answered from the caches opens no transaction at all.
 */
@Service
public class DirectoryLookup {

    private final ProjectRepository projects;
    private final DomainRepository domains;
    private final UserRepository users;
    private final RoleRepository roles;
    // a token's validation names its user, project, domains and roles: each is read again only after its table is
    // written (ChangeStampedCache), not on every validation
    private final ChangeStampedCache<String, Optional<UserCard>> userCards =
            new ChangeStampedCache<>(10_000, UserEntity.class);
    private final ChangeStampedCache<String, Optional<String>> projectNames =
            new ChangeStampedCache<>(10_000, ProjectEntity.class);
    private final ChangeStampedCache<String, Optional<String>> domainNames =
            new ChangeStampedCache<>(10_000, DomainEntity.class);
    private final ChangeStampedCache<String, Optional<Named>> globalRoles =
            new ChangeStampedCache<>(10_000, RoleEntity.class);

    public DirectoryLookup(ProjectRepository projects, DomainRepository domains, UserRepository users,
                           RoleRepository roles) {
        this.projects = projects;
        this.domains = domains;
        this.users = users;
        this.roles = roles;
    }

    /** A thing's id, name and domain (null for a global role), for other features to name it. */
    public record Named(String id, String name, String domainId) {
    }

    /** What a token shows of its user: the name, and when the password expires (null: never). */
    public record UserCard(String id, String name, Instant passwordExpiresAt) {
    }

    @Transactional(readOnly = true)
    public boolean projectExists(String id) {
        return projects.existsById(id);
    }

    @Transactional(readOnly = true)
    public boolean domainExists(String id) {
        return domains.existsById(id);
    }

    @Transactional(readOnly = true)
    public boolean userExists(String id) {
        return users.existsById(id);
    }

    @Transactional(readOnly = true)
    public boolean roleExists(String id) {
        return roles.existsById(id);
    }

    /** The domain of a project, if there is such a project. */
    @Transactional(readOnly = true)
    public Optional<String> projectDomain(String projectId) {
        return projects.findById(projectId).map(ProjectEntity::getDomainId);
    }

    /** These projects (those that exist), sorted by name, in Keystone's shape. */
    @Transactional(readOnly = true)
    public List<DirectoryViews.Project> projects(Collection<String> ids) {
        return projects.findByIdInOrderByName(ids).stream().map(DirectoryViews::project).toList();
    }

    @Transactional(readOnly = true)
    public Optional<Named> user(String id) {
        return users.findById(id).map(u -> new Named(u.getId(), u.getName(), u.getDomainId()));
    }

    @Transactional(readOnly = true)
    public Optional<Named> project(String id) {
        return projects.findById(id).map(p -> new Named(p.getId(), p.getName(), p.getDomainId()));
    }

    @Transactional(readOnly = true)
    public Optional<Named> role(String id) {
        return roles.findById(id).map(r -> new Named(r.getId(), r.getName(), r.getDomainId()));
    }

    public Optional<String> domainName(String id) {
        return domainNames.get(id, d -> domains.findById(d).map(DomainEntity::getName));
    }

    public Optional<UserCard> userCard(String id) {
        return userCards.get(id, u -> users.findById(u)
                .map(e -> new UserCard(e.getId(), e.getName(), e.getPasswordExpiresAt())));
    }

    public Optional<String> projectName(String id) {
        return projectNames.get(id, p -> projects.findById(p).map(ProjectEntity::getName));
    }

    /** A role that belongs to no domain, by name. */
    public Optional<Named> globalRole(String name) {
        return globalRoles.get(name, n -> roles.findByDomainIdAndName(RoleEntity.GLOBAL, n)
                .map(r -> new Named(r.getId(), r.getName(), r.getDomainId())));
    }

    /** The ids of a domain's projects. */
    @Transactional(readOnly = true)
    public List<String> projectsIn(String domainId) {
        return projects.findByDomainId(domainId).stream().map(ProjectEntity::getId).toList();
    }

    /** The ids of the projects right below a project. */
    @Transactional(readOnly = true)
    public List<String> childrenOf(String projectId) {
        return projects.findByParentId(projectId).stream().map(ProjectEntity::getId).toList();
    }

    /** Which of these roles are domain-specific (Keystone keeps them out of tokens). */
    @Transactional(readOnly = true)
    public Set<String> domainSpecificRoles(Collection<String> roleIds) {
        return roles.findByIdIn(roleIds).stream().filter(r -> r.getDomainId() != null).map(RoleEntity::getId)
                .collect(Collectors.toSet());
    }
}
