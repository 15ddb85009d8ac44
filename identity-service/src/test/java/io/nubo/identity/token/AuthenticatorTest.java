package io.nubo.identity.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nubo.identity.assignment.RoleAssignmentEntity;
import io.nubo.identity.assignment.RoleAssignments;
import io.nubo.identity.compliance.LoginAttempts;
import io.nubo.identity.compliance.SecurityComplianceProperties;
import io.nubo.identity.directory.DomainEntity;
import io.nubo.identity.directory.DomainRepository;
import io.nubo.identity.directory.ProjectEntity;
import io.nubo.identity.directory.ProjectRepository;
import io.nubo.identity.directory.RoleEntity;
import io.nubo.identity.directory.UserEntity;
import io.nubo.identity.directory.UserRepository;
import io.nubo.shared.security.TokenCheck;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * The decisions of {@link Authenticator}, without Spring or a database: who the caller is for each auth method
 * (password, token, application credential, trust), which scope and roles the token gets, and every way of being
 * refused (400 for a malformed request, 401 for anything that fails to authenticate, 404 for a revoked token, 403
 * for rescoping a delegated token). The directory, grants and codec are small in-memory stand-ins; the password
 * hashing and the lockout rule are the real ones.
 */
class AuthenticatorTest {

    private static final String PASSWORD = "secret-Pa55";
    private static final Duration LIFETIME = Duration.ofHours(1);

    private final BCryptPasswordEncoder passwords = new BCryptPasswordEncoder(4);
    private final Map<String, UserEntity> users = new LinkedHashMap<>();
    private final Map<String, DomainEntity> domains = new LinkedHashMap<>();
    private final Map<String, ProjectEntity> projects = new LinkedHashMap<>();
    /** role names held by user on "targetType/targetId" */
    private final Map<String, List<RoleEntity>> grants = new HashMap<>();
    private final Map<String, TokenCheck> tokens = new HashMap<>();
    private final Map<TokenCheck.Verified, TokenFacts> tokenFacts = new HashMap<>();
    private final Set<TokenFacts> revoked = new HashSet<>();
    private final Map<String, ApplicationCredentialVerifier.Verified> appCreds = new HashMap<>();
    private final Map<String, TrustRedeemer.Redeemed> trusts = new HashMap<>();

    private final RoleEntity member = new RoleEntity("r-member", "member", null, "");
    private final RoleEntity reader = new RoleEntity("r-reader", "reader", null, "");
    private final RoleEntity admin = new RoleEntity("r-admin", "admin", null, "");

    private Authenticator authenticator;

    @BeforeEach
    void world() {
        domains.put("default", new DomainEntity("default", "Default", "", true));
        domains.put("d-off", new DomainEntity("d-off", "Off", "", false));
        projects.put("p1", new ProjectEntity("p1", "demo", "default", null, "", true));
        projects.put("p2", new ProjectEntity("p2", "other", "default", null, "", true));
        projects.put("p-off", new ProjectEntity("p-off", "closed", "default", null, "", false));
        user("u1", "alice", "default");
        user("u2", "bob", "default");
        user("u-other", "carol", "d-off");
        grant("u1", RoleAssignmentEntity.PROJECT, "p1", member, reader);
        grant("u1", RoleAssignmentEntity.DOMAIN, "default", admin);
        grant("u1", RoleAssignmentEntity.SYSTEM, RoleAssignmentEntity.SYSTEM_ALL, admin);
        authenticator = new Authenticator(repository(UserRepository.class, users, Map.of(
                "findByDomainIdAndName", a -> users.values().stream()
                        .filter(u -> u.getDomainId().equals(a[0]) && u.getName().equals(a[1])).findFirst())),
                repository(DomainRepository.class, domains, Map.of(
                        "findByName", a -> domains.values().stream().filter(d -> d.getName().equals(a[0])).findFirst())),
                repository(ProjectRepository.class, projects, Map.of(
                        "findByDomainIdAndName", a -> projects.values().stream()
                                .filter(p -> p.getDomainId().equals(a[0]) && p.getName().equals(a[1])).findFirst())),
                new Grants(), passwords, new Codec(), new Revocations(), LIFETIME, new AppCreds(), new Trusts(),
                new LoginAttempts(repository(UserRepository.class, users, Map.of()),
                        new SecurityComplianceProperties(3, Duration.ofMinutes(30), 0)));
    }

