package io.nubo.identity.assignment;

import io.nubo.identity.directory.RoleEntity;
import io.nubo.identity.directory.RoleRepository;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Which roles a user holds on a target. Group membership and inheritance come with the full Keystone API. */
@Service
public class RoleAssignments {

    private final RoleAssignmentRepository assignments;
    private final RoleRepository roles;

    public RoleAssignments(RoleAssignmentRepository assignments, RoleRepository roles) {
        this.assignments = assignments;
        this.roles = roles;
    }

    @Transactional(readOnly = true)
    public List<RoleEntity> rolesOf(String userId, String targetType, String targetId) {
        Set<String> ids = assignments.findByActorTypeAndActorIdAndTargetTypeAndTargetId(RoleAssignmentEntity.USER,
                userId, targetType, targetId).stream().map(RoleAssignmentEntity::getRoleId).collect(Collectors.toSet());
        if (ids.isEmpty()) {
            return List.of();
        }
        return roles.findByIdIn(ids).stream().sorted(Comparator.comparing(RoleEntity::getName)).toList();
    }

    /** Ids of the projects on which the user holds any role. */
    @Transactional(readOnly = true)
    public Set<String> projectsOf(String userId) {
        return assignments.findByActorTypeAndActorIdAndTargetType(RoleAssignmentEntity.USER, userId,
                RoleAssignmentEntity.PROJECT).stream().map(RoleAssignmentEntity::getTargetId)
                .collect(Collectors.toSet());
    }

    @Transactional
    public void grant(String userId, String targetType, String targetId, String roleId) {
        RoleAssignmentEntity.Key key = new RoleAssignmentEntity.Key(RoleAssignmentEntity.USER, userId, targetType,
                targetId, roleId, false);
        if (!assignments.existsById(key)) {
            assignments.save(new RoleAssignmentEntity(RoleAssignmentEntity.USER, userId, targetType, targetId, roleId));
        }
    }

    /** Removes a grant; false when there was none. */
    @Transactional
    public boolean revoke(String userId, String targetType, String targetId, String roleId) {
        RoleAssignmentEntity.Key key = new RoleAssignmentEntity.Key(RoleAssignmentEntity.USER, userId, targetType,
                targetId, roleId, false);
        if (!assignments.existsById(key)) {
            return false;
        }
        assignments.deleteById(key);
        return true;
    }

    @Transactional(readOnly = true)
    public boolean has(String userId, String targetType, String targetId, String roleId) {
        return assignments.existsById(new RoleAssignmentEntity.Key(RoleAssignmentEntity.USER, userId, targetType,
                targetId, roleId, false));
    }

    @Transactional
    public void forgetTarget(String targetType, String targetId) {
        assignments.deleteByTargetTypeAndTargetId(targetType, targetId);
    }

    @Transactional
    public void forgetUser(String userId) {
        assignments.deleteByActorTypeAndActorId(RoleAssignmentEntity.USER, userId);
    }

    @Transactional
    public void forgetRole(String roleId) {
        assignments.deleteByRoleId(roleId);
    }
}
