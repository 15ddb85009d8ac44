package io.nubo.shared.security;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;

/** OpenStack clients send their token in {@code X-Auth-Token}, not as an OAuth2 bearer header. */
public class KeystoneTokenResolver implements BearerTokenResolver {

    public static final String HEADER = "X-Auth-Token";

    @Override
    public String resolve(HttpServletRequest request) {
        String token = request.getHeader(HEADER);
        return token == null || token.isBlank() ? null : token.trim();
    }
}