    @Nested
    class Password {

        @Test
        void byUserIdWithoutScopeIsUnscoped() {
            TokenFacts t = authenticator.authenticate(password("u1", null, null, PASSWORD, null));
            assertThat(t.userId()).isEqualTo("u1");
            assertThat(t.userDomainId()).isEqualTo("default");
            assertThat(t.methods()).containsExactly("password");
            assertThat(t.scope()).isEqualTo(new TokenScope.Unscoped());
            assertThat(t.roleNames()).isEmpty();
            assertThat(t.auditIds()).hasSize(1);
            assertThat(t.auditIds().get(0)).hasSize(22).matches("[A-Za-z0-9_-]+");
            assertThat(t.expiresAt()).isEqualTo(t.issuedAt().plus(LIFETIME));
            assertThat(t.applicationCredentialId()).isNull();
            assertThat(t.trustId()).isNull();
        }

        @Test
        void byNameInADomainNamedByNameScopedToAProjectNamedByName() {
            AuthRequest.Scope scope = new AuthRequest.Scope(new AuthRequest.NamedRef(null, "demo",
                    new AuthRequest.NamedRef(null, "Default", null)), null, null, null);
            TokenFacts t = authenticator.authenticate(password(null, "alice",
                    new AuthRequest.NamedRef(null, "Default", null), PASSWORD, scope));
            assertThat(t.userId()).isEqualTo("u1");
            assertThat(t.scope()).isEqualTo(new TokenScope.Project("p1", "default"));
            assertThat(t.roleNames()).containsExactly("member", "reader");
        }

        @Test
        void scopedToADomainOrTheSystem() {
            TokenFacts d = authenticator.authenticate(password("u1", null, null, PASSWORD,
                    new AuthRequest.Scope(null, new AuthRequest.NamedRef("default", null, null), null, null)));
            assertThat(d.scope()).isEqualTo(new TokenScope.Domain("default"));
            assertThat(d.roleNames()).containsExactly("admin");
            TokenFacts s = authenticator.authenticate(password("u1", null, null, PASSWORD,
                    new AuthRequest.Scope(null, null, Map.of("all", true), null)));
            assertThat(s.scope()).isEqualTo(new TokenScope.System());
            assertThat(s.roleNames()).containsExactly("admin");
        }

        @Test
        void repeatedMethodsCountOnce() {
            AuthRequest r = new AuthRequest(new AuthRequest.Auth(new AuthRequest.Identity(
                    List.of("password", "password"), passwordMethod("u1", PASSWORD), null, null), null));
            assertThat(authenticator.authenticate(r).methods()).containsExactly("password");
        }

        @Test
        void noScopeTakesTheDefaultProjectWhereTheUserHoldsARole() {
            users.get("u1").setDefaultProjectId("p1");
            users.get("u2").setDefaultProjectId("p1");
            assertThat(authenticator.authenticate(password("u1", null, null, PASSWORD, null)).scope())
                    .isEqualTo(new TokenScope.Project("p1", "default"));
            // bob holds no role on his default project: his token stays unscoped
            assertThat(authenticator.authenticate(password("u2", null, null, PASSWORD, null)).scope())
                    .isEqualTo(new TokenScope.Unscoped());
            users.get("u1").setDefaultProjectId("p-off");
            grant("u1", RoleAssignmentEntity.PROJECT, "p-off", member);
            assertThat(authenticator.authenticate(password("u1", null, null, PASSWORD, null)).scope())
                    .isEqualTo(new TokenScope.Unscoped());
        }

