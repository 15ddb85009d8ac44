package io.nubo.identity.appcred;

import io.nubo.identity.assignment.RoleAssignmentEntity;
import io.nubo.identity.assignment.RoleAssignments;
import io.nubo.identity.directory.RoleEntity;
import io.nubo.identity.directory.UserDeleted;
import io.nubo.identity.token.RevocationStore;
import io.nubo.identity.error.IdentityError;
import io.nubo.shared.events.TokenRevoked;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import org.springframework.context.event.EventListener;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Application credentials: a user delegates a subset of its roles on one project to a secret (kept as a bcrypt
 * hash only, shown once). Deleting one revokes the tokens issued with it.
 */
@Service
public class ApplicationCredentials {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final ApplicationCredentialRepository credentials;
    private final AccessRuleRepository rules;
    private final RoleAssignments assignments;
    private final PasswordEncoder passwords;
    private final RevocationStore revocations;

    public ApplicationCredentials(ApplicationCredentialRepository credentials, AccessRuleRepository rules,
                                  RoleAssignments assignments, PasswordEncoder passwords,
                                  RevocationStore revocations) {
        this.credentials = credentials;
        this.rules = rules;
        this.assignments = assignments;
        this.passwords = passwords;
        this.revocations = revocations;
    }

    /** A new credential and its secret (the only time the secret is seen). */
    public record Created(ApplicationCredentialEntity credential, String secret) {
    }

    @Transactional
    public Created create(String userId, String projectId, ApplicationCredentialInput in) {
        if (in.name() == null || in.name().isBlank() || in.name().length() > 255) {
            throw IdentityError.VALIDATION.exception("name", "a name of 1 to 255 characters is required");
        }
        if (credentials.findByUserIdAndName(userId, in.name()).isPresent()) {
            throw IdentityError.CONFLICT.exception("application_credential", in.name(), "");
        }
        List<RoleEntity> held = assignments.rolesOf(userId, RoleAssignmentEntity.PROJECT, projectId);
        List<String> roleIds = new ArrayList<>();
        if (in.roles() == null || in.roles().isEmpty()) {
            held.forEach(r -> roleIds.add(r.getId()));
        } else {
            for (ApplicationCredentialInput.RoleRef ref : in.roles()) {
                RoleEntity r = held.stream().filter(h -> ref.id() != null ? h.getId().equals(ref.id())
                        : h.getName().equals(ref.name())).findFirst()
                        .orElseThrow(() -> IdentityError.BAD_REQUEST.exception("Invalid application credential: the "
                                + "user does not hold role " + (ref.id() != null ? ref.id() : ref.name())
                                + " on the project."));
                if (!roleIds.contains(r.getId())) {
                    roleIds.add(r.getId());
                }
            }
        }
        java.time.Instant expiresAt = ApplicationCredentialInput.parseTime(in.expiresAt());
        if (expiresAt != null && expiresAt.isBefore(java.time.Instant.now())) {
            throw IdentityError.BAD_REQUEST.exception("The 'expires_at' must not be before now.");
        }
        String secret = in.secret() != null && !in.secret().isBlank() ? in.secret() : newSecret();
        ApplicationCredentialEntity c = new ApplicationCredentialEntity(UUID.randomUUID().toString().replace("-", ""),
                in.name(), userId, projectId, passwords.encode(secret), in.description(),
                expiresAt, Boolean.TRUE.equals(in.unrestricted()),
                roleIds);
        if (in.accessRules() != null) {
            in.accessRules().forEach(r -> c.getAccessRuleIds().add(accessRule(userId, r).getId()));
        }
        return new Created(credentials.save(c), secret);
    }

    @Transactional(readOnly = true)
    public ApplicationCredentialEntity get(String userId, String id) {
        return credentials.findById(id).filter(c -> c.getUserId().equals(userId))
                .orElseThrow(() -> IdentityError.NOT_FOUND.exception("application credential", id));
    }

    @Transactional
    public void delete(String userId, String id) {
        ApplicationCredentialEntity c = get(userId, id);
        credentials.delete(c);
        Instant now = Instant.now();
        revocations.revoke(new TokenRevoked(null, auditChainOf(id), null, null, null, now, now));
    }

    @Transactional
    public void deleteAccessRule(String userId, String ruleId) {
        AccessRuleEntity r = rules.findById(ruleId).filter(x -> x.getUserId().equals(userId))
                .orElseThrow(() -> IdentityError.NOT_FOUND.exception("access rule", ruleId));
        if (credentials.existsByAccessRuleIdsContains(ruleId)) {
            throw IdentityError.FORBIDDEN_ACTION.exception("Cannot delete access rule " + ruleId
                    + ": an application credential still uses it.");
        }
        rules.delete(r);
    }

    /** The credential a secret opens, or null (unknown, wrong secret or expired: the caller answers 401). */
    @Transactional(readOnly = true)
    public ApplicationCredentialEntity open(ApplicationCredentialEntity c, String secret) {
        if (c == null || secret == null || c.expired(Instant.now()) || !passwords.matches(secret, c.getSecretHash())) {
            return null;
        }
        return c;
    }

    @EventListener
    public void onUserDeleted(UserDeleted e) {
        credentials.deleteAll(credentials.findByUserIdOrderByName(e.userId()));
        credentials.flush();
        rules.deleteByUserId(e.userId());
    }

    /**
     * The audit chain id every token issued with this credential carries (22 characters, like Keystone's audit
     * ids), so that deleting the credential revokes exactly those tokens.
     */
    public static String auditChainOf(String credentialId) {
        byte[] id = HexFormat.of().parseHex(credentialId.length() >= 32 ? credentialId.substring(0, 32)
                : String.format("%32s", credentialId).replace(' ', '0'));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(ByteBuffer.wrap(id).array());
    }

    private AccessRuleEntity accessRule(String userId, ApplicationCredentialInput.AccessRuleInput in) {
        if (in.id() != null) {
            return rules.findById(in.id()).filter(r -> r.getUserId().equals(userId))
                    .orElseThrow(() -> IdentityError.NOT_FOUND.exception("access rule", in.id()));
        }
        if (in.service() == null || in.path() == null || in.method() == null) {
            throw IdentityError.VALIDATION.exception("access_rules", "each rule needs service, path and method");
        }
        return rules.findByUserIdAndServiceAndPathAndMethod(userId, in.service(), in.path(), in.method())
                .orElseGet(() -> rules.save(new AccessRuleEntity(UUID.randomUUID().toString().replace("-", ""),
                        userId, in.service(), in.path(), in.method())));
    }

    private static String newSecret() {
        byte[] b = new byte[64];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }
}
