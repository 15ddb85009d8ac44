package io.nubo.objectstore.error;

import io.nubo.shared.web.OpenStackException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The object store's one exception type, built from {@link SwiftError}. It may carry headers for the error response
 * ({@code Content-Range} of a 416, {@code Allow} of a 405), which the web edge sets before the error body.
 */
public class SwiftException extends OpenStackException {

    private final SwiftError error;
    private final Map<String, String> headers = new LinkedHashMap<>();

    SwiftException(SwiftError error, String message) {
        super(error.status(), error.name(), message);
        this.error = error;
    }

    public SwiftError error() {
        return error;
    }

    /** This exception, with a header for its response. */
    public SwiftException withHeader(String name, String value) {
        headers.put(name, value);
        return this;
    }

    /** This exception, with headers for its response that it does not set itself. */
    public SwiftException withHeaders(Map<String, String> more) {
        more.forEach(headers::putIfAbsent);
        return this;
    }

    public Map<String, String> headers() {
        return Collections.unmodifiableMap(headers);
    }
}
