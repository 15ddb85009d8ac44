package io.nubo.identity.assignment;

import io.nubo.identity.group.GroupMemberEntity;
import io.nubo.identity.group.GroupMemberRepository;
import io.nubo.identity.token.RevocationStore;
import io.nubo.identity.error.IdentityError;
import java.util.List;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Removes a grant and revokes the tokens it stood behind: the user's (or every member's) tokens on that project or
 * domain; for a grant inherited to projects or on the system, all of their tokens (Keystone's tokens name no
 * inheritance source, so this errs on the safe side).
 */
@Service
public class GrantRevocations {

    private final RoleAssignments assignments;
    private final GroupMemberRepository members;
    private final RevocationStore revocations;

    public GrantRevocations(RoleAssignments assignments, GroupMemberRepository members, RevocationStore revocations) {
        this.assignments = assignments;
        this.members = members;
        this.revocations = revocations;
    }

    @Transactional
    public void remove(RoleAssignmentEntity.Key grant) {
        if (!assignments.revoke(grant)) {
            throw IdentityError.NOT_FOUND.exception("role assignment", grant.roleId());
        }
        List<String> affected = RoleAssignmentEntity.USER.equals(grant.actorType()) ? List.of(grant.actorId())
                : members.findByGroupId(grant.actorId()).stream().map(GroupMemberEntity::getUserId).toList();
        for (String userId : affected) {
            if (grant.inherited() || RoleAssignmentEntity.SYSTEM.equals(grant.targetType())) {
                revocations.revokeUser(userId);
            } else if (RoleAssignmentEntity.PROJECT.equals(grant.targetType())) {
                revocations.revokeUserOn(userId, grant.targetId(), null);
            } else {
                revocations.revokeUserOn(userId, null, grant.targetId());
            }
        }
    }
}
