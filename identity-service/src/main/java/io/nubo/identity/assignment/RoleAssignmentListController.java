package io.nubo.identity.assignment;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.nubo.identity.access.IdentityAccess;
import io.nubo.identity.access.ReadScope;
import io.nubo.identity.directory.DirectoryLookup;
import io.nubo.identity.error.IdentityError;
import io.nubo.identity.api.Links;
import io.nubo.shared.security.NuboPrincipal;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /v3/role_assignments} with Keystone's filters, {@code effective} and {@code include_names}. */
@RestController
public class RoleAssignmentListController {

    /** {@code {"role_assignments": [...], "links": {...}}}; each assignment names only what applies to it. */
    public record RoleAssignmentList(@JsonProperty("role_assignments") List<Map<String, Object>> roleAssignments,
                                     Links links) {
    }

    private final EffectiveAssignments effective;
    private final AssignmentViews views;
    private final DirectoryLookup directory;
    private final IdentityAccess access;

    public RoleAssignmentListController(EffectiveAssignments effective, AssignmentViews views,
                                        DirectoryLookup directory, IdentityAccess access) {
        this.access = access;
        this.directory = directory;
        this.effective = effective;
        this.views = views;
    }

    @GetMapping("/v3/role_assignments")
    @Transactional(readOnly = true)
    public RoleAssignmentList list(NuboPrincipal caller, @RequestParam Map<String, String> q) {
        ReadScope reader = access.readScope("identity:list_role_assignments", caller);
        boolean isEffective = flag(q, "effective");
        String userId = q.get("user.id");
        String groupId = q.get("group.id");
        String projectId = q.get("scope.project.id");
        String domainId = q.get("scope.domain.id");
        String system = q.get("scope.system");
        String inheritedTo = q.get("scope.OS-INHERIT:inherited_to");
        if (isEffective && groupId != null) {
            throw IdentityError.BAD_REQUEST.exception("Combining effective and group filter will always result in an "
                    + "empty list.");
        }
        if (userId != null && groupId != null) {
            throw IdentityError.BAD_REQUEST.exception("Specify a user or group, not both.");
        }
        if ((projectId != null ? 1 : 0) + (domainId != null ? 1 : 0) + (system != null ? 1 : 0) > 1) {
            throw IdentityError.BAD_REQUEST.exception("Specify one of domain, project or system scope.");
        }
        boolean subtree = flag(q, "include_subtree");
        if (subtree && projectId == null) {
            throw IdentityError.BAD_REQUEST.exception("scope.project.id needs to be specified if include_subtree is "
                    + "also specified.");
        }
        List<Assignment> found;
        if (userId != null) {
            found = isEffective ? effective.effective(effective.grantsReaching(userId), userId)
                    : effective.grantsReaching(userId);
        } else {
            found = isEffective ? effective.effective(effective.allGrants(), null) : effective.allGrants();
        }
        Set<String> projects = new HashSet<>();
        if (projectId != null) {
            projects.add(projectId);
            if (subtree) {
                projects.addAll(effective.subtreeBelow(projectId));
            }
        }
        Predicate<Assignment> keep = a -> (userId == null || (a.isUser() && a.actorId().equals(userId)))
                && (groupId == null || (!a.isUser() && a.actorId().equals(groupId)))
                && (q.get("role.id") == null || a.roleId().equals(q.get("role.id")))
                && (projectId == null || (a.targetType().equals(RoleAssignmentEntity.PROJECT)
                        && projects.contains(a.targetId())))
                && (domainId == null || (a.targetType().equals(RoleAssignmentEntity.DOMAIN)
                        && a.targetId().equals(domainId)))
                && (system == null || a.targetType().equals(RoleAssignmentEntity.SYSTEM))
                && (inheritedTo == null || a.inherited());
        // a domain reader sees the assignments on its domain and on the projects in it, nothing else
        Map<String, String> projectDomains = new java.util.HashMap<>();
        Predicate<Assignment> visible = a -> reader instanceof ReadScope.All
                || (a.targetType().equals(RoleAssignmentEntity.DOMAIN) && reader.covers(a.targetId()))
                || (a.targetType().equals(RoleAssignmentEntity.PROJECT) && reader.covers(projectDomains.computeIfAbsent(
                        a.targetId(), id -> directory.projectDomain(id).orElse(""))));
        keep = keep.and(visible);
        boolean names = flag(q, "include_names");
        return new RoleAssignmentList(found.stream().filter(keep).map(a -> views.assignment(a, names)).toList(),
                Links.ofCurrentRequest());
    }

    /** Keystone's query flags: present without a value, or any value but a false one. */
    private static boolean flag(Map<String, String> q, String name) {
        if (!q.containsKey(name)) {
            return false;
        }
        String v = q.get(name).trim().toLowerCase();
        return !(v.equals("false") || v.equals("0") || v.equals("no") || v.equals("off") || v.equals("f"));
    }
}
