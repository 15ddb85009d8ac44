package io.nubo.shared.security;

import java.util.List;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/**
 * An authenticated request: the verified token and the caller it names, built once per token. It carries no
 * granted authorities: nothing reads Spring's {@code ROLE_} authorities, services authorize with their policy
 * table ({@code io.nubo.shared.policy}) on the caller's roles.
 */
public final class NuboAuthentication extends JwtAuthenticationToken {

    private final transient NuboPrincipal caller;

    public NuboAuthentication(Jwt jwt, NuboPrincipal caller) {
        super(jwt, List.of(), caller.userId());
        this.caller = caller;
    }

    public NuboPrincipal caller() {
        return caller;
    }
}
