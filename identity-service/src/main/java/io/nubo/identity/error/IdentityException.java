package io.nubo.identity.error;

import io.nubo.shared.web.OpenStackException;
import org.springframework.http.HttpStatus;

/** Identity's one exception type; built from {@link IdentityError}. */
public class IdentityException extends OpenStackException {

    IdentityException(HttpStatus status, String message) {
        super(status, null, message);
    }
}
