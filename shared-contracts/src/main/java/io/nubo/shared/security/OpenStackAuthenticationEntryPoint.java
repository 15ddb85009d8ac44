package io.nubo.shared.security;

import io.nubo.shared.web.ErrorResponseWriter;
import io.nubo.shared.web.KeystoneErrorStyle;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;

/**
 * A missing, forged, expired or revoked token: 401 in Keystone's error body, whatever the service, with
 * {@code WWW-Authenticate: Keystone uri="..."}, as keystonemiddleware answers in front of every OpenStack API.
 */
public class OpenStackAuthenticationEntryPoint implements AuthenticationEntryPoint {

    private final ErrorResponseWriter keystone = new ErrorResponseWriter(new KeystoneErrorStyle());
    private final String identityUri;

    public OpenStackAuthenticationEntryPoint(String identityUri) {
        this.identityUri = identityUri;
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
            throws IOException {
        response.setHeader("WWW-Authenticate", "Keystone uri=\"" + identityUri + "\"");
        keystone.write(request, response, HttpStatus.UNAUTHORIZED, "HTTPUnauthorized",
                "The request you have made requires authentication.");
    }
}
