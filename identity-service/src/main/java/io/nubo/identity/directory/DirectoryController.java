package io.nubo.identity.directory;

import io.nubo.identity.web.Authorization;
import io.nubo.identity.web.IdentityError;
import io.nubo.identity.web.Links;
import io.nubo.identity.web.ReadScope;
import io.nubo.shared.validation.ValidatedQuery;
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

    public DirectoryController(DomainRepository domains, ProjectRepository projects, UserRepository users,
                               RoleRepository roles) {
        this.domains = domains;
        this.projects = projects;
        this.users = users;
        this.roles = roles;
    }

    @GetMapping("/v3/domains")
    @ValidatedQuery("identity/domains-list-query.json")
    public Map<String, Object> domains(@RequestParam(required = false) String name,
                                       @RequestParam(required = false) String enabled) {
        ReadScope scope = Authorization.requireReader();
        Boolean on = QueryFlags.bool(enabled);
        return list("domains", domains.findAllByOrderByName(), d -> scope.covers(d.getId())
                        && (name == null || name.equals(d.getName())) && (on == null || on == d.isEnabled()),
                DirectoryViews::domain);
    }

    @GetMapping("/v3/domains/{id}")
    public Map<String, Object> domain(@PathVariable String id) {
        Authorization.requireDomainReader(id);
        DomainEntity d = domains.findById(id).orElseThrow(() -> IdentityError.NOT_FOUND.exception("domain", id));
        return Map.of("domain", DirectoryViews.domain(d));
    }

    @GetMapping("/v3/projects")
    @ValidatedQuery("identity/projects-list-query.json")
    public Map<String, Object> projects(@RequestParam Map<String, String> q) {
        ReadScope scope = Authorization.requireReader();
        Boolean on = QueryFlags.bool(q.get("enabled"));
        if (Boolean.TRUE.equals(QueryFlags.bool(q.get("is_domain")))) {
            return list("projects", domains.findAllByOrderByName(),
                    d -> scope.covers(d.getId()) && (q.get("name") == null || q.get("name").equals(d.getName()))
                            && (on == null || on == d.isEnabled()), DirectoryViews::projectActingAsDomain);
        }
        Predicate<ProjectEntity> byTags = ProjectTagFilter.of(q);
        return list("projects", projects.findAllByOrderByName(),
                p -> scope.covers(p.getDomainId()) && (q.get("name") == null || q.get("name").equals(p.getName()))
                        && (q.get("domain_id") == null || q.get("domain_id").equals(p.getDomainId()))
                        && (q.get("parent_id") == null || q.get("parent_id").equals(
                                p.getParentId() == null ? p.getDomainId() : p.getParentId()))
                        && (on == null || on == p.isEnabled()) && byTags.test(p),
                DirectoryViews::project);
    }

    @GetMapping("/v3/users")
    @ValidatedQuery("identity/users-list-query.json")
    public Map<String, Object> users(@RequestParam(required = false) String name,
                                     @RequestParam(value = "domain_id", required = false) String domainId,
                                     @RequestParam(required = false) String enabled) {
        ReadScope scope = Authorization.requireReader();
        Boolean on = QueryFlags.bool(enabled);
        return list("users", users.findAllByOrderByName(),
                u -> scope.covers(u.getDomainId()) && (name == null || name.equals(u.getName())) && (domainId == null || domainId.equals(u.getDomainId()))
                        && (on == null || on == u.isEnabled()),
                DirectoryViews::user);
    }

    @GetMapping("/v3/roles")
    @ValidatedQuery("identity/roles-list-query.json")
    public Map<String, Object> roles(@RequestParam(required = false) String name,
                                     @RequestParam(value = "domain_id", required = false) String domainId) {
        ReadScope scope = Authorization.requireReader();
        if (domainId != null && !scope.covers(domainId)) {
            throw IdentityError.FORBIDDEN.exception();
        }
        // Keystone lists the global roles unless a domain is named
        return list("roles", roles.findAllByOrderByName(), r -> (name == null || name.equals(r.getName()))
                && java.util.Objects.equals(domainId, r.getDomainId()), DirectoryViews::role);
    }

    private static <E> Map<String, Object> list(String key, List<E> all, Predicate<E> filter, Function<E, ?> view) {
        return Map.of(key, all.stream().filter(filter).map(view).toList(), "links", Links.ofCurrentRequest());
    }

}
