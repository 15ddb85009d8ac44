package io.nubo.shared.validation;

import io.nubo.shared.web.OpenStackException;
import org.springframework.http.HttpStatus;

/**
 * A request that does not satisfy its schema: 400 in the service's own error body, the field named as Keystone
 * and Nova name it ("Invalid input for field 'project.description': ...").
 */
public class RequestValidationException extends OpenStackException {

    private final String field;

    public RequestValidationException(String field, String problem) {
        super(HttpStatus.BAD_REQUEST, "HTTPBadRequest", "Invalid input for field '" + field + "': " + problem);
        this.field = field;
    }

    /** The offending field, dotted from the root of the body or query ({@code project.description}). */
    public String field() {
        return field;
    }
}
