package io.nubo.identity.token;

import io.nubo.identity.assignment.RoleAssignmentEntity;
import io.nubo.identity.assignment.RoleAssignments;
import io.nubo.identity.compliance.LoginAttempts;
import io.nubo.identity.directory.DomainEntity;
import io.nubo.identity.directory.DomainRepository;
import io.nubo.identity.directory.ProjectEntity;
import io.nubo.identity.directory.ProjectRepository;
import io.nubo.identity.directory.RoleEntity;
import io.nubo.identity.directory.UserEntity;
import io.nubo.identity.directory.UserRepository;
import io.nubo.identity.error.IdentityError;
import io.nubo.shared.security.TokenCheck;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Turns an auth request into {@link TokenFacts}: proves who the caller is (password or an existing token), then
 * resolves the requested scope and the roles held on it. Every failure to authenticate is the same 401.
 */
@Service
public class Authenticator {

    private final UserRepository users;
    private final DomainRepository domains;
    private final ProjectRepository projects;
    private final RoleAssignments assignments;
    private final PasswordEncoder passwords;
    private final TokenCodec codec;
    private final RevocationStore revocations;
    private final Duration lifetime;
    private final ApplicationCredentialVerifier credentials;
    private final TrustRedeemer trusts;
    private final LoginAttempts attempts;

    public Authenticator(UserRepository users, DomainRepository domains, ProjectRepository projects,
                         RoleAssignments assignments, PasswordEncoder passwords, TokenCodec codec,
                         RevocationStore revocations, @Value("${nubo.identity.token.expiration:1h}") Duration lifetime,
                         ApplicationCredentialVerifier credentials, TrustRedeemer trusts, LoginAttempts attempts) {
        this.attempts = attempts;
        this.trusts = trusts;
        this.credentials = credentials;
        this.users = users;
        this.domains = domains;
        this.projects = projects;
        this.assignments = assignments;
        this.passwords = passwords;
        this.codec = codec;
        this.revocations = revocations;
        this.lifetime = lifetime;
    }

    @Transactional(readOnly = true)
    public TokenFacts authenticate(AuthRequest request) {
        if (request == null || request.auth() == null || request.auth().identity() == null) {
            throw IdentityError.BAD_REQUEST.exception("Expecting to find identity in auth.");
        }
        AuthRequest.Identity identity = request.auth().identity();
        if (identity.methods() == null || identity.methods().isEmpty()) {
            throw IdentityError.BAD_REQUEST.exception("Expecting to find methods in identity.");
        }
        // Keystone's AuthInfo.get_method_names: each method once, in order; the token must never carry repeats
        List<String> methods = List.copyOf(new java.util.LinkedHashSet<>(identity.methods()));
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        UserEntity user;
        List<String> auditIds = new ArrayList<>();
        auditIds.add(newAuditId());
        Instant expires = now.plus(lifetime);
        List<String> tokenMethods = new ArrayList<>(methods);
        String appCredId = null;
        ApplicationCredentialVerifier.Verified delegated = null;
        if (methods.contains("application_credential")) {
            delegated = credentials.verify(identity.applicationCredential());
            if (delegated == null) {
                throw IdentityError.UNAUTHORIZED.exception();
            }
            user = users.findById(delegated.userId()).orElseThrow(IdentityError.UNAUTHORIZED::exception);
            auditIds.add(delegated.auditChainId());
            appCredId = delegated.credentialId();
            tokenMethods = List.of("application_credential");
        } else if (methods.contains("password")) {
            user = byPassword(identity.password());
        } else if (methods.contains("token")) {
            TokenFacts original = byToken(identity.token());
            user = users.findById(original.userId()).orElseThrow(IdentityError.UNAUTHORIZED::exception);
            auditIds.add(original.auditIds().get(original.auditIds().size() - 1));
            expires = original.expiresAt();
            // Keystone: a rescoped token carries the methods of the token it came from, plus "token"
            tokenMethods = new ArrayList<>(original.methods());
            if (!tokenMethods.contains("token")) {
                tokenMethods.add("token");
            }
            if (original.applicationCredentialId() != null || original.trustId() != null) {
                // Keystone: a token from an application credential cannot be rescoped or renewed
                throw IdentityError.FORBIDDEN_ACTION.exception("Using a token issued with an application credential "
                        + "to get another token is not allowed.");
            }
        } else {
            throw IdentityError.UNAUTHORIZED.exception();
        }
        if (!user.isEnabled() || !domainEnabled(user.getDomainId())) {
            throw IdentityError.UNAUTHORIZED.exception();
        }
        TokenScope scope;
        List<String> roles;
        String trustId = null;
        AuthRequest.Scope asked = request.auth().scope();
        if (delegated == null && asked != null && asked.trust() != null) {
            TrustRedeemer.Redeemed trust = redeemTrust(asked, user);
            user = users.findById(trust.tokenUserId()).filter(UserEntity::isEnabled)
                    .orElseThrow(IdentityError.UNAUTHORIZED::exception);
            ProjectEntity p = projects.findById(trust.projectId()).filter(ProjectEntity::isEnabled)
                    .orElseThrow(IdentityError.UNAUTHORIZED::exception);
            scope = new TokenScope.Project(p.getId(), p.getDomainId());
            roles = trust.roleNames();
            trustId = trust.trustId();
            auditIds.add(trust.auditChainId());
        } else if (delegated != null) {
            scope = delegatedScope(delegated, request.auth().scope());
            roles = delegatedRoles(user, delegated);
        } else {
            scope = request.auth().scope() == null ? defaultProjectScope(user) : resolveScope(request.auth().scope());
            roles = rolesOn(user, scope);
        }
        return new TokenFacts(user.getId(), user.getDomainId(), List.copyOf(tokenMethods), auditIds, scope, roles, now,
                expires, appCredId, trustId);
    }

