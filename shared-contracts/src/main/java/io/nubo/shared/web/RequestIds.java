package io.nubo.shared.web;

import java.util.UUID;
import java.util.regex.Pattern;

/** OpenStack request ids: {@code req-} followed by a UUID, as oslo.middleware's request_id generates them. */
public final class RequestIds {

    public static final String HEADER = "x-openstack-request-id";
    public static final String COMPUTE_HEADER = "x-compute-request-id";
    public static final String MDC_KEY = "request_id";

    private static final Pattern VALID = Pattern.compile(
            "^req-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$");
    private static final ThreadLocal<String> CURRENT = new ThreadLocal<>();

    private RequestIds() {
    }

    public static String generate() {
        return "req-" + UUID.randomUUID();
    }

    /** True when a caller-supplied global request id has the shape oslo.middleware accepts. */
    public static boolean isValid(String id) {
        return id != null && VALID.matcher(id).matches();
    }

    /** The id of the request this thread serves, or null outside a request (a relay, a consumer). */
    public static String current() {
        return CURRENT.get();
    }

    static void set(String id) {
        CURRENT.set(id);
    }

    static void clear() {
        CURRENT.remove();
    }
}
