package io.nubo.identity.assignment;

import io.nubo.identity.directory.DomainEntity;
import io.nubo.identity.directory.DomainRepository;
import io.nubo.identity.directory.ProjectRepository;
import io.nubo.identity.directory.RoleRepository;
import io.nubo.identity.directory.UserRepository;
import io.nubo.identity.group.GroupRepository;
import io.nubo.shared.api.Link;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.stereotype.Component;

/** Keystone's role assignment entry: actor, role, scope and the links to the grant behind it. */
@Component
public class AssignmentViews {

    private final UserRepository users;
    private final GroupRepository groups;
    private final ProjectRepository projects;
    private final DomainRepository domains;
    private final RoleRepository roles;

    public AssignmentViews(UserRepository users, GroupRepository groups, ProjectRepository projects,
                           DomainRepository domains, RoleRepository roles) {
        this.users = users;
        this.groups = groups;
        this.projects = projects;
        this.domains = domains;
        this.roles = roles;
    }

    public Map<String, Object> assignment(Assignment a, boolean names) {
        Map<String, Object> out = new LinkedHashMap<>();
        Map<String, Object> actor = ref(a.actorId());
        Map<String, Object> role = ref(a.roleId());
        Map<String, Object> target = ref(a.targetId());
        Map<String, Object> scope = new LinkedHashMap<>();
        if (names) {
            named(a, actor, role, target);
        }
        switch (a.targetType()) {
            case RoleAssignmentEntity.PROJECT -> scope.put("project", target);
            case RoleAssignmentEntity.DOMAIN -> scope.put("domain", target);
            default -> scope.put("system", Map.of("all", true));
        }
        if (a.inherited()) {
            scope.put("OS-INHERIT:inherited_to", "projects");
        }
        out.put("role", role);
        out.put(a.isUser() ? "user" : "group", actor);
        out.put("scope", scope);
        Map<String, String> links = new LinkedHashMap<>();
        links.put("assignment", Link.href(grantPath(a.grant())));
        if (a.viaGroupId() != null) {
            links.put("membership", Link.href("/v3/groups/" + a.viaGroupId() + "/users/" + a.actorId()));
        }
        if (a.priorRoleId() != null) {
            links.put("prior_role", Link.href("/v3/roles/" + a.priorRoleId()));
        }
        out.put("links", links);
        return out;
    }

    private void named(Assignment a, Map<String, Object> actor, Map<String, Object> role, Map<String, Object> target) {
        roles.findById(a.roleId()).ifPresent(r -> {
            role.put("name", r.getName());
            if (r.getDomainId() != null) {
                role.put("domain", domain(r.getDomainId()));
            }
        });
        if (a.isUser()) {
            users.findById(a.actorId()).ifPresent(u -> {
                actor.put("name", u.getName());
                actor.put("domain", domain(u.getDomainId()));
            });
        } else {
            groups.findById(a.actorId()).ifPresent(g -> {
                actor.put("name", g.getName());
                actor.put("domain", domain(g.getDomainId()));
            });
        }
        if (RoleAssignmentEntity.PROJECT.equals(a.targetType())) {
            projects.findById(a.targetId()).ifPresent(p -> {
                target.put("name", p.getName());
                target.put("domain", domain(p.getDomainId()));
            });
        } else if (RoleAssignmentEntity.DOMAIN.equals(a.targetType())) {
            domains.findById(a.targetId()).ifPresent(d -> target.put("name", d.getName()));
        }
    }

    private Map<String, Object> domain(String id) {
        Map<String, Object> d = ref(id);
        d.put("name", domains.findById(id).map(DomainEntity::getName).orElse(null));
        return d;
    }

    private static Map<String, Object> ref(String id) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", id);
        return m;
    }

    static String grantPath(RoleAssignmentEntity.Key g) {
        String actors = RoleAssignmentEntity.USER.equals(g.actorType()) ? "users" : "groups";
        if (RoleAssignmentEntity.SYSTEM.equals(g.targetType())) {
            return "/v3/system/" + actors + "/" + g.actorId() + "/roles/" + g.roleId();
        }
        String targets = RoleAssignmentEntity.PROJECT.equals(g.targetType()) ? "projects" : "domains";
        String path = "/" + targets + "/" + g.targetId() + "/" + actors + "/" + g.actorId() + "/roles/" + g.roleId();
        return g.inherited() ? "/v3/OS-INHERIT" + path + "/inherited_to_projects" : "/v3" + path;
    }
}