    private UserEntity byPassword(AuthRequest.Password password) {
        if (password == null || password.user() == null) {
            throw IdentityError.BAD_REQUEST.exception("Expecting to find user in password.");
        }
        AuthRequest.User u = password.user();
        if (u.password() == null) {
            throw IdentityError.BAD_REQUEST.exception("Expecting to find password in user.");
        }
        UserEntity user;
        if (u.id() != null) {
            user = users.findById(u.id()).orElse(null);
        } else if (u.name() != null) {
            if (u.domain() == null || (u.domain().id() == null && u.domain().name() == null)) {
                throw IdentityError.BAD_REQUEST.exception("Expecting to find domain in user.");
            }
            String domainId = domainId(u.domain());
            user = domainId == null ? null : users.findByDomainIdAndName(domainId, u.name()).orElse(null);
        } else {
            throw IdentityError.BAD_REQUEST.exception("Expecting to find id or name in user.");
        }
        if (user == null || user.getPasswordHash() == null) {
            throw IdentityError.UNAUTHORIZED.exception();
        }
        // a locked-out user gets the same 401 as a wrong password: nothing tells the two apart
        if (attempts.lockedOut(user.getFailedAuthCount(), user.getFailedAuthAt())) {
            throw IdentityError.UNAUTHORIZED.exception();
        }
        if (!passwords.matches(u.password(), user.getPasswordHash())) {
            attempts.failed(user.getId());
            throw IdentityError.UNAUTHORIZED.exception();
        }
        if (user.getFailedAuthCount() > 0) {
            attempts.succeeded(user.getId());
        }
        return user;
    }

    private TokenFacts byToken(AuthRequest.TokenMethod token) {
        if (token == null || token.id() == null) {
            throw IdentityError.BAD_REQUEST.exception("Expecting to find id in token.");
        }
        TokenCheck check = codec.check(token.id());
        if (check instanceof TokenCheck.Revoked) {
            throw IdentityError.TOKEN_NOT_FOUND.exception("the token has been revoked");
        }
        if (!(check instanceof TokenCheck.Verified verified)) {
            throw IdentityError.UNAUTHORIZED.exception();
        }
        TokenFacts facts = codec.facts(verified);
        if (revocations.isRevoked(facts)) {
            // Keystone's token method cannot find a revoked token: 404, as Tempest expects after a password change
            throw IdentityError.TOKEN_NOT_FOUND.exception("the token has been revoked");
        }
        return facts;
    }

    /** The trust named in the scope, used by its trustee; a 401 when it cannot be (or grants no role). */
    private TrustRedeemer.Redeemed redeemTrust(AuthRequest.Scope asked, UserEntity trustee) {
        Object id = asked.trust().get("id");
        if (!(id instanceof String trustId)) {
            throw IdentityError.BAD_REQUEST.exception("Expecting to find id in OS-TRUST:trust.");
        }
        TrustRedeemer.Redeemed trust = trusts.redeem(trustId, trustee.getId());
        if (trust == null || trust.projectId() == null || trust.roleNames().isEmpty()) {
            throw IdentityError.UNAUTHORIZED.exception();
        }
        return trust;
    }

    /** An application credential's token is scoped to its project; asking for another scope is a 401. */
    private TokenScope delegatedScope(ApplicationCredentialVerifier.Verified delegated, AuthRequest.Scope asked) {
        ProjectEntity p = projects.findById(delegated.projectId()).orElseThrow(IdentityError.UNAUTHORIZED::exception);
        if (!p.isEnabled() || !domainEnabled(p.getDomainId())) {
            throw IdentityError.UNAUTHORIZED.exception();
        }
        if (asked != null) {
            TokenScope wanted = resolveScope(asked);
            if (!(wanted instanceof TokenScope.Project w) || !w.projectId().equals(p.getId())) {
                throw IdentityError.UNAUTHORIZED.exception();
            }
        }
        return new TokenScope.Project(p.getId(), p.getDomainId());
    }

