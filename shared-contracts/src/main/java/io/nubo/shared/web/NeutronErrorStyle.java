package io.nubo.shared.web;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

/** Neutron: {@code {"NeutronError": {"type": "NetworkNotFound", "message": "...", "detail": ""}}}. */
public final class NeutronErrorStyle implements ErrorBodyStyle {

    @Override
    public RenderedError render(HttpStatus status, String type, String message) {
        String t = type != null ? type : defaultType(status);
        String body = "{\"NeutronError\": {\"type\": " + JsonText.quote(t) + ", \"message\": " + JsonText.quote(message)
                + ", \"detail\": \"\"}}";
        return new RenderedError(MediaType.APPLICATION_JSON, body);
    }

    private static String defaultType(HttpStatus status) {
        return switch (status.value()) {
            case 400 -> "HTTPBadRequest";
            case 401 -> "HTTPUnauthorized";
            case 403 -> "HTTPForbidden";
            case 404 -> "HTTPNotFound";
            case 405 -> "HTTPMethodNotAllowed";
            case 409 -> "HTTPConflict";
            case 413 -> "HTTPRequestEntityTooLarge";
            case 415 -> "HTTPUnsupportedMediaType";
            default -> "HTTPInternalServerError";
        };
    }
}
