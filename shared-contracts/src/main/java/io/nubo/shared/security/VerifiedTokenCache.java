package io.nubo.shared.security;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtValidationException;

/**
 * Verifies a token's signature and claims once, then remembers it until it expires (as keystonemiddleware caches
 * validated tokens), so a client's next requests cost a map look-up instead of an ECDSA verification. Expiry and
 * the revocation list are checked on every request, cached or not, so a revoked token is refused at once.
 */
public final class VerifiedTokenCache implements JwtDecoder {

    /** Spring's default clock skew, so a cached token expires when a fresh verification would refuse it. */
    private static final Duration CLOCK_SKEW = Duration.ofSeconds(60);

    private final JwtDecoder verifier;
    private final OAuth2TokenValidator<Jwt> everyTime;
    private final int maxEntries;
    private final Map<String, Jwt> verified = new ConcurrentHashMap<>();

    /**
     * @param verifier   checks signature, issuer and times (not revocation)
     * @param everyTime  what is checked on every request (the revocation list)
     * @param maxEntries bound on remembered tokens; when reached the cache starts again empty
     */
    public VerifiedTokenCache(JwtDecoder verifier, OAuth2TokenValidator<Jwt> everyTime, int maxEntries) {
        this.verifier = verifier;
        this.everyTime = everyTime;
        this.maxEntries = maxEntries;
    }

    @Override
    public Jwt decode(String token) throws JwtException {
        Jwt jwt = verified.get(token);
        if (jwt == null) {
            jwt = verifier.decode(token);
            if (verified.size() >= maxEntries) {
                verified.clear();
            }
            verified.put(token, jwt);
        } else if (jwt.getExpiresAt() != null && Instant.now().isAfter(jwt.getExpiresAt().plus(CLOCK_SKEW))) {
            verified.remove(token);
            throw new JwtValidationException("Jwt expired", java.util.List.of(new OAuth2Error("invalid_token",
                    "Jwt expired at " + jwt.getExpiresAt(), null)));
        }
        OAuth2TokenValidatorResult result = everyTime.validate(jwt);
        if (result.hasErrors()) {
            throw new JwtValidationException(result.getErrors().iterator().next().getDescription(), result.getErrors());
        }
        return jwt;
    }

    /** How many verified tokens are remembered (for tests and metrics). */
    public int size() {
        return verified.size();
    }
}
