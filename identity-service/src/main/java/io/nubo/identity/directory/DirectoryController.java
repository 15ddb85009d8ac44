package io.nubo.identity.directory;

import io.nubo.identity.access.IdentityAccess;
import io.nubo.identity.access.ReadScope;
import io.nubo.identity.error.IdentityError;
import io.nubo.identity.api.Links;
import io.nubo.shared.validation.ValidatedQuery;
import io.nubo.shared.policy.Policy;
import io.nubo.shared.security.NuboPrincipal;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Read access to domains, projects, users and roles for administrators (full CRUD arrives with issue 3). */
@RestController
public class DirectoryController {

    private final DomainRepository domains;
    private final ProjectRepository projects;
    private final UserRepository users;
    private final RoleRepository roles;
    private final IdentityAccess access;

    public DirectoryController(DomainRepository domains, ProjectRepository projects, UserRepository users,
                               RoleRepository roles, IdentityAccess access) {
        this.access = access;
        this.domains = domains;
        this.projects = projects;
        this.users = users;
        this.roles = roles;
    }

    @GetMapping("/v3/domains")
    @ValidatedQuery("identity/domains-list-query.json")
    public DirectoryViews.Domains domains(NuboPrincipal caller, @RequestParam(required = false) String name,
                                       @RequestParam(required = false) String enabled) {
        ReadScope scope = access.readScope("identity:list_domains", caller);
        Boolean on = QueryFlags.bool(enabled);
        return new DirectoryViews.Domains(list(domains.findAllByOrderByName(), d -> scope.covers(d.getId())
                        && (name == null || name.equals(d.getName())) && (on == null || on == d.isEnabled()),
                DirectoryViews::domain), Links.ofCurrentRequest());
    }

    @GetMapping("/v3/domains/{id}")
    @Policy("identity:get_domain")
    public DirectoryViews.DomainBody domain(@PathVariable String id) {
        DomainEntity d = domains.findById(id).orElseThrow(() -> IdentityError.NOT_FOUND.exception("domain", id));
        return new DirectoryViews.DomainBody(DirectoryViews.domain(d));
    }

    @GetMapping("/v3/projects")
    @ValidatedQuery("identity/projects-list-query.json")
    public DirectoryViews.Projects projects(NuboPrincipal caller, @RequestParam Map<String, String> q) {
        ReadScope scope = access.readScope("identity:list_projects", caller);
        Boolean on = QueryFlags.bool(q.get("enabled"));
        if (Boolean.TRUE.equals(QueryFlags.bool(q.get("is_domain")))) {
            return new DirectoryViews.Projects(list(domains.findAllByOrderByName(),
                    d -> scope.covers(d.getId()) && (q.get("name") == null || q.get("name").equals(d.getName()))
                            && (on == null || on == d.isEnabled()), DirectoryViews::projectActingAsDomain),
                    Links.ofCurrentRequest());
        }
        Predicate<ProjectEntity> byTags = ProjectTagFilter.of(q);
        return new DirectoryViews.Projects(list(projects.findAllByOrderByName(),
                p -> scope.covers(p.getDomainId()) && (q.get("name") == null || q.get("name").equals(p.getName()))
                        && (q.get("domain_id") == null || q.get("domain_id").equals(p.getDomainId()))
                        && (q.get("parent_id") == null || q.get("parent_id").equals(
                                p.getParentId() == null ? p.getDomainId() : p.getParentId()))
                        && (on == null || on == p.isEnabled()) && byTags.test(p),
                DirectoryViews::project), Links.ofCurrentRequest());
    }

    @GetMapping("/v3/users")
    @ValidatedQuery("identity/users-list-query.json")
    public DirectoryViews.Users users(NuboPrincipal caller, @RequestParam(required = false) String name,
                                     @RequestParam(value = "domain_id", required = false) String domainId,
                                     @RequestParam(required = false) String enabled) {
        ReadScope scope = access.readScope("identity:list_users", caller);
        Boolean on = QueryFlags.bool(enabled);
        return new DirectoryViews.Users(list(users.findAllByOrderByName(),
                u -> scope.covers(u.getDomainId()) && (name == null || name.equals(u.getName())) && (domainId == null || domainId.equals(u.getDomainId()))
                        && (on == null || on == u.isEnabled()),
                DirectoryViews::user), Links.ofCurrentRequest());
    }

    @GetMapping("/v3/roles")
    @ValidatedQuery("identity/roles-list-query.json")
    public DirectoryViews.Roles roles(NuboPrincipal caller, @RequestParam(required = false) String name,
                                     @RequestParam(value = "domain_id", required = false) String domainId) {
        ReadScope scope = access.readScope("identity:list_roles", caller);
        if (domainId != null && !scope.covers(domainId)) {
            throw IdentityError.FORBIDDEN.exception();
        }
        // Keystone lists the global roles unless a domain is named
        return new DirectoryViews.Roles(list(roles.findAllByOrderByName(), r -> (name == null
                || name.equals(r.getName())) && java.util.Objects.equals(domainId, r.getDomainId()),
                DirectoryViews::role), Links.ofCurrentRequest());
    }

    private static <E, V> List<V> list(List<E> all, Predicate<E> filter, Function<E, V> view) {
        return all.stream().filter(filter).map(view).toList();
    }

}
