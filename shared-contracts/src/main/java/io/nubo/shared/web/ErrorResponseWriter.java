package io.nubo.shared.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/**
 * Renders an error in the service's {@link ErrorBodyStyle}: the single place that writes error bodies,
 * used by the controller advice, the security entry points and the servlet error page.
 */
public class ErrorResponseWriter {

    private final ErrorBodyStyle style;

    public ErrorResponseWriter(ErrorBodyStyle style) {
        this.style = style;
    }

    public ErrorBodyStyle style() {
        return style;
    }

    public ResponseEntity<String> entity(HttpServletRequest request, HttpStatus status, String type, String message) {
        ErrorBodyStyle.RenderedError e = style.render(status, type, message);
        boolean head = request != null && "HEAD".equals(request.getMethod());
        return ResponseEntity.status(status)
                .contentType(e.contentType())
                .body(head ? null : e.body());
    }

    public void write(HttpServletRequest request, HttpServletResponse response, HttpStatus status, String type,
                      String message) throws IOException {
        if (response.isCommitted()) {
            return;
        }
        ErrorBodyStyle.RenderedError e = style.render(status, type, message);
        response.setStatus(status.value());
        response.setHeader(HttpHeaders.CONTENT_TYPE, e.contentType().toString() + ";charset=UTF-8");
        byte[] bytes = e.body().getBytes(StandardCharsets.UTF_8);
        if (request != null && "HEAD".equals(request.getMethod())) {
            response.setContentLength(0);
            return;
        }
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
    }
}
