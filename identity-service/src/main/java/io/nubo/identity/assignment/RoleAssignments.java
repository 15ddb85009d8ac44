package io.nubo.identity.assignment;

import io.nubo.identity.directory.RoleEntity;
import io.nubo.identity.directory.RoleRepository;
import io.nubo.identity.group.GroupMemberEntity;
import io.nubo.identity.group.GroupMemberRepository;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Role grants to users and groups on projects, domains and the system, and the roles a user effectively holds:
 * its own grants plus those of every group it belongs to. Inheritance comes with the rest of issue 3.
 */
@Service
public class RoleAssignments {

    private final RoleAssignmentRepository assignments;
    private final RoleRepository roles;
    private final GroupMemberRepository members;

    public RoleAssignments(RoleAssignmentRepository assignments, RoleRepository roles, GroupMemberRepository members) {
        this.assignments = assignments;
        this.roles = roles;
        this.members = members;
    }

    /** The roles a user effectively holds on a target, sorted by name. */
    @Transactional(readOnly = true)
    public List<RoleEntity> rolesOf(String userId, String targetType, String targetId) {
        Set<String> ids = new HashSet<>(directRoleIds(RoleAssignmentEntity.USER, userId, targetType, targetId));
        for (String group : groupsOf(userId)) {
            ids.addAll(directRoleIds(RoleAssignmentEntity.GROUP, group, targetType, targetId));
        }
        return sortedRoles(ids);
    }

    /** The roles granted to exactly this actor on a target (no group expansion), sorted by name. */
    @Transactional(readOnly = true)
    public List<RoleEntity> grantedTo(String actorType, String actorId, String targetType, String targetId) {
        return sortedRoles(directRoleIds(actorType, actorId, targetType, targetId));
    }

    /** Ids of the projects on which the user holds any role, directly or through a group. */
    @Transactional(readOnly = true)
    public Set<String> projectsOf(String userId) {
        Set<String> projects = assignments.findByActorTypeAndActorIdAndTargetType(RoleAssignmentEntity.USER, userId,
                RoleAssignmentEntity.PROJECT).stream().map(RoleAssignmentEntity::getTargetId)
                .collect(Collectors.toCollection(HashSet::new));
        for (String group : groupsOf(userId)) {
            assignments.findByActorTypeAndActorIdAndTargetType(RoleAssignmentEntity.GROUP, group,
                    RoleAssignmentEntity.PROJECT).forEach(a -> projects.add(a.getTargetId()));
        }
        return projects;
    }

    /** Ids of the domains on which the user holds any role, directly or through a group. */
    @Transactional(readOnly = true)
    public Set<String> domainsOf(String userId) {
        Set<String> domains = assignments.findByActorTypeAndActorIdAndTargetType(RoleAssignmentEntity.USER, userId,
                RoleAssignmentEntity.DOMAIN).stream().map(RoleAssignmentEntity::getTargetId)
                .collect(Collectors.toCollection(HashSet::new));
        for (String group : groupsOf(userId)) {
            assignments.findByActorTypeAndActorIdAndTargetType(RoleAssignmentEntity.GROUP, group,
                    RoleAssignmentEntity.DOMAIN).forEach(a -> domains.add(a.getTargetId()));
        }
        return domains;
    }

    @Transactional
    public void grant(String userId, String targetType, String targetId, String roleId) {
        grant(RoleAssignmentEntity.USER, userId, targetType, targetId, roleId);
    }

    @Transactional
    public void grant(String actorType, String actorId, String targetType, String targetId, String roleId) {
        RoleAssignmentEntity.Key key = new RoleAssignmentEntity.Key(actorType, actorId, targetType, targetId, roleId,
                false);
        if (!assignments.existsById(key)) {
            assignments.save(new RoleAssignmentEntity(actorType, actorId, targetType, targetId, roleId));
        }
    }

    /** Removes a grant; false when there was none. */
    @Transactional
    public boolean revoke(String actorType, String actorId, String targetType, String targetId, String roleId) {
        RoleAssignmentEntity.Key key = new RoleAssignmentEntity.Key(actorType, actorId, targetType, targetId, roleId,
                false);
        if (!assignments.existsById(key)) {
            return false;
        }
        assignments.deleteById(key);
        return true;
    }

    @Transactional(readOnly = true)
    public boolean has(String actorType, String actorId, String targetType, String targetId, String roleId) {
        return assignments.existsById(new RoleAssignmentEntity.Key(actorType, actorId, targetType, targetId, roleId,
                false));
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

    @Transactional
    public void forgetGroup(String groupId) {
        assignments.deleteByActorTypeAndActorId(RoleAssignmentEntity.GROUP, groupId);
        members.deleteByGroupId(groupId);
    }

    @Transactional
    public void forgetRole(String roleId) {
        assignments.deleteByRoleId(roleId);
    }

    private Set<String> directRoleIds(String actorType, String actorId, String targetType, String targetId) {
        return assignments.findByActorTypeAndActorIdAndTargetTypeAndTargetId(actorType, actorId, targetType, targetId)
                .stream().map(RoleAssignmentEntity::getRoleId).collect(Collectors.toSet());
    }

    private Set<String> groupsOf(String userId) {
        return members.findByUserId(userId).stream().map(GroupMemberEntity::getGroupId).collect(Collectors.toSet());
    }

    private List<RoleEntity> sortedRoles(Set<String> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return roles.findByIdIn(ids).stream().sorted(Comparator.comparing(RoleEntity::getName)).toList();
    }
}
