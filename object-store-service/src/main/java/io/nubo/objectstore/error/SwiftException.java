package io.nubo.objectstore.error;

import io.nubo.shared.web.OpenStackException;

/** The object store's one exception type, built from {@link SwiftError}. */
public class SwiftException extends OpenStackException {

    private final SwiftError error;

    SwiftException(SwiftError error, String message) {
        super(error.status(), error.name(), message);
        this.error = error;
    }

    public SwiftError error() {
        return error;
    }
}
