package io.nubo.identity.trust;

import io.nubo.identity.assignment.RoleAssignmentEntity;
import io.nubo.identity.assignment.RoleAssignments;
import io.nubo.identity.directory.RoleEntity;
import io.nubo.identity.token.TokenBody;
import io.nubo.identity.token.TrustRedeemer;
import java.time.Instant;
import java.util.List;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** Trust-scoped authentication: the trustee uses the trust; the token carries the delegated roles still held. */
@Component
public class TrustMethod implements TrustRedeemer {

    private final TrustRepository trusts;
    private final RoleAssignments assignments;

    public TrustMethod(TrustRepository trusts, RoleAssignments assignments) {
        this.trusts = trusts;
        this.assignments = assignments;
    }

    @Override
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public Redeemed redeem(String trustId, String trusteeUserId) {
        TrustEntity t = trusts.findById(trustId).orElse(null);
        if (t == null || !t.getTrusteeUserId().equals(trusteeUserId) || t.expired(Instant.now()) || !t.use()) {
            return null;
        }
        List<String> roleNames = t.getProjectId() == null ? List.of()
                : assignments.rolesOf(t.getTrustorUserId(), RoleAssignmentEntity.PROJECT, t.getProjectId()).stream()
                .filter(r -> t.getRoleIds().contains(r.getId())).map(RoleEntity::getName).toList();
        return new Redeemed(t.getId(), t.isImpersonation() ? t.getTrustorUserId() : t.getTrusteeUserId(),
                t.getProjectId(), roleNames, Trusts.auditChainOf(t.getId()));
    }

    @Override
    @Transactional(readOnly = true)
    public TokenBody.Trust describe(String trustId) {
        return trusts.findById(trustId).map(t -> new TokenBody.Trust(t.getId(), t.isImpersonation(),
                new TokenBody.IdRef(t.getTrusteeUserId()), new TokenBody.IdRef(t.getTrustorUserId()))).orElse(null);
    }
}
