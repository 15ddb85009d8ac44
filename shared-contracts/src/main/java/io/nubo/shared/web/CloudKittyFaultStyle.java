package io.nubo.shared.web;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

/**
 * CloudKitty's v1 API (Pecan/WSME): {@code {"faultcode": "Client", "faultstring": "...", "debuginfo": null}},
 * {@code faultcode} {@code Client} for a 4xx and {@code Server} otherwise, as WSME's {@code format_exception} writes it.
 */
public final class CloudKittyFaultStyle implements ErrorBodyStyle {

    @Override
    public RenderedError render(HttpStatus status, String type, String message) {
        String body = "{\"faultcode\": " + JsonText.quote(status.is4xxClientError() ? "Client" : "Server")
                + ", \"faultstring\": " + JsonText.quote(message) + ", \"debuginfo\": null}";
        return new RenderedError(MediaType.APPLICATION_JSON, body);
    }
}
