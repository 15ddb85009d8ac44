package io.nubo.identity.assignment;

import io.nubo.identity.directory.DirectoryLookup;
import io.nubo.identity.directory.DirectoryViews;
import io.nubo.identity.group.GroupService;
import io.nubo.identity.error.IdentityError;
import io.nubo.identity.api.Links;
import io.nubo.shared.policy.Policy;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RestController;

/**
 * Role grants to users and groups: on projects and domains
 * ({@code /v3/{projects|domains}/{id}/{users|groups}/{actor}/roles/{role}}), inherited to the projects below
 * ({@code /v3/OS-INHERIT/.../roles/{role}/inherited_to_projects}) and on the system
 * ({@code /v3/system/{users|groups}/{actor}/roles/{role}}). Removing a grant revokes the affected users' tokens.
 */
@RestController
public class AssignmentController {

    private static final String DIRECT = "/v3/{targets:projects|domains}/{targetId}/{actors:users|groups}/{actorId}/roles";
    private static final String INHERITED =
            "/v3/OS-INHERIT/{targets:projects|domains}/{targetId}/{actors:users|groups}/{actorId}/roles";
    private static final String SYSTEM = "/v3/system/{actors:users|groups}/{actorId}/roles";

    private final RoleAssignments assignments;
    private final GrantRevocations revocations;
    private final DirectoryLookup directory;
    private final GroupService groups;

    public AssignmentController(RoleAssignments assignments, GrantRevocations revocations, DirectoryLookup directory,
                                GroupService groups) {
        this.assignments = assignments;
        this.revocations = revocations;
        this.directory = directory;
        this.groups = groups;
    }

    @GetMapping(DIRECT)
    @Policy("identity:list_grants")
    public DirectoryViews.Roles list(@PathVariable String targets, @PathVariable String targetId,
                                        @PathVariable String actors, @PathVariable String actorId) {
        return listOf(grant(targets, targetId, actors, actorId, null, false));
    }

    @GetMapping(INHERITED + "/inherited_to_projects")
    @Policy("identity:list_grants")
    public DirectoryViews.Roles listInherited(@PathVariable String targets, @PathVariable String targetId,
                                                 @PathVariable String actors, @PathVariable String actorId) {
        return listOf(grant(targets, targetId, actors, actorId, null, true));
    }

    @GetMapping(SYSTEM)
    @Policy("identity:list_grants")
    public DirectoryViews.Roles listSystem(@PathVariable String actors, @PathVariable String actorId) {
        return listOf(grant("system", RoleAssignmentEntity.SYSTEM_ALL, actors, actorId, null, false));
    }

    @PutMapping(DIRECT + "/{roleId}")
    @Policy("identity:create_grant")
    public ResponseEntity<Void> put(@PathVariable String targets, @PathVariable String targetId,
                                    @PathVariable String actors, @PathVariable String actorId,
                                    @PathVariable String roleId) {
        assignments.grant(grant(targets, targetId, actors, actorId, roleId, false));
        return ResponseEntity.noContent().build();
    }

    @PutMapping(INHERITED + "/{roleId}/inherited_to_projects")
    @Policy("identity:create_grant")
    public ResponseEntity<Void> putInherited(@PathVariable String targets, @PathVariable String targetId,
                                             @PathVariable String actors, @PathVariable String actorId,
                                             @PathVariable String roleId) {
        assignments.grant(grant(targets, targetId, actors, actorId, roleId, true));
        return ResponseEntity.noContent().build();
    }

    @PutMapping(SYSTEM + "/{roleId}")
    @Policy("identity:create_grant")
    public ResponseEntity<Void> putSystem(@PathVariable String actors, @PathVariable String actorId,
                                          @PathVariable String roleId) {
        assignments.grant(grant("system", RoleAssignmentEntity.SYSTEM_ALL, actors, actorId, roleId, false));
        return ResponseEntity.noContent().build();
    }

    @RequestMapping(value = DIRECT + "/{roleId}", method = {RequestMethod.HEAD, RequestMethod.GET})
    @Policy("identity:check_grant")
    public ResponseEntity<Void> check(@PathVariable String targets, @PathVariable String targetId,
                                      @PathVariable String actors, @PathVariable String actorId,
                                      @PathVariable String roleId) {
        return checkOf(grant(targets, targetId, actors, actorId, roleId, false));
    }

