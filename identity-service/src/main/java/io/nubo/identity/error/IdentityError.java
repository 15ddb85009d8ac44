package io.nubo.identity.error;

import org.springframework.http.HttpStatus;

/** Every error identity answers, with Keystone's status and message. */
public enum IdentityError {
    UNAUTHORIZED(HttpStatus.UNAUTHORIZED, "The request you have made requires authentication."),
    FORBIDDEN(HttpStatus.FORBIDDEN, "You are not authorized to perform the requested action."),
    VALIDATION(HttpStatus.BAD_REQUEST, "Invalid input for field '%s': %s"),
    BAD_REQUEST(HttpStatus.BAD_REQUEST, "%s"),
    TOKEN_NOT_FOUND(HttpStatus.NOT_FOUND, "Could not find token: %s."),
    NOT_FOUND(HttpStatus.NOT_FOUND, "Could not find %s: %s."),
    MISSING_SUBJECT_TOKEN(HttpStatus.BAD_REQUEST, "X-Subject-Token is required."),
    CONFLICT(HttpStatus.CONFLICT, "Conflict occurred attempting to store %s - Duplicate entry found with name %s%s."),
    FORBIDDEN_ACTION(HttpStatus.FORBIDDEN, "%s");

    private final HttpStatus status;
    private final String template;

    IdentityError(HttpStatus status, String template) {
        this.status = status;
        this.template = template;
    }

    public IdentityException exception(Object... args) {
        return new IdentityException(status, String.format(template, args));
    }
}