        @Test
        void aWrongPasswordIs401AndCountsTowardsTheLockout() {
            refused(() -> authenticator.authenticate(password("u1", null, null, "wrong", null)),
                    HttpStatus.UNAUTHORIZED);
            assertThat(users.get("u1").getFailedAuthCount()).isEqualTo(1);
            refused(() -> authenticator.authenticate(password("u1", null, null, "wrong", null)),
                    HttpStatus.UNAUTHORIZED);
            refused(() -> authenticator.authenticate(password("u1", null, null, "wrong", null)),
                    HttpStatus.UNAUTHORIZED);
            // locked out now: the right password gets the same 401
            refused(() -> authenticator.authenticate(password("u1", null, null, PASSWORD, null)),
                    HttpStatus.UNAUTHORIZED);
        }

        @Test
        void aSuccessClearsEarlierFailures() {
            users.get("u1").recordFailedAuth(2, Instant.now());
            authenticator.authenticate(password("u1", null, null, PASSWORD, null));
            assertThat(users.get("u1").getFailedAuthCount()).isZero();
        }

        @Test
        void anExpiredLockoutLetsTheRightPasswordIn() {
            users.get("u1").recordFailedAuth(3, Instant.now().minus(Duration.ofHours(1)));
            assertThat(authenticator.authenticate(password("u1", null, null, PASSWORD, null)).userId())
                    .isEqualTo("u1");
        }

        @Test
        void anUnknownUserOrDomainIs401() {
            refused(() -> authenticator.authenticate(password("nobody", null, null, PASSWORD, null)),
                    HttpStatus.UNAUTHORIZED);
            refused(() -> authenticator.authenticate(password(null, "alice",
                    new AuthRequest.NamedRef(null, "Nowhere", null), PASSWORD, null)), HttpStatus.UNAUTHORIZED);
            refused(() -> authenticator.authenticate(password(null, "alice",
                    new AuthRequest.NamedRef("nowhere", null, null), PASSWORD, null)), HttpStatus.UNAUTHORIZED);
        }

        @Test
        void aDisabledUserOrDomainIs401() {
            users.get("u2").setEnabled(false);
            refused(() -> authenticator.authenticate(password("u2", null, null, PASSWORD, null)),
                    HttpStatus.UNAUTHORIZED);
            refused(() -> authenticator.authenticate(password("u-other", null, null, PASSWORD, null)),
                    HttpStatus.UNAUTHORIZED);
        }

        @Test
        void aUserWithoutPasswordIs401() {
            users.get("u2").setPasswordHash(null);
            refused(() -> authenticator.authenticate(password("u2", null, null, PASSWORD, null)),
                    HttpStatus.UNAUTHORIZED);
        }

        @Test
        void malformedRequestsAre400() {
            refused(() -> authenticator.authenticate(null), HttpStatus.BAD_REQUEST)
                    .hasMessageContaining("identity");
            refused(() -> authenticator.authenticate(new AuthRequest(new AuthRequest.Auth(null, null))),
                    HttpStatus.BAD_REQUEST).hasMessageContaining("identity");
            refused(() -> authenticator.authenticate(new AuthRequest(new AuthRequest.Auth(
                    new AuthRequest.Identity(List.of(), null, null, null), null))), HttpStatus.BAD_REQUEST)
                    .hasMessageContaining("methods");
            refused(() -> authenticator.authenticate(new AuthRequest(new AuthRequest.Auth(
                    new AuthRequest.Identity(List.of("password"), null, null, null), null))), HttpStatus.BAD_REQUEST)
                    .hasMessageContaining("user in password");
            refused(() -> authenticator.authenticate(password("u1", null, null, null, null)), HttpStatus.BAD_REQUEST)
                    .hasMessageContaining("password in user");
            refused(() -> authenticator.authenticate(password(null, "alice", null, PASSWORD, null)),
                    HttpStatus.BAD_REQUEST).hasMessageContaining("domain in user");
            refused(() -> authenticator.authenticate(password(null, null, null, PASSWORD, null)),
                    HttpStatus.BAD_REQUEST).hasMessageContaining("id or name in user");
        }

