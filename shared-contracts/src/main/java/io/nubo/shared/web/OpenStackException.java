package io.nubo.shared.web;

import org.springframework.http.HttpStatus;

/**
 * The one exception type every Nubo service throws for an error a client should see.
 * Each service builds these from its own numbered error enum; {@link OpenStackExceptionHandler}
 * renders them in the service's OpenStack error body.
 */
public class OpenStackException extends RuntimeException {

    private final HttpStatus status;
    private final String type;

    /**
     * @param status  the HTTP status
     * @param type    a machine-readable error name (Neutron's {@code type}, e.g. {@code NetworkNotFound});
     *                styles that have no such field ignore it
     * @param message the human-readable message
     */
    public OpenStackException(HttpStatus status, String type, String message) {
        super(message);
        this.status = status;
        this.type = type;
    }

    public HttpStatus status() {
        return status;
    }

    public String type() {
        return type;
    }
}
