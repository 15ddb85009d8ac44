package io.nubo.shared.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nubo.shared.events.TokenRevoked;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;

class ServiceTokenCheckTest {

    private final RevocationList revocations = new RevocationList(Duration.ofHours(72));
    private final Map<String, Jwt> issued = new HashMap<>();
    private final VerifiedTokenCache cache = new VerifiedTokenCache(token -> {
        Jwt jwt = issued.get(token);
        if (jwt == null) {
            throw new BadJwtException("bad signature");
        }
        return jwt;
    }, revocations::isRevoked, 100);
    private final ServiceTokenCheck check = new ServiceTokenCheck(cache, Set.of("service"), Duration.ofHours(48));

    private String token(String name, String user, Instant expires, String... roles) {
        issued.put(name, Jwt.withTokenValue(name).header("alg", "ES256").subject(user)
                .issuedAt(expires.minus(Duration.ofHours(1))).expiresAt(expires)
                .claim(TokenClaims.PROJECT_ID, "p-" + user).claim(TokenClaims.ROLES, List.of(roles))
                .claim(TokenClaims.AUDIT_IDS, List.of("audit-" + name)).build());
        return name;
    }

    private final Instant inAnHour = Instant.now().plus(Duration.ofHours(1));
    private final Instant anHourAgo = Instant.now().minus(Duration.ofHours(1));

    private static String userOf(TokenCheck c) {
        assertThat(c).isInstanceOf(TokenCheck.Verified.class);
        return ((TokenCheck.Verified) c).principal().userId();
    }

    @Test
    void anExpiredUserTokenAloneIsRefused() {
        String user = token("user", "alice", anHourAgo, "member");
        assertThat(check.check(user, null)).isInstanceOf(TokenCheck.Invalid.class);
        assertThat(check.check(user, " ")).isInstanceOf(TokenCheck.Invalid.class);
    }

    @Test
    void anExpiredUserTokenWithAValidServiceTokenIsTheUsers() {
        String user = token("user", "alice", anHourAgo, "member");
        String nova = token("nova", "nova", inAnHour, "service");
        assertThat(userOf(check.check(user, nova))).isEqualTo("alice");
        // the user token's own roles and project, not the service's
        TokenCheck.Verified v = (TokenCheck.Verified) check.check(user, nova);
        assertThat(v.principal().projectId()).isEqualTo("p-alice");
        assertThat(v.principal().roles()).containsExactly("member");
        // and the same user token alone is still refused afterwards
        assertThat(check.check(user, null)).isInstanceOf(TokenCheck.Invalid.class);
    }

    @Test
    void aValidUserTokenIsTheUsersWithOrWithoutAServiceToken() {
        String user = token("user", "alice", inAnHour, "member");
        assertThat(userOf(check.check(user, null))).isEqualTo("alice");
        assertThat(userOf(check.check(user, token("nova", "nova", inAnHour, "service")))).isEqualTo("alice");
        assertThat(userOf(check.check(user, token("bob", "bob", inAnHour, "member")))).isEqualTo("alice");
    }

    @Test
    void aServiceTokenWithoutTheServiceRoleDoesNotRescueAnExpiredUserToken() {
        String user = token("user", "alice", anHourAgo, "member");
        assertThat(check.check(user, token("bob", "bob", inAnHour, "member", "admin")))
                .isInstanceOf(TokenCheck.Invalid.class);
    }

    @Test
    void aRevokedUserTokenIsRefusedEvenWithAServiceToken() {
        String user = token("user", "alice", anHourAgo, "member");
        String nova = token("nova", "nova", inAnHour, "service");
        revocations.add(new TokenRevoked("audit-user", null, null, null, null, Instant.now(), Instant.now()));
        assertThat(check.check(user, nova)).isInstanceOf(TokenCheck.Revoked.class);
        String fresh = token("fresh", "carol", inAnHour, "member");
        revocations.add(new TokenRevoked("audit-fresh", null, null, null, null, Instant.now(), Instant.now()));
        assertThat(check.check(fresh, nova)).isInstanceOf(TokenCheck.Revoked.class);
    }

    @Test
    void theWindowIsBounded() {
        String user = token("user", "alice", Instant.now().minus(Duration.ofHours(49)), "member");
        assertThat(check.check(user, token("nova", "nova", inAnHour, "service")))
                .isInstanceOf(TokenCheck.Invalid.class);
    }

    @Test
    void aBadServiceTokenIsRefusedEvenWithAValidUserToken() {
        String user = token("user", "alice", inAnHour, "member");
        assertThat(check.check(user, "forged")).isEqualTo(
                new TokenCheck.Invalid("The service token is not valid: bad signature"));
        assertThat(check.check(user, token("old-nova", "nova", anHourAgo, "service")))
                .isInstanceOf(TokenCheck.Invalid.class);
        String revokedNova = token("revoked-nova", "nova", inAnHour, "service");
        revocations.add(new TokenRevoked("audit-revoked-nova", null, null, null, null, Instant.now(),
                Instant.now()));
        assertThat(check.check(user, revokedNova)).isInstanceOf(TokenCheck.Invalid.class);
    }

    @Test
    void springSeesTheUserOrAnInvalidBearerToken() {
        KeystoneAuthenticationManagers managers = new KeystoneAuthenticationManagers(check);
        String user = token("user", "alice", anHourAgo, "member");
        NuboAuthentication a = managers.authenticate(user, token("nova", "nova", inAnHour, "service"));
        assertThat(a.isAuthenticated()).isTrue();
        assertThat(a.caller().userId()).isEqualTo("alice");
        assertThat(a.getAuthorities()).isEmpty();
        assertThatThrownBy(() -> managers.authenticate(user, null)).isInstanceOf(InvalidBearerTokenException.class)
                .hasMessageContaining("expired");
    }
}