        @Test
        void anUnknownMethodIs401() {
            refused(() -> authenticator.authenticate(new AuthRequest(new AuthRequest.Auth(
                    new AuthRequest.Identity(List.of("totp"), null, null, null), null))), HttpStatus.UNAUTHORIZED);
        }
    }

    @Nested
    class Scope {

        @Test
        void aProjectWithoutARoleIs401() {
            refused(() -> authenticator.authenticate(password("u1", null, null, PASSWORD, project("p2"))),
                    HttpStatus.UNAUTHORIZED);
        }

        @Test
        void aDisabledOrUnknownProjectIs401() {
            grant("u1", RoleAssignmentEntity.PROJECT, "p-off", member);
            refused(() -> authenticator.authenticate(password("u1", null, null, PASSWORD, project("p-off"))),
                    HttpStatus.UNAUTHORIZED);
            refused(() -> authenticator.authenticate(password("u1", null, null, PASSWORD, project("nowhere"))),
                    HttpStatus.UNAUTHORIZED);
        }

        @Test
        void aDisabledDomainIs401() {
            refused(() -> authenticator.authenticate(password("u1", null, null, PASSWORD,
                    new AuthRequest.Scope(null, new AuthRequest.NamedRef("d-off", null, null), null, null))),
                    HttpStatus.UNAUTHORIZED);
        }

        @Test
        void twoScopesAtOnceOrAPartialSystemScopeAre400() {
            refused(() -> authenticator.authenticate(password("u1", null, null, PASSWORD, new AuthRequest.Scope(
                    new AuthRequest.NamedRef("p1", null, null), new AuthRequest.NamedRef("default", null, null),
                    null, null))), HttpStatus.BAD_REQUEST);
            refused(() -> authenticator.authenticate(password("u1", null, null, PASSWORD,
                    new AuthRequest.Scope(null, null, Map.of("all", false), null))), HttpStatus.BAD_REQUEST);
        }

        @Test
        void aProjectByNameNeedsItsDomain() {
            refused(() -> authenticator.authenticate(password("u1", null, null, PASSWORD, new AuthRequest.Scope(
                    new AuthRequest.NamedRef(null, "demo", null), null, null, null))), HttpStatus.BAD_REQUEST);
        }
    }

    @Nested
    class Token {

        private final Instant originalExpiry = Instant.now().plus(Duration.ofMinutes(20)).truncatedTo(ChronoUnit.SECONDS);

        private TokenFacts issued(List<String> methods, String appCred, String trust) {
            return new TokenFacts("u1", "default", methods, List.of("own-audit", "chain-audit"),
                    new TokenScope.Unscoped(), List.of(), Instant.now(), originalExpiry, appCred, trust);
        }

        private String token(String id, TokenFacts facts) {
            Jwt jwt = Jwt.withTokenValue(id).header("alg", "EdDSA").subject(facts.userId()).build();
            TokenCheck.Verified v = new TokenCheck.Verified(jwt, null);
            tokens.put(id, v);
            tokenFacts.put(v, facts);
            return id;
        }

        @Test
        void rescopingKeepsTheExpiryTheChainAndTheMethods() {
            String id = token("t1", issued(List.of("password"), null, null));
            TokenFacts t = authenticator.authenticate(byToken(id, project("p1")));
            assertThat(t.userId()).isEqualTo("u1");
            assertThat(t.methods()).containsExactly("password", "token");
            assertThat(t.expiresAt()).isEqualTo(originalExpiry);
            assertThat(t.auditIds()).hasSize(2).last().isEqualTo("chain-audit");
            assertThat(t.scope()).isEqualTo(new TokenScope.Project("p1", "default"));
            assertThat(t.roleNames()).containsExactly("member", "reader");
        }

