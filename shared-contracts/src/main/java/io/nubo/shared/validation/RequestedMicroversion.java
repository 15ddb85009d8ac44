package io.nubo.shared.validation;

import jakarta.servlet.http.HttpServletRequest;

/**
 * The microversion a request asks for, used to pick the schema of a {@link ValidatedBody} range. A service with
 * microversions (compute, block storage) provides its own bean, which resolves {@code latest} and its default;
 * without one, a request with no version header is validated against the handler's first schema.
 */
@FunctionalInterface
public interface RequestedMicroversion {

    /** The request's microversion, or null when the request names none. */
    Microversion of(HttpServletRequest request);

    /** Reads {@code OpenStack-API-Version: <service> <major.minor>}; null when absent or not a number. */
    RequestedMicroversion FROM_HEADER = request -> {
        String h = request.getHeader("OpenStack-API-Version");
        if (h == null) {
            return null;
        }
        String[] parts = h.trim().split("\\s+");
        try {
            return Microversion.parse(parts[parts.length - 1]);
        } catch (IllegalArgumentException e) {
            return null;
        }
    };
}
