package io.nubo.shared.security;

import io.nubo.shared.web.ErrorResponseWriter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.web.access.AccessDeniedHandler;

/** An authenticated caller without the needed role: 403 in the service's own error body. */
public class OpenStackAccessDeniedHandler implements AccessDeniedHandler {

    private final ErrorResponseWriter writer;

    public OpenStackAccessDeniedHandler(ErrorResponseWriter writer) {
        this.writer = writer;
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException e)
            throws IOException {
        writer.write(request, response, HttpStatus.FORBIDDEN, "HTTPForbidden",
                "You are not authorized to perform the requested action.");
    }
}