        @Test
        void aTokenMethodAlreadyThereIsNotRepeated() {
            String id = token("t2", issued(List.of("password", "token"), null, null));
            assertThat(authenticator.authenticate(byToken(id, null)).methods()).containsExactly("password", "token");
        }

        @Test
        void aRevokedTokenIs404() {
            Jwt jwt = Jwt.withTokenValue("t3").header("alg", "EdDSA").subject("u1").build();
            tokens.put("t3", new TokenCheck.Revoked(jwt));
            refused(() -> authenticator.authenticate(byToken("t3", null)), HttpStatus.NOT_FOUND);
            String id = token("t4", issued(List.of("password"), null, null));
            revoked.add(tokenFacts.get(tokens.get(id)));
            refused(() -> authenticator.authenticate(byToken(id, null)), HttpStatus.NOT_FOUND);
        }

        @Test
        void anInvalidTokenIs401() {
            tokens.put("t5", new TokenCheck.Invalid("bad signature"));
            refused(() -> authenticator.authenticate(byToken("t5", null)), HttpStatus.UNAUTHORIZED);
        }

        @Test
        void theTokenOfADeletedOrDisabledUserIs401() {
            String id = token("t6", issued(List.of("password"), null, null));
            users.get("u1").setEnabled(false);
            refused(() -> authenticator.authenticate(byToken(id, null)), HttpStatus.UNAUTHORIZED);
            users.remove("u1");
            refused(() -> authenticator.authenticate(byToken(id, null)), HttpStatus.UNAUTHORIZED);
        }

        @Test
        void aDelegatedTokenCannotBeRescoped() {
            String fromCredential = token("t7", issued(List.of("application_credential"), "ac1", null));
            refused(() -> authenticator.authenticate(byToken(fromCredential, null)), HttpStatus.FORBIDDEN);
            String fromTrust = token("t8", issued(List.of("password"), null, "trust1"));
            refused(() -> authenticator.authenticate(byToken(fromTrust, null)), HttpStatus.FORBIDDEN);
        }

        @Test
        void aMissingTokenIdIs400() {
            refused(() -> authenticator.authenticate(byToken(null, null)), HttpStatus.BAD_REQUEST);
        }
    }

    @Nested
    class ApplicationCredential {

        @BeforeEach
        void credential() {
            appCreds.put("ac1", new ApplicationCredentialVerifier.Verified("ac1", "u1", "p1",
                    List.of("r-member", "r-admin"), "ac-chain"));
        }

        @Test
        void scopesToItsProjectWithTheRolesTheUserStillHolds() {
            TokenFacts t = authenticator.authenticate(appCred("ac1", null));
            assertThat(t.userId()).isEqualTo("u1");
            assertThat(t.methods()).containsExactly("application_credential");
            assertThat(t.scope()).isEqualTo(new TokenScope.Project("p1", "default"));
            // admin is in the credential but not held on p1 any more: only member remains
            assertThat(t.roleNames()).containsExactly("member");
            assertThat(t.applicationCredentialId()).isEqualTo("ac1");
            assertThat(t.auditIds()).hasSize(2).last().isEqualTo("ac-chain");
        }

        @Test
        void itWinsOverOtherMethodsNamedWithIt() {
            AuthRequest r = new AuthRequest(new AuthRequest.Auth(new AuthRequest.Identity(
                    List.of("password", "application_credential"), passwordMethod("u2", PASSWORD), null,
                    new AuthRequest.ApplicationCredential("ac1", null, "s", null)), null));
            TokenFacts t = authenticator.authenticate(r);
            assertThat(t.userId()).isEqualTo("u1");
            assertThat(t.methods()).containsExactly("application_credential");
        }

        @Test
        void itsOwnProjectMayBeAskedForAnotherMayNot() {
            assertThat(authenticator.authenticate(appCred("ac1", project("p1"))).scope())
                    .isEqualTo(new TokenScope.Project("p1", "default"));
            grant("u1", RoleAssignmentEntity.PROJECT, "p2", member);
            refused(() -> authenticator.authenticate(appCred("ac1", project("p2"))), HttpStatus.UNAUTHORIZED);
        }

