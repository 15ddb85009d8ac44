package io.nubo.shared.policy;

import io.nubo.shared.security.NuboPrincipal;
import io.nubo.shared.web.OpenStackException;
import java.util.HashMap;
import java.util.Map;
import org.springframework.http.HttpStatus;

/**
 * The one place a service's access rules are evaluated. {@link PolicyInterceptor} calls it for every handler
 * annotated with {@link Policy}, with the request's path variables as the target; a handler that needs attributes
 * of a stored thing (the domain of the user asked for) calls {@link #enforce} itself with them.
 */
public final class PolicyEnforcer {

    public static final String DENIED = "You are not authorized to perform the requested action.";

    private final PolicyTable table;

    public PolicyEnforcer(PolicyTable table) {
        this.table = table;
    }

    public PolicyTable table() {
        return table;
    }

    /** Whether the caller (null when anonymous) may perform the action on the target. */
    public boolean allows(String action, NuboPrincipal caller, Map<String, String> target) {
        return table.rule(action).allows(caller, target, table::rule);
    }

    /** As {@link #allows}, but a refusal is Keystone's 403, rendered in the service's own error body. */
    public void enforce(String action, NuboPrincipal caller, Map<String, String> target) {
        if (!allows(action, caller, target)) {
            throw new OpenStackException(HttpStatus.FORBIDDEN, "PolicyNotAuthorized", DENIED);
        }
    }

    public void enforce(String action, NuboPrincipal caller) {
        enforce(action, caller, Map.of());
    }

    /**
     * A target from key, value pairs: {@code target("id", id, "domain_id", user.getDomainId())}. A null value leaves
     * its key out, so a check on it never matches (the thing may not exist).
     */
    public static Map<String, String> target(String... keysAndValues) {
        if (keysAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("a target is key, value pairs");
        }
        Map<String, String> t = new HashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            if (keysAndValues[i + 1] != null) {
                t.put(keysAndValues[i], keysAndValues[i + 1]);
            }
        }
        return t;
    }
}
