package io.nubo.testsupport;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.nubo.shared.security.TokenClaims;
import io.nubo.shared.security.TokenVerificationKeys;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * Mints Nubo tokens for service tests, signed like identity signs them (ES256, Keystone's claim names), with a key
 * that the service under test trusts through {@link Keys} (import it as a test configuration).
 */
public final class TestTokens {

    private static final ECKey KEY = generate();
    private static final ECKey OTHER_KEY = generate();

    private TestTokens() {
    }

    /** A project-scoped token for user {@code u-<project>} with the given roles, valid for an hour. */
    public static String project(String projectId, String... roles) {
        return sign(KEY, "u-" + projectId, projectId, List.of(roles), Instant.now(), Duration.ofHours(1),
                UUID.randomUUID().toString());
    }

    /** A token with the given audit id, so a test can revoke it. */
    public static String withAuditId(String projectId, String auditId, String... roles) {
        return sign(KEY, "u-" + projectId, projectId, List.of(roles), Instant.now().minusSeconds(5),
                Duration.ofHours(1), auditId);
    }

    public static String expired(String projectId) {
        return expired(projectId, UUID.randomUUID().toString());
    }

    /** A member token of the project that expired an hour ago, with the given audit id. */
    public static String expired(String projectId, String auditId) {
        return sign(KEY, "u-" + projectId, projectId, List.of("member"), Instant.now().minus(Duration.ofHours(2)),
                Duration.ofHours(1), auditId);
    }

    /** A token of service user {@code name} (as {@code nova}): role {@code service} on project {@code service}. */
    public static String service(String name) {
        return sign(KEY, name, "service", List.of("service"), Instant.now(), Duration.ofHours(1),
                UUID.randomUUID().toString());
    }

    /** Well formed, but signed by a key nobody trusts. */
    public static String forged(String projectId) {
        return sign(OTHER_KEY, "u-" + projectId, projectId, List.of("admin"), Instant.now(), Duration.ofHours(1),
                UUID.randomUUID().toString());
    }

    private static String sign(ECKey key, String user, String projectId, List<String> roles, Instant issued,
                               Duration lifetime, String auditId) {
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(TokenClaims.ISSUER).subject(user)
                .issueTime(Date.from(issued)).expirationTime(Date.from(issued.plus(lifetime)))
                .claim(TokenClaims.METHODS, List.of("password"))
                .claim(TokenClaims.AUDIT_IDS, List.of(auditId))
                .claim(TokenClaims.USER_DOMAIN_ID, "default")
                .claim(TokenClaims.PROJECT_ID, projectId)
                .claim(TokenClaims.PROJECT_DOMAIN_ID, "default")
                .claim(TokenClaims.ROLES, roles)
                .build();
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(key.getKeyID()).build(),
                    claims);
            jwt.sign(new ECDSASigner(key));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ECKey generate() {
        try {
            return new ECKeyGenerator(Curve.P_256).keyID(UUID.randomUUID().toString()).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Makes the service under test trust {@link TestTokens}' key instead of fetching identity's. */
    @TestConfiguration(proxyBeanMethods = false)
    public static class Keys {

        @Bean
        TokenVerificationKeys testTokenVerificationKeys() {
            JWKSet set = new JWKSet(KEY.toPublicJWK());
            return () -> set;
        }
    }
}