        @Test
        void anUnknownCredentialOrWrongSecretIs401() {
            refused(() -> authenticator.authenticate(appCred("nope", null)), HttpStatus.UNAUTHORIZED);
        }

        @Test
        void noRoleLeftOrADisabledProjectIs401() {
            grants.remove("u1/" + RoleAssignmentEntity.PROJECT + "/p1");
            refused(() -> authenticator.authenticate(appCred("ac1", null)), HttpStatus.UNAUTHORIZED);
            grant("u1", RoleAssignmentEntity.PROJECT, "p-off", member);
            appCreds.put("ac2", new ApplicationCredentialVerifier.Verified("ac2", "u1", "p-off",
                    List.of("r-member"), "ac2-chain"));
            refused(() -> authenticator.authenticate(appCred("ac2", null)), HttpStatus.UNAUTHORIZED);
        }
    }

    @Nested
    class Trust {

        @Test
        void aTrusteeGetsTheTrustsProjectAndRoles() {
            trusts.put("trust1/u2", new TrustRedeemer.Redeemed("trust1", "u2", "p1", List.of("member"),
                    "trust-chain"));
            TokenFacts t = authenticator.authenticate(password("u2", null, null, PASSWORD, trust("trust1")));
            assertThat(t.userId()).isEqualTo("u2");
            assertThat(t.scope()).isEqualTo(new TokenScope.Project("p1", "default"));
            assertThat(t.roleNames()).containsExactly("member");
            assertThat(t.trustId()).isEqualTo("trust1");
            assertThat(t.auditIds()).last().isEqualTo("trust-chain");
        }

        @Test
        void anImpersonatingTrustNamesTheTrustor() {
            trusts.put("trust2/u2", new TrustRedeemer.Redeemed("trust2", "u1", "p1", List.of("member"), "c"));
            assertThat(authenticator.authenticate(password("u2", null, null, PASSWORD, trust("trust2"))).userId())
                    .isEqualTo("u1");
        }

        @Test
        void aTrustThatCannotBeUsedIs401() {
            refused(() -> authenticator.authenticate(password("u2", null, null, PASSWORD, trust("unknown"))),
                    HttpStatus.UNAUTHORIZED);
            trusts.put("trust3/u2", new TrustRedeemer.Redeemed("trust3", "u2", "p1", List.of(), "c"));
            refused(() -> authenticator.authenticate(password("u2", null, null, PASSWORD, trust("trust3"))),
                    HttpStatus.UNAUTHORIZED);
            trusts.put("trust4/u2", new TrustRedeemer.Redeemed("trust4", "u2", "p-off", List.of("member"), "c"));
            refused(() -> authenticator.authenticate(password("u2", null, null, PASSWORD, trust("trust4"))),
                    HttpStatus.UNAUTHORIZED);
        }

        @Test
        void aTrustScopeWithoutIdIs400() {
            refused(() -> authenticator.authenticate(password("u2", null, null, PASSWORD,
                    new AuthRequest.Scope(null, null, null, Map.of("name", "x")))), HttpStatus.BAD_REQUEST);
        }
    }

    // ---- requests

    private static AuthRequest.Password passwordMethod(String id, String password) {
        return new AuthRequest.Password(new AuthRequest.User(id, null, password, null));
    }

    private static AuthRequest password(String id, String name, AuthRequest.NamedRef domain, String password,
                                        AuthRequest.Scope scope) {
        return new AuthRequest(new AuthRequest.Auth(new AuthRequest.Identity(List.of("password"),
                new AuthRequest.Password(new AuthRequest.User(id, name, password, domain)), null, null), scope));
    }

    private static AuthRequest byToken(String id, AuthRequest.Scope scope) {
        return new AuthRequest(new AuthRequest.Auth(new AuthRequest.Identity(List.of("token"), null,
                new AuthRequest.TokenMethod(id), null), scope));
    }

