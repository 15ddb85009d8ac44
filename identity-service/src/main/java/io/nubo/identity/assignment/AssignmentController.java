package io.nubo.identity.assignment;

import io.nubo.identity.directory.DirectoryViews;
import io.nubo.identity.directory.DomainRepository;
import io.nubo.identity.directory.ProjectRepository;
import io.nubo.identity.directory.RoleRepository;
import io.nubo.identity.directory.UserRepository;
import io.nubo.identity.group.GroupMemberEntity;
import io.nubo.identity.group.GroupMemberRepository;
import io.nubo.identity.group.GroupRepository;
import io.nubo.identity.token.RevocationStore;
import io.nubo.identity.web.Authorization;
import io.nubo.identity.web.IdentityError;
import io.nubo.identity.web.Links;
import java.util.List;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RestController;

/**
 * Role grants to users and groups on projects and domains:
 * {@code /v3/{projects|domains}/{id}/{users|groups}/{actor}/roles/{role}}. Removing a grant revokes the affected
 * users' tokens on that target.
 */
@RestController
@RequestMapping("/v3/{targets:projects|domains}/{targetId}/{actors:users|groups}/{actorId}/roles")
public class AssignmentController {

    /** A checked request: what kind of target and actor it names. */
    private record Grant(String targetType, String actorType) {
    }

    private final RoleAssignments assignments;
    private final ProjectRepository projects;
    private final DomainRepository domains;
    private final UserRepository users;
    private final GroupRepository groups;
    private final GroupMemberRepository members;
    private final RoleRepository roles;
    private final RevocationStore revocations;

    public AssignmentController(RoleAssignments assignments, ProjectRepository projects, DomainRepository domains,
                                UserRepository users, GroupRepository groups, GroupMemberRepository members,
                                RoleRepository roles, RevocationStore revocations) {
        this.assignments = assignments;
        this.projects = projects;
        this.domains = domains;
        this.users = users;
        this.groups = groups;
        this.members = members;
        this.roles = roles;
        this.revocations = revocations;
    }

    @GetMapping
    public Map<String, Object> list(@PathVariable String targets, @PathVariable String targetId,
                                    @PathVariable String actors, @PathVariable String actorId) {
        Grant g = authorize(targets, targetId, actors, actorId, null);
        return Map.of("roles", assignments.grantedTo(g.actorType(), actorId, g.targetType(), targetId).stream()
                .map(DirectoryViews::role).toList(), "links", Links.ofCurrentRequest());
    }

    @PutMapping("/{roleId}")
    public ResponseEntity<Void> grant(@PathVariable String targets, @PathVariable String targetId,
                                      @PathVariable String actors, @PathVariable String actorId,
                                      @PathVariable String roleId) {
        Grant g = authorize(targets, targetId, actors, actorId, roleId);
        assignments.grant(g.actorType(), actorId, g.targetType(), targetId, roleId);
        return ResponseEntity.noContent().build();
    }

    @RequestMapping(value = "/{roleId}", method = RequestMethod.HEAD)
    public ResponseEntity<Void> exists(@PathVariable String targets, @PathVariable String targetId,
                                       @PathVariable String actors, @PathVariable String actorId,
                                       @PathVariable String roleId) {
        Grant g = authorize(targets, targetId, actors, actorId, roleId);
        if (!assignments.has(g.actorType(), actorId, g.targetType(), targetId, roleId)) {
            throw IdentityError.NOT_FOUND.exception("role assignment", roleId);
        }
        return ResponseEntity.noContent().build();
    }

    @DeleteMapping("/{roleId}")
    @Transactional
    public ResponseEntity<Void> revoke(@PathVariable String targets, @PathVariable String targetId,
                                       @PathVariable String actors, @PathVariable String actorId,
                                       @PathVariable String roleId) {
        Grant g = authorize(targets, targetId, actors, actorId, roleId);
        if (!assignments.revoke(g.actorType(), actorId, g.targetType(), targetId, roleId)) {
            throw IdentityError.NOT_FOUND.exception("role assignment", roleId);
        }
        List<String> affected = RoleAssignmentEntity.USER.equals(g.actorType()) ? List.of(actorId)
                : members.findByGroupId(actorId).stream().map(GroupMemberEntity::getUserId).toList();
        boolean project = RoleAssignmentEntity.PROJECT.equals(g.targetType());
        for (String userId : affected) {
            revocations.revokeUserOn(userId, project ? targetId : null, project ? null : targetId);
        }
        return ResponseEntity.noContent().build();
    }

    /** Admin only; every id must exist (404 otherwise). */
    private Grant authorize(String targets, String targetId, String actors, String actorId, String roleId) {
        Authorization.requireAdmin();
        boolean project = targets.equals("projects");
        if (project ? !projects.existsById(targetId) : !domains.existsById(targetId)) {
            throw IdentityError.NOT_FOUND.exception(project ? "project" : "domain", targetId);
        }
        boolean user = actors.equals("users");
        if (user ? !users.existsById(actorId) : !groups.existsById(actorId)) {
            throw IdentityError.NOT_FOUND.exception(user ? "user" : "group", actorId);
        }
        if (roleId != null && !roles.existsById(roleId)) {
            throw IdentityError.NOT_FOUND.exception("role", roleId);
        }
        return new Grant(project ? RoleAssignmentEntity.PROJECT : RoleAssignmentEntity.DOMAIN,
                user ? RoleAssignmentEntity.USER : RoleAssignmentEntity.GROUP);
    }
}
