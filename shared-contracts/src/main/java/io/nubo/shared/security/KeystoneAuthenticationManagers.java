package io.nubo.shared.security;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.AuthenticationManagerResolver;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;

/**
 * What Spring Security's resource server asks to authenticate a request's {@code X-Auth-Token}: per request, because
 * the decision also reads the request's {@code X-Service-Token} ({@link ServiceTokenCheck}). A refusal is an invalid
 * bearer token, which the entry point answers with Keystone's 401.
 */
public final class KeystoneAuthenticationManagers implements AuthenticationManagerResolver<HttpServletRequest> {

    private final ServiceTokenCheck tokens;

    public KeystoneAuthenticationManagers(ServiceTokenCheck tokens) {
        this.tokens = tokens;
    }

    @Override
    public AuthenticationManager resolve(HttpServletRequest request) {
        String serviceToken = request.getHeader(ServiceTokenCheck.HEADER);
        return authentication -> authenticate(((BearerTokenAuthenticationToken) authentication).getToken(),
                serviceToken);
    }

    /** The caller for a user token and an optional service token, or the refusal. */
    public NuboAuthentication authenticate(String userToken, String serviceToken) {
        TokenCheck check = tokens.check(userToken, serviceToken);
        if (check instanceof TokenCheck.Verified v) {
            return new NuboAuthentication(v.jwt(), v.principal());
        }
        throw new InvalidBearerTokenException(check instanceof TokenCheck.Invalid i ? i.reason()
                : VerifiedTokenCache.REVOKED);
    }
}
