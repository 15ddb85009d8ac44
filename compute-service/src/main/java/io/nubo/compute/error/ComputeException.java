package io.nubo.compute.error;

import io.nubo.shared.web.OpenStackException;
import org.springframework.http.HttpStatus;

/** The compute API's one exception type; built from {@link ComputeError}. */
public class ComputeException extends OpenStackException {

    ComputeException(HttpStatus status, String type, String message) {
        super(status, type, message);
    }
}
