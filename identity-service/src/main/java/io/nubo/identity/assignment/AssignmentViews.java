package io.nubo.identity.assignment;

import io.nubo.identity.directory.DirectoryLookup;
import io.nubo.identity.group.GroupRepository;
import io.nubo.shared.api.Link;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.stereotype.Component;

/** Keystone's role assignment entry: actor, role, scope and the links to the grant behind it. */
@Component
public class AssignmentViews {

    private final DirectoryLookup directory;
    private final GroupRepository groups;

    public AssignmentViews(DirectoryLookup directory, GroupRepository groups) {
        this.directory = directory;
        this.groups = groups;
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
        directory.role(a.roleId()).ifPresent(r -> {
            role.put("name", r.name());
            if (r.domainId() != null) {
                role.put("domain", domain(r.domainId()));
            }
        });
        if (a.isUser()) {
            directory.user(a.actorId()).ifPresent(u -> {
                actor.put("name", u.name());
                actor.put("domain", domain(u.domainId()));
            });
        } else {
            groups.findById(a.actorId()).ifPresent(g -> {
                actor.put("name", g.getName());
                actor.put("domain", domain(g.getDomainId()));
            });
        }
        if (RoleAssignmentEntity.PROJECT.equals(a.targetType())) {
            directory.project(a.targetId()).ifPresent(p -> {
                target.put("name", p.name());
                target.put("domain", domain(p.domainId()));
            });
        } else if (RoleAssignmentEntity.DOMAIN.equals(a.targetType())) {
            directory.domainName(a.targetId()).ifPresent(name -> target.put("name", name));
        }
    }

    private Map<String, Object> domain(String id) {
        Map<String, Object> d = ref(id);
        d.put("name", directory.domainName(id).orElse(null));
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
