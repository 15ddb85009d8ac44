package io.nubo.identity.access;

import io.nubo.shared.policy.PolicyEnforcer;
import io.nubo.shared.security.NuboPrincipal;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * What identity's handlers ask of its policy table beyond a {@code @Policy} annotation: how much of the directory a
 * list shows the caller, and checks whose target is a stored thing (the domain a user lives in).
 */
@Component
public class IdentityAccess {

    private final PolicyEnforcer policy;

    public IdentityAccess(PolicyEnforcer policy) {
        this.policy = policy;
    }

    /**
     * How much a list action shows the caller: everything when its rule holds without a target (a system reader),
     * the caller's domain when it holds for that domain (a domain reader); 403 otherwise.
     */
    public ReadScope readScope(String action, NuboPrincipal caller) {
        if (policy.allows(action, caller, Map.of())) {
            return new ReadScope.All();
        }
        String domain = caller == null ? null : caller.domainId();
        policy.enforce(action, caller, PolicyEnforcer.target("domain_id", domain));
        return new ReadScope.Domain(domain);
    }

    /** Enforces an action on a target given as key, value pairs; a null value leaves its key out. */
    public void enforce(String action, NuboPrincipal caller, String... target) {
        policy.enforce(action, caller, PolicyEnforcer.target(target));
    }
}
