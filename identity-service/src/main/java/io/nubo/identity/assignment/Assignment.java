package io.nubo.identity.assignment;

/**
 * One role assignment as {@code /v3/role_assignments} lists it: a stored grant, or (in the effective view) one
 * derived from a grant through group membership, inheritance to projects, or an implied role.
 *
 * @param grant       the stored grant it comes from (itself for a stored grant): the {@code assignment} link
 * @param viaGroupId  the group whose membership gives it to the user, or null: the {@code membership} link
 * @param priorRoleId the role that implies this one, or null: the {@code prior_role} link
 */
public record Assignment(String actorType, String actorId, String targetType, String targetId, String roleId,
                         boolean inherited, RoleAssignmentEntity.Key grant, String viaGroupId, String priorRoleId) {

    static Assignment of(RoleAssignmentEntity e) {
        RoleAssignmentEntity.Key k = e.key();
        return new Assignment(k.actorType(), k.actorId(), k.targetType(), k.targetId(), k.roleId(), k.inherited(), k,
                null, null);
    }

    Assignment forUser(String userId, String groupId) {
        return new Assignment(RoleAssignmentEntity.USER, userId, targetType, targetId, roleId, inherited, grant,
                groupId, priorRoleId);
    }

    Assignment onProject(String projectId) {
        return new Assignment(actorType, actorId, RoleAssignmentEntity.PROJECT, projectId, roleId, false, grant,
                viaGroupId, priorRoleId);
    }

    Assignment implying(String impliedRoleId) {
        return new Assignment(actorType, actorId, targetType, targetId, impliedRoleId, inherited, grant, viaGroupId,
                roleId);
    }

    public boolean isUser() {
        return RoleAssignmentEntity.USER.equals(actorType);
    }
}