    @RequestMapping(value = INHERITED + "/{roleId}/inherited_to_projects",
            method = {RequestMethod.HEAD, RequestMethod.GET})
    @Policy("identity:check_grant")
    public ResponseEntity<Void> checkInherited(@PathVariable String targets, @PathVariable String targetId,
                                               @PathVariable String actors, @PathVariable String actorId,
                                               @PathVariable String roleId) {
        return checkOf(grant(targets, targetId, actors, actorId, roleId, true));
    }

    @RequestMapping(value = SYSTEM + "/{roleId}", method = {RequestMethod.HEAD, RequestMethod.GET})
    @Policy("identity:check_grant")
    public ResponseEntity<Void> checkSystem(@PathVariable String actors, @PathVariable String actorId,
                                            @PathVariable String roleId) {
        return checkOf(grant("system", RoleAssignmentEntity.SYSTEM_ALL, actors, actorId, roleId, false));
    }

    @DeleteMapping(DIRECT + "/{roleId}")
    @Policy("identity:revoke_grant")
    public ResponseEntity<Void> delete(@PathVariable String targets, @PathVariable String targetId,
                                       @PathVariable String actors, @PathVariable String actorId,
                                       @PathVariable String roleId) {
        revocations.remove(grant(targets, targetId, actors, actorId, roleId, false));
        return ResponseEntity.noContent().build();
    }

    @DeleteMapping(INHERITED + "/{roleId}/inherited_to_projects")
    @Policy("identity:revoke_grant")
    public ResponseEntity<Void> deleteInherited(@PathVariable String targets, @PathVariable String targetId,
                                                @PathVariable String actors, @PathVariable String actorId,
                                                @PathVariable String roleId) {
        revocations.remove(grant(targets, targetId, actors, actorId, roleId, true));
        return ResponseEntity.noContent().build();
    }

    @DeleteMapping(SYSTEM + "/{roleId}")
    @Policy("identity:revoke_grant")
    public ResponseEntity<Void> deleteSystem(@PathVariable String actors, @PathVariable String actorId,
                                             @PathVariable String roleId) {
        revocations.remove(grant("system", RoleAssignmentEntity.SYSTEM_ALL, actors, actorId, roleId, false));
        return ResponseEntity.noContent().build();
    }

    private DirectoryViews.Roles listOf(RoleAssignmentEntity.Key k) {
        return new DirectoryViews.Roles(assignments.grantedTo(k.actorType(), k.actorId(), k.targetType(), k.targetId(),
                k.inherited()).stream().map(DirectoryViews::role).toList(), Links.ofCurrentRequest());
    }

    private ResponseEntity<Void> checkOf(RoleAssignmentEntity.Key k) {
        if (!assignments.has(k)) {
            throw IdentityError.NOT_FOUND.exception("role assignment", k.roleId());
        }
        return ResponseEntity.noContent().build();
    }

    /** Every id must exist (404 otherwise). {@code targets} is projects, domains or system. */
    private RoleAssignmentEntity.Key grant(String targets, String targetId, String actors, String actorId,
                                           String roleId, boolean inherited) {
        String targetType = switch (targets) {
            case "projects" -> RoleAssignmentEntity.PROJECT;
            case "domains" -> RoleAssignmentEntity.DOMAIN;
            default -> RoleAssignmentEntity.SYSTEM;
        };
        if (targetType.equals(RoleAssignmentEntity.PROJECT) && !directory.projectExists(targetId)) {
            throw IdentityError.NOT_FOUND.exception("project", targetId);
        }
        if (targetType.equals(RoleAssignmentEntity.DOMAIN) && !directory.domainExists(targetId)) {
            throw IdentityError.NOT_FOUND.exception("domain", targetId);
        }
        boolean user = actors.equals("users");
        if (user ? !directory.userExists(actorId) : !groups.exists(actorId)) {
            throw IdentityError.NOT_FOUND.exception(user ? "user" : "group", actorId);
        }
        if (roleId != null && !directory.roleExists(roleId)) {
            throw IdentityError.NOT_FOUND.exception("role", roleId);
        }
        return new RoleAssignmentEntity.Key(user ? RoleAssignmentEntity.USER : RoleAssignmentEntity.GROUP, actorId,
                targetType, targetId, roleId == null ? "" : roleId, inherited);
    }
}
