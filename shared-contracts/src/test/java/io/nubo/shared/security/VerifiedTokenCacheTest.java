package io.nubo.shared.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nubo.shared.events.TokenRevoked;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidationException;

class VerifiedTokenCacheTest {

    private final AtomicInteger verifications = new AtomicInteger();
    private final RevocationList revocations = new RevocationList(java.time.Duration.ofHours(24));

    private JwtDecoder verifier(Instant issued, Instant expires) {
        return token -> {
            verifications.incrementAndGet();
            return Jwt.withTokenValue(token).header("alg", "ES256").subject("u1").issuedAt(issued).expiresAt(expires)
                    .claim(TokenClaims.AUDIT_IDS, List.of("audit-" + token)).build();
        };
    }

    @Test
    void aTokenIsVerifiedOnceButCheckedForRevocationEveryTime() {
        Instant issued = Instant.now().minusSeconds(10);
        VerifiedTokenCache cache = new VerifiedTokenCache(verifier(issued, issued.plusSeconds(3600)),
                revocations::isRevoked, 100);
        cache.decode("t1");
        cache.decode("t1");
        cache.decode("t2");
        assertThat(verifications).hasValue(2);
        revocations.add(new TokenRevoked("audit-t1", null, null, null, null, Instant.now(), Instant.now()));
        assertThatThrownBy(() -> cache.decode("t1")).isInstanceOf(JwtValidationException.class)
                .hasMessageContaining("revoked");
        assertThat(cache.decode("t2").getSubject()).isEqualTo("u1");
    }

    @Test
    void oneCheckSaysVerifiedRevokedOrInvalidAndBuildsTheCallerOncePerToken() {
        Instant issued = Instant.now().minusSeconds(10);
        VerifiedTokenCache cache = new VerifiedTokenCache(verifier(issued, issued.plusSeconds(3600)),
                revocations::isRevoked, 100);
        TokenCheck first = cache.check("t1");
        assertThat(first).isInstanceOfSatisfying(TokenCheck.Verified.class,
                v -> assertThat(v.principal().userId()).isEqualTo("u1"));
        TokenCheck.Verified again = (TokenCheck.Verified) cache.check("t1");
        assertThat(again.principal()).isSameAs(((TokenCheck.Verified) first).principal());
        assertThat(cache.principal(again.jwt())).isSameAs(again.principal());
        revocations.add(new TokenRevoked("audit-t1", null, null, null, null, Instant.now(), Instant.now()));
        assertThat(cache.check("t1")).isInstanceOf(TokenCheck.Revoked.class);
        VerifiedTokenCache refusing = new VerifiedTokenCache(token -> {
            throw new org.springframework.security.oauth2.jwt.BadJwtException("bad signature");
        }, revocations::isRevoked, 100);
        assertThat(refusing.check("forged")).isEqualTo(new TokenCheck.Invalid("bad signature"));
    }

    @Test
    void anExpiredTokenIsRefusedEvenWhenRemembered() {
        Instant issued = Instant.now().minusSeconds(3600);
        VerifiedTokenCache cache = new VerifiedTokenCache(verifier(issued, Instant.now().minusSeconds(120)),
                revocations::isRevoked, 100);
        // the verifier checks the signature only: expiry is the cache's, on every check
        assertThatThrownBy(() -> cache.decode("old")).isInstanceOf(JwtValidationException.class)
                .hasMessageContaining("expired");
        assertThat(cache.checkAllowingExpired("old", java.time.Duration.ofMinutes(10)))
                .isInstanceOf(TokenCheck.Verified.class);
        assertThat(cache.check("old")).isInstanceOf(TokenCheck.Invalid.class);
        assertThat(cache.size()).isZero();
    }

    @Test
    void theCacheStaysBounded() {
        Instant issued = Instant.now();
        VerifiedTokenCache cache = new VerifiedTokenCache(verifier(issued, issued.plusSeconds(3600)),
                revocations::isRevoked, 3);
        for (int i = 0; i < 10; i++) {
            cache.decode("t" + i);
        }
        assertThat(cache.size()).isLessThanOrEqualTo(3);
    }
}
