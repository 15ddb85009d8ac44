package io.nubo.gateway;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.function.ServerResponse;

/** The gateway's own errors, in Keystone's body (what OpenStack clients show for a proxy-level failure). */
final class GatewayErrors {

    private GatewayErrors() {
    }

    static ServerResponse of(HttpStatus status, String message) {
        String body = "{\"error\": {\"code\": " + status.value() + ", \"title\": \"" + status.getReasonPhrase()
                + "\", \"message\": \"" + message.replace("\\", "\\\\").replace("\"", "\\\"") + "\"}}";
        return ServerResponse.status(status).contentType(MediaType.APPLICATION_JSON).body(body);
    }
}
