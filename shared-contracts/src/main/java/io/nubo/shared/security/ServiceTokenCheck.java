package io.nubo.shared.security;

import java.time.Duration;
import java.util.Set;

/**
 * The service-token rule (Nova's {@code X-Service-Token}, keystonemiddleware's {@code service_token_roles} with
 * {@code allow_expired}): a service acting for a user sends the user's token in {@code X-Auth-Token} and its own in
 * {@code X-Service-Token}. The request is the user's; the service token only vouches that a service carries it, so
 * a user token that expired while the work went on (a long snapshot upload) is still accepted, for at most
 * {@code expiredWindow} after its expiry (Keystone's {@code [token] allow_expired_window}). Never a revoked one.
 *
 * <ul>
 * <li>no service token: the user token alone decides, as always;</li>
 * <li>a service token that is itself invalid, expired or revoked: refused (a bad credential is never ignored);</li>
 * <li>a valid service token without a service role: only a second credential, the user token must stand on its
 *     own (an expired one is refused);</li>
 * <li>a valid service token with a service role: the user token may have expired within the window.</li>
 * </ul>
 */
public final class ServiceTokenCheck {

    public static final String HEADER = "X-Service-Token";

    private final VerifiedTokenCache tokens;
    private final Set<String> serviceRoles;
    private final Duration expiredWindow;

    /**
     * @param serviceRoles  roles of which the service token must hold one (keystonemiddleware's
     *                      {@code service_token_roles}, default {@code service})
     * @param expiredWindow how long after its expiry a user token is still accepted with a service token
     */
    public ServiceTokenCheck(VerifiedTokenCache tokens, Set<String> serviceRoles, Duration expiredWindow) {
        this.tokens = tokens;
        this.serviceRoles = Set.copyOf(serviceRoles);
        this.expiredWindow = expiredWindow;
    }

    /** The caller a request with these headers is, as one {@link TokenCheck} of the user token. */
    public TokenCheck check(String userToken, String serviceToken) {
        if (serviceToken == null || serviceToken.isBlank()) {
            return tokens.check(userToken);
        }
        TokenCheck service = tokens.check(serviceToken.trim());
        if (!(service instanceof TokenCheck.Verified s)) {
            String why = service instanceof TokenCheck.Invalid i ? i.reason() : VerifiedTokenCache.REVOKED;
            return new TokenCheck.Invalid("The service token is not valid: " + why);
        }
        boolean vouches = s.principal().roles().stream().anyMatch(serviceRoles::contains);
        return vouches ? tokens.checkAllowingExpired(userToken, expiredWindow) : tokens.check(userToken);
    }
}
