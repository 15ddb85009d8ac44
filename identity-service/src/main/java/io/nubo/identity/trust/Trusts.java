package io.nubo.identity.trust;

import io.nubo.identity.assignment.RoleAssignmentEntity;
import io.nubo.identity.assignment.RoleAssignments;
import io.nubo.identity.directory.ProjectRepository;
import io.nubo.identity.directory.RoleEntity;
import io.nubo.identity.directory.UserDeleted;
import io.nubo.identity.directory.UserRepository;
import io.nubo.identity.token.RevocationStore;
import io.nubo.identity.error.IdentityError;
import io.nubo.shared.events.TokenRevoked;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Trusts: a trustor delegates some of the roles it holds on a project to a trustee, who then gets project tokens
 * with those roles (as the trustor when impersonating). Deleting a trust revokes the tokens issued with it.
 */
@Service
public class Trusts {

    private final TrustRepository trusts;
    private final UserRepository users;
    private final ProjectRepository projects;
    private final RoleAssignments assignments;
    private final RevocationStore revocations;

    public Trusts(TrustRepository trusts, UserRepository users, ProjectRepository projects,
                  RoleAssignments assignments, RevocationStore revocations) {
        this.trusts = trusts;
        this.users = users;
        this.projects = projects;
        this.assignments = assignments;
        this.revocations = revocations;
    }

    @Transactional
    public TrustEntity create(String callerUserId, TrustInput in) {
        boolean impersonation = in.impersonates();
        if (in.trustorUserId() == null || in.trusteeUserId() == null) {
            throw IdentityError.VALIDATION.exception("trust", "'trustor_user_id' and 'trustee_user_id' are required");
        }
        if (!in.trustorUserId().equals(callerUserId)) {
            throw IdentityError.FORBIDDEN_ACTION.exception("The authenticated user should match the trustor.");
        }
        if (!users.existsById(in.trusteeUserId())) {
            throw IdentityError.NOT_FOUND.exception("user", in.trusteeUserId());
        }
        Instant expires = null;
        if (in.expiresAt() != null) {
            try {
                expires = OffsetDateTime.parse(in.expiresAt()).toInstant();
            } catch (DateTimeParseException e) {
                throw IdentityError.VALIDATION.exception("expires_at", "'" + in.expiresAt()
                        + "' is not an ISO 8601 time");
            }
        }
        if (in.remainingUses() != null && in.remainingUses() < 1) {
            throw IdentityError.VALIDATION.exception("remaining_uses", "must be a positive integer or null");
        }
        List<String> roleIds = new ArrayList<>();
        if (in.projectId() != null) {
            if (!projects.existsById(in.projectId())) {
                throw IdentityError.NOT_FOUND.exception("project", in.projectId());
            }
            List<RoleEntity> held = assignments.rolesOf(callerUserId, RoleAssignmentEntity.PROJECT, in.projectId());
            for (TrustInput.RoleRef ref : in.roles() == null ? List.<TrustInput.RoleRef>of() : in.roles()) {
                RoleEntity r = held.stream().filter(h -> ref.id() != null ? h.getId().equals(ref.id())
                        : h.getName().equals(ref.name())).findFirst()
                        .orElseThrow(() -> IdentityError.FORBIDDEN_ACTION.exception("The trustor does not hold role "
                                + (ref.id() != null ? ref.id() : ref.name()) + " on the project."));
                if (!roleIds.contains(r.getId())) {
                    roleIds.add(r.getId());
                }
            }
        } else if (in.roles() != null && !in.roles().isEmpty()) {
            throw IdentityError.VALIDATION.exception("project_id", "roles can only be delegated on a project");
        }
        return trusts.save(new TrustEntity(UUID.randomUUID().toString().replace("-", ""), in.trustorUserId(),
                in.trusteeUserId(), in.projectId(), impersonation, expires, in.remainingUses(),
                Boolean.TRUE.equals(in.allowRedelegation()), roleIds));
    }

    /** A trust the caller may see: its trustor's, its trustee's, or an administrator's; 404 otherwise. */
    @Transactional(readOnly = true)
    public TrustEntity visible(String id, String callerUserId, boolean admin) {
        TrustEntity t = trusts.findById(id).filter(x -> !x.expired(Instant.now()))
                .orElseThrow(() -> IdentityError.NOT_FOUND.exception("trust", id));
        if (!admin && !callerUserId.equals(t.getTrustorUserId()) && !callerUserId.equals(t.getTrusteeUserId())) {
            throw IdentityError.NOT_FOUND.exception("trust", id);
        }
        return t;
    }

    @Transactional
    public void delete(String id, String callerUserId, boolean admin) {
        TrustEntity t = visible(id, callerUserId, admin);
        if (!admin && !callerUserId.equals(t.getTrustorUserId())) {
            throw IdentityError.FORBIDDEN.exception();
        }
        trusts.delete(t);
        Instant now = Instant.now();
        revocations.revoke(new TokenRevoked(null, auditChainOf(id), null, null, null, now, now));
    }

    @EventListener
    public void onUserDeleted(UserDeleted e) {
        trusts.deleteAll(trusts.findByTrustorUserIdOrTrusteeUserId(e.userId(), e.userId()));
    }

    /** Carried by every token issued with the trust, so that deleting it revokes exactly those tokens. */
    public static String auditChainOf(String trustId) {
        byte[] id = HexFormat.of().parseHex(trustId.substring(0, 32));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(ByteBuffer.wrap(id).array());
    }
}
