package io.nubo.shared.security;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtValidationException;

/**
 * Verifies a token's signature and claims once, then remembers it, with the caller it names, until it expires (as
 * keystonemiddleware caches validated tokens), so a client's next requests cost a map look-up instead of an ECDSA
 * verification. Expiry and the revocation list are checked on every request, cached or not, so a revoked token is
 * refused at once. {@link #check} is the one decode: its sealed result says verified, revoked or invalid; the
 * {@link JwtDecoder} view is what Spring Security's resource server calls. The verifier checks signature and issuer
 * only: expiry is this class's, because a service token may make an expired user token acceptable
 * ({@link #checkAllowingExpired}).
 */
public final class VerifiedTokenCache implements JwtDecoder {

    /** Spring's default clock skew, so a cached token expires when a fresh verification would refuse it. */
    private static final Duration CLOCK_SKEW = Duration.ofSeconds(60);
    static final String REVOKED = "The token has been revoked.";

    private final JwtDecoder verifier;
    private final Predicate<NuboPrincipal> revoked;
    private final int maxEntries;
    private final Map<String, TokenCheck.Verified> verified = new ConcurrentHashMap<>();

    /**
     * @param verifier   checks signature, issuer and times (not revocation)
     * @param revoked    what is checked on every request (the revocation list)
     * @param maxEntries bound on remembered tokens; when reached the cache starts again empty
     */
    public VerifiedTokenCache(JwtDecoder verifier, Predicate<NuboPrincipal> revoked, int maxEntries) {
        this.verifier = verifier;
        this.revoked = revoked;
        this.maxEntries = maxEntries;
    }

    /** Checks a token: signature and claims the first time, expiry and revocation every time. */
    public TokenCheck check(String token) {
        return check(token, Duration.ZERO);
    }

    /**
     * As {@link #check(String)}, but a token that expired less than {@code expiredWindow} ago still counts as
     * verified (Keystone's {@code allow_expired}, for a user token that a service presents with its own service
     * token). A revoked token is refused all the same.
     */
    public TokenCheck checkAllowingExpired(String token, Duration expiredWindow) {
        return check(token, expiredWindow);
    }

    private TokenCheck check(String token, Duration expiredWindow) {
        TokenCheck.Verified v = verified.get(token);
        if (v == null) {
            Jwt jwt;
            try {
                jwt = verifier.decode(token);
            } catch (JwtException e) {
                return new TokenCheck.Invalid(e.getMessage());
            }
            v = new TokenCheck.Verified(jwt, NuboPrincipal.of(jwt));
            if (verified.size() >= maxEntries) {
                verified.clear();
            }
            verified.put(token, v);
        }
        Instant expires = v.jwt().getExpiresAt();
        if (expires != null && Instant.now().isAfter(expires.plus(CLOCK_SKEW).plus(expiredWindow))) {
            verified.remove(token);
            return new TokenCheck.Invalid("Jwt expired at " + expires);
        }
        return revoked.test(v.principal()) ? new TokenCheck.Revoked(v.jwt()) : v;
    }

    @Override
    public Jwt decode(String token) throws JwtException {
        TokenCheck check = check(token);
        if (check instanceof TokenCheck.Verified v) {
            return v.jwt();
        }
        String reason = check instanceof TokenCheck.Invalid i ? i.reason() : REVOKED;
        throw new JwtValidationException(reason, List.of(new OAuth2Error("invalid_token", reason, null)));
    }

    /** The caller a verified token names, built once when the token was first verified. */
    public NuboPrincipal principal(Jwt jwt) {
        TokenCheck.Verified v = verified.get(jwt.getTokenValue());
        return v != null && v.jwt() == jwt ? v.principal() : NuboPrincipal.of(jwt);
    }

    /** How many verified tokens are remembered (for tests and metrics). */
    public int size() {
        return verified.size();
    }
}
