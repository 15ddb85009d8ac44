package io.nubo.identity.assignment;

import io.nubo.identity.directory.DirectoryViews;
import io.nubo.identity.directory.DomainRepository;
import io.nubo.identity.directory.ProjectRepository;
import io.nubo.identity.directory.RoleRepository;
import io.nubo.identity.directory.UserRepository;
import io.nubo.identity.token.RevocationStore;
import io.nubo.identity.web.Authorization;
import io.nubo.identity.web.IdentityError;
import io.nubo.identity.web.Links;
import io.nubo.shared.events.TokenRevoked;
import java.time.Instant;
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
 * Role grants to users on projects and domains: {@code /v3/{projects|domains}/{id}/users/{user}/roles/{role}}.
 * Removing a grant revokes the user's tokens on that target.
 */
@RestController
@RequestMapping("/v3/{targets:projects|domains}/{targetId}/users/{userId}/roles")
public class AssignmentController {

    private final RoleAssignments assignments;
    private final ProjectRepository projects;
    private final DomainRepository domains;
    private final UserRepository users;
    private final RoleRepository roles;
    private final RevocationStore revocations;

    public AssignmentController(RoleAssignments assignments, ProjectRepository projects, DomainRepository domains,
                                UserRepository users, RoleRepository roles, RevocationStore revocations) {
        this.assignments = assignments;
        this.projects = projects;
        this.domains = domains;
        this.users = users;
        this.roles = roles;
        this.revocations = revocations;
    }

    @GetMapping
    public Map<String, Object> list(@PathVariable String targets, @PathVariable String targetId,
                                    @PathVariable String userId) {
        String type = authorize(targets, targetId, userId, null);
        return Map.of("roles", assignments.rolesOf(userId, type, targetId).stream().map(DirectoryViews::role).toList(),
                "links", Links.ofCurrentRequest());
    }

    @PutMapping("/{roleId}")
    public ResponseEntity<Void> grant(@PathVariable String targets, @PathVariable String targetId,
                                      @PathVariable String userId, @PathVariable String roleId) {
        assignments.grant(userId, authorize(targets, targetId, userId, roleId), targetId, roleId);
        return ResponseEntity.noContent().build();
    }

    @RequestMapping(value = "/{roleId}", method = RequestMethod.HEAD)
    public ResponseEntity<Void> exists(@PathVariable String targets, @PathVariable String targetId,
                                      @PathVariable String userId, @PathVariable String roleId) {
        String type = authorize(targets, targetId, userId, roleId);
        if (!assignments.has(userId, type, targetId, roleId)) {
            throw IdentityError.NOT_FOUND.exception("role assignment", roleId);
        }
        return ResponseEntity.noContent().build();
    }

    @DeleteMapping("/{roleId}")
    @Transactional
    public ResponseEntity<Void> revoke(@PathVariable String targets, @PathVariable String targetId,
                                       @PathVariable String userId, @PathVariable String roleId) {
        String type = authorize(targets, targetId, userId, roleId);
        if (!assignments.revoke(userId, type, targetId, roleId)) {
            throw IdentityError.NOT_FOUND.exception("role assignment", roleId);
        }
        Instant now = Instant.now();
        boolean project = RoleAssignmentEntity.PROJECT.equals(type);
        revocations.revoke(new TokenRevoked(null, null, userId, project ? targetId : null, project ? null : targetId,
                now, now));
        return ResponseEntity.noContent().build();
    }

    /** Admin only; every id must exist (404 otherwise). Returns the target type. */
    private String authorize(String targets, String targetId, String userId, String roleId) {
        Authorization.requireAdmin();
        boolean project = targets.equals("projects");
        if (project ? !projects.existsById(targetId) : !domains.existsById(targetId)) {
            throw IdentityError.NOT_FOUND.exception(project ? "project" : "domain", targetId);
        }
        if (!users.existsById(userId)) {
            throw IdentityError.NOT_FOUND.exception("user", userId);
        }
        if (roleId != null && !roles.existsById(roleId)) {
            throw IdentityError.NOT_FOUND.exception("role", roleId);
        }
        return project ? RoleAssignmentEntity.PROJECT : RoleAssignmentEntity.DOMAIN;
    }
}
