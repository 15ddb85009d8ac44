package io.nubo.identity.directory;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What other features may ask the directory about its things without reaching into its repositories: whether a
 * project, domain, user or role exists, and the wire shape of projects.
 */
@Service
@Transactional(readOnly = true)
public class DirectoryLookup {

    private final ProjectRepository projects;
    private final DomainRepository domains;
    private final UserRepository users;
    private final RoleRepository roles;

    public DirectoryLookup(ProjectRepository projects, DomainRepository domains, UserRepository users,
                           RoleRepository roles) {
        this.projects = projects;
        this.domains = domains;
        this.users = users;
        this.roles = roles;
    }

    public boolean projectExists(String id) {
        return projects.existsById(id);
    }

    public boolean domainExists(String id) {
        return domains.existsById(id);
    }

    public boolean userExists(String id) {
        return users.existsById(id);
    }

    public boolean roleExists(String id) {
        return roles.existsById(id);
    }

    /** The domain of a project, if there is such a project. */
    public Optional<String> projectDomain(String projectId) {
        return projects.findById(projectId).map(ProjectEntity::getDomainId);
    }

    /** These projects (those that exist), sorted by name, in Keystone's shape. */
    public List<DirectoryViews.Project> projects(Collection<String> ids) {
        return projects.findByIdInOrderByName(ids).stream().map(DirectoryViews::project).toList();
    }
}
