package io.nubo.shared.config;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Token verification, {@code nubo.security.*}.
 *
 * @param jwkSetUri        identity's JWKS endpoint; not needed by identity itself
 * @param identityUri      identity's public URL, named in {@code WWW-Authenticate} on a 401
 * @param publicPaths      paths served without a token, e.g. {@code /}, {@code /v3}, {@code POST /v3/auth/tokens}
 * @param maxTokenLifetime the longest a token can live; revocations older than that are forgotten
 * @param revocationFeed   follow the revocation topic (off only in tests without Kafka)
 * @param serviceTokenRoles roles that make an {@code X-Service-Token} a service's (keystonemiddleware's
 *                          {@code service_token_roles})
 * @param allowExpiredWindow how long after its expiry a user token is accepted with such a service token
 *                          (Keystone's {@code [token] allow_expired_window}, 48 hours)
 */
@ConfigurationProperties("nubo.security")
public record NuboSecurityProperties(
        String jwkSetUri,
        @DefaultValue("http://127.0.0.1:8780/identity") String identityUri,
        @DefaultValue({"/", "/healthcheck", "/healthcheck/**"}) List<String> publicPaths,
        @DefaultValue("24h") Duration maxTokenLifetime,
        @DefaultValue("true") boolean revocationFeed,
        @DefaultValue("service") List<String> serviceTokenRoles,
        @DefaultValue("48h") Duration allowExpiredWindow) {
}
