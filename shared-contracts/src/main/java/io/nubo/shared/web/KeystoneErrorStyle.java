package io.nubo.shared.web;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

/** Keystone (and keystonemiddleware's 401): {@code {"error": {"code": 404, "title": "Not Found", "message": "..."}}}. */
public final class KeystoneErrorStyle implements ErrorBodyStyle {

    @Override
    public RenderedError render(HttpStatus status, String type, String message) {
        String body = "{\"error\": {\"code\": " + status.value() + ", \"title\": " + JsonText.quote(status.getReasonPhrase())
                + ", \"message\": " + JsonText.quote(message) + "}}";
        return new RenderedError(MediaType.APPLICATION_JSON, body);
    }
}