    private static AuthRequest appCred(String id, AuthRequest.Scope scope) {
        return new AuthRequest(new AuthRequest.Auth(new AuthRequest.Identity(List.of("application_credential"),
                null, null, new AuthRequest.ApplicationCredential(id, null, "s3cret", null)), scope));
    }

    private static AuthRequest.Scope project(String id) {
        return new AuthRequest.Scope(new AuthRequest.NamedRef(id, null, null), null, null, null);
    }

    private static AuthRequest.Scope trust(String id) {
        return new AuthRequest.Scope(null, null, null, Map.of("id", id));
    }

    private static AbstractThrowableAssert<?, ? extends Throwable> refused(Runnable call, HttpStatus status) {
        return assertThatThrownBy(call::run).isInstanceOfSatisfying(io.nubo.identity.error.IdentityException.class,
                e -> assertThat(e.status()).isEqualTo(status));
    }

    // ---- the world

    private void user(String id, String name, String domainId) {
        users.put(id, new UserEntity(id, name, domainId, passwords.encode(PASSWORD), true));
    }

    private void grant(String userId, String targetType, String targetId, RoleEntity... roles) {
        grants.computeIfAbsent(userId + "/" + targetType + "/" + targetId, k -> new ArrayList<>())
                .addAll(List.of(roles));
    }

    /**
     * A Spring Data repository over a map: findById and existsById by key, the named finders as given; anything
     * else is a test bug and fails loudly.
     */
    @SuppressWarnings("unchecked")
    private static <R> R repository(Class<R> type, Map<String, ?> rows,
                                    Map<String, Function<Object[], Object>> finders) {
        return (R) Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (proxy, method, args) ->
                switch (method.getName()) {
                    case "findById" -> Optional.ofNullable(rows.get((String) args[0]));
                    case "existsById" -> rows.containsKey((String) args[0]);
                    case "toString" -> type.getSimpleName() + " over " + rows.keySet();
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    default -> {
                        Function<Object[], Object> f = finders.get(method.getName());
                        if (f == null) {
                            throw new UnsupportedOperationException(type.getSimpleName() + "." + method.getName());
                        }
                        yield f.apply(args);
                    }
                });
    }

    /** The grants, as {@link RoleAssignments#rolesOf} answers: what the user effectively holds, sorted by name. */
    private final class Grants extends RoleAssignments {
        Grants() {
            super(null, null, null, null, null, null, null);
        }

        @Override
        public List<RoleEntity> rolesOf(String userId, String targetType, String targetId) {
            return grants.getOrDefault(userId + "/" + targetType + "/" + targetId, List.of()).stream()
                    .sorted(java.util.Comparator.comparing(RoleEntity::getName)).toList();
        }
    }

    /** What checking each known token finds; an unknown one is invalid. */
    private final class Codec extends TokenCodec {
        Codec() {
            super(null, null);
        }

        @Override
        public TokenCheck check(String token) {
            return tokens.getOrDefault(token, new TokenCheck.Invalid("unknown"));
        }

        @Override
        public TokenFacts facts(TokenCheck.Verified verified) {
            return tokenFacts.get(verified);
        }
    }

    private final class Revocations extends RevocationStore {
        Revocations() {
            super(null, null, null);
        }

        @Override
        public boolean isRevoked(TokenFacts facts) {
            return revoked.contains(facts);
        }
    }

    private final class AppCreds implements ApplicationCredentialVerifier {
        @Override
        public Verified verify(AuthRequest.ApplicationCredential credential) {
            return credential == null ? null : appCreds.get(credential.id());
        }

        @Override
        public TokenBody.ApplicationCredential describe(String credentialId) {
            return null;
        }
    }

    private final class Trusts implements TrustRedeemer {
        @Override
        public Redeemed redeem(String trustId, String trusteeUserId) {
            return trusts.get(trustId + "/" + trusteeUserId);
        }

        @Override
        public TokenBody.Trust describe(String trustId) {
            return null;
        }
    }
}