    /** The credential's roles that the user still holds on the project (Keystone's rule); none is a 401. */
    private List<String> delegatedRoles(UserEntity user, ApplicationCredentialVerifier.Verified delegated) {
        List<String> roles = assignments.rolesOf(user.getId(), RoleAssignmentEntity.PROJECT, delegated.projectId())
                .stream().filter(r -> delegated.roleIds().contains(r.getId())).map(RoleEntity::getName).toList();
        if (roles.isEmpty()) {
            throw IdentityError.UNAUTHORIZED.exception();
        }
        return roles;
    }

    /**
     * Keystone scopes a request without a scope to the user's default project when the user holds a role there and
     * it is enabled; otherwise the token is unscoped.
     */
    private TokenScope defaultProjectScope(UserEntity user) {
        if (user.getDefaultProjectId() == null) {
            return new TokenScope.Unscoped();
        }
        return projects.findById(user.getDefaultProjectId())
                .filter(p -> p.isEnabled() && domainEnabled(p.getDomainId()))
                .filter(p -> !assignments.rolesOf(user.getId(), RoleAssignmentEntity.PROJECT, p.getId()).isEmpty())
                .<TokenScope>map(p -> new TokenScope.Project(p.getId(), p.getDomainId()))
                .orElseGet(TokenScope.Unscoped::new);
    }

    private TokenScope resolveScope(AuthRequest.Scope scope) {
        if (scope == null) {
            return new TokenScope.Unscoped();
        }
        int given = (scope.project() != null ? 1 : 0) + (scope.domain() != null ? 1 : 0) + (scope.system() != null ? 1 : 0);
        if (given > 1) {
            throw IdentityError.BAD_REQUEST.exception("Specify one scope: project, domain or system.");
        }
        if (scope.project() != null) {
            ProjectEntity p = project(scope.project());
            if (p == null || !p.isEnabled() || !domainEnabled(p.getDomainId())) {
                throw IdentityError.UNAUTHORIZED.exception();
            }
            return new TokenScope.Project(p.getId(), p.getDomainId());
        }
        if (scope.domain() != null) {
            String id = domainId(scope.domain());
            if (id == null || !domainEnabled(id)) {
                throw IdentityError.UNAUTHORIZED.exception();
            }
            return new TokenScope.Domain(id);
        }
        if (scope.system() != null) {
            if (!Boolean.TRUE.equals(scope.system().get("all"))) {
                throw IdentityError.BAD_REQUEST.exception("System scope must be {\"all\": true}.");
            }
            return new TokenScope.System();
        }
        return new TokenScope.Unscoped();
    }

    private List<String> rolesOn(UserEntity user, TokenScope scope) {
        List<RoleEntity> roles;
        if (scope instanceof TokenScope.Project p) {
            roles = assignments.rolesOf(user.getId(), RoleAssignmentEntity.PROJECT, p.projectId());
        } else if (scope instanceof TokenScope.Domain d) {
            roles = assignments.rolesOf(user.getId(), RoleAssignmentEntity.DOMAIN, d.domainId());
        } else if (scope instanceof TokenScope.System) {
            roles = assignments.rolesOf(user.getId(), RoleAssignmentEntity.SYSTEM, RoleAssignmentEntity.SYSTEM_ALL);
        } else {
            return List.of();
        }
        if (roles.isEmpty()) {
            throw IdentityError.UNAUTHORIZED.exception();
        }
        return roles.stream().map(RoleEntity::getName).toList();
    }

    private ProjectEntity project(AuthRequest.NamedRef ref) {
        if (ref.id() != null) {
            return projects.findById(ref.id()).orElse(null);
        }
        if (ref.name() == null || ref.domain() == null) {
            throw IdentityError.BAD_REQUEST.exception("Expecting to find id, or name and domain, in project.");
        }
        String domainId = domainId(ref.domain());
        return domainId == null ? null : projects.findByDomainIdAndName(domainId, ref.name()).orElse(null);
    }

    private String domainId(AuthRequest.NamedRef ref) {
        if (ref.id() != null) {
            return domains.existsById(ref.id()) ? ref.id() : null;
        }
        if (ref.name() == null) {
            throw IdentityError.BAD_REQUEST.exception("Expecting to find id or name in domain.");
        }
        return domains.findByName(ref.name()).map(DomainEntity::getId).orElse(null);
    }

    private boolean domainEnabled(String domainId) {
        return domains.findById(domainId).map(DomainEntity::isEnabled).orElse(false);
    }

    /** Keystone's audit id: 16 random bytes, URL-safe base64 without padding (22 characters). */
    static String newAuditId() {
        UUID u = UUID.randomUUID();
        ByteBuffer b = ByteBuffer.allocate(16).putLong(u.getMostSignificantBits()).putLong(u.getLeastSignificantBits());
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b.array());
    }
}
