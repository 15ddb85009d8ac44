package io.nubo.identity.assignment;

import io.nubo.identity.directory.DomainDeleted;
import io.nubo.identity.directory.ProjectDeleted;
import io.nubo.identity.directory.RoleDeleted;
import io.nubo.identity.directory.RoleEntity;
import io.nubo.identity.directory.RoleRepository;
import io.nubo.identity.directory.UserDeleted;
import io.nubo.identity.events.IdentityEvents;
import io.nubo.identity.group.GroupMemberRepository;
import io.nubo.identity.token.RevocationStore;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Role grants to users and groups on projects, domains and the system (optionally inherited to the projects
 * below), and what a user effectively holds: see {@link EffectiveAssignments}.
 */
@Service
public class RoleAssignments {

    private final RoleAssignmentRepository assignments;
    private final RoleRepository roles;
    private final GroupMemberRepository members;
    private final ImpliedRoleRepository implied;
    private final EffectiveAssignments effective;
    private final IdentityEvents events;
    private final RevocationStore revocations;

    public RoleAssignments(RoleAssignmentRepository assignments, RoleRepository roles, GroupMemberRepository members,
                           ImpliedRoleRepository implied, EffectiveAssignments effective, IdentityEvents events,
                           RevocationStore revocations) {
        this.revocations = revocations;
        this.events = events;
        this.assignments = assignments;
        this.roles = roles;
        this.members = members;
        this.implied = implied;
        this.effective = effective;
    }

    /** The roles a user effectively holds on a target (groups, inheritance, implied roles), sorted by name. */
    @Transactional(readOnly = true)
    public List<RoleEntity> rolesOf(String userId, String targetType, String targetId) {
        return sortedRoles(effective.roleIdsOf(userId, targetType, targetId));
    }

    /** The roles granted to exactly this actor on a target (no expansion), sorted by name. */
    @Transactional(readOnly = true)
    public List<RoleEntity> grantedTo(String actorType, String actorId, String targetType, String targetId,
                                      boolean inherited) {
        return sortedRoles(assignments.findByActorTypeAndActorIdAndTargetTypeAndTargetIdAndInherited(actorType,
                actorId, targetType, targetId, inherited).stream().map(RoleAssignmentEntity::getRoleId)
                .collect(Collectors.toSet()));
    }

    /** Ids of the projects on which the user effectively holds a role. */
    @Transactional(readOnly = true)
    public Set<String> projectsOf(String userId) {
        return targetsOf(userId, RoleAssignmentEntity.PROJECT);
    }

    /** Ids of the domains on which the user effectively holds a role. */
    @Transactional(readOnly = true)
    public Set<String> domainsOf(String userId) {
        return targetsOf(userId, RoleAssignmentEntity.DOMAIN);
    }

    @Transactional
    public void grant(String userId, String targetType, String targetId, String roleId) {
        grant(new RoleAssignmentEntity.Key(RoleAssignmentEntity.USER, userId, targetType, targetId, roleId, false));
    }

    @Transactional
    public void grant(RoleAssignmentEntity.Key key) {
        if (!assignments.existsById(key)) {
            assignments.save(new RoleAssignmentEntity(key));
            events.assignmentCreated(key.actorType(), key.actorId(), key.targetType(), key.targetId(), key.roleId(),
                    key.inherited());
        }
    }

    /** Removes a grant; false when there was none. */
    @Transactional
    public boolean revoke(RoleAssignmentEntity.Key key) {
        if (!assignments.existsById(key)) {
            return false;
        }
        assignments.deleteById(key);
        events.assignmentRemoved(key.actorType(), key.actorId(), key.targetType(), key.targetId(), key.roleId(),
                key.inherited());
        return true;
    }

    @Transactional(readOnly = true)
    public boolean has(RoleAssignmentEntity.Key key) {
        return assignments.existsById(key);
    }

    @Transactional
    public void forgetTarget(String targetType, String targetId) {
        assignments.deleteByTargetTypeAndTargetId(targetType, targetId);
    }

    @Transactional
    public void forgetUser(String userId) {
        assignments.deleteByActorTypeAndActorId(RoleAssignmentEntity.USER, userId);
        members.deleteByUserId(userId);
    }

    /** A deleted user's grants and group memberships go with it (published by directory, in its transaction). */
    @EventListener
    public void onUserDeleted(UserDeleted e) {
        forgetUser(e.userId());
    }

    /** So do the grants on a deleted domain. */
    @EventListener
    public void onDomainDeleted(DomainDeleted e) {
        forgetTarget(RoleAssignmentEntity.DOMAIN, e.domainId());
    }

    /** And the grants on a deleted project. */
    @EventListener
    public void onProjectDeleted(ProjectDeleted e) {
        forgetTarget(RoleAssignmentEntity.PROJECT, e.projectId());
    }

    /** A deleted role's grants and inference rules go with it; whoever held it loses tokens that carried it. */
    @EventListener
    public void onRoleDeleted(RoleDeleted e) {
        forgetRole(e.roleId()).forEach(revocations::revokeUser);
    }

    @Transactional
    public void forgetGroup(String groupId) {
        assignments.deleteByActorTypeAndActorId(RoleAssignmentEntity.GROUP, groupId);
        members.deleteByGroupId(groupId);
    }

    /** Deletes a role's grants and inference rules; returns the ids of the users who held it directly or by group. */
    @Transactional
    public Set<String> forgetRole(String roleId) {
        Set<String> holders = assignments.findByRoleId(roleId).stream()
                .flatMap(a -> RoleAssignmentEntity.USER.equals(a.getActorType()) ? java.util.stream.Stream.of(
                        a.getActorId()) : members.findByGroupId(a.getActorId()).stream().map(m -> m.getUserId()))
                .collect(Collectors.toSet());
        assignments.deleteByRoleId(roleId);
        implied.deleteByPriorRoleId(roleId);
        implied.deleteByImpliedRoleId(roleId);
        return holders;
    }

    private Set<String> targetsOf(String userId, String targetType) {
        return effective.effective(effective.grantsReaching(userId), userId).stream()
                .filter(a -> a.targetType().equals(targetType)).map(Assignment::targetId).collect(Collectors.toSet());
    }

    private List<RoleEntity> sortedRoles(Set<String> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return roles.findByIdIn(ids).stream().sorted(Comparator.comparing(RoleEntity::getName)).toList();
    }
}
