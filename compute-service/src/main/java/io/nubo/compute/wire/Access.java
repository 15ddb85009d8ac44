package io.nubo.compute.wire;

import io.nubo.shared.policy.PolicyEnforcer;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Compute's access checks through the shared {@link PolicyEnforcer} (the one place rules are evaluated), with the
 * owning project of the thing acted on as the target ({@code project_id}).
 */
@Component
public class Access {

    private final PolicyEnforcer enforcer;

    Access(PolicyEnforcer enforcer) {
        this.enforcer = enforcer;
    }

    private static Map<String, String> target(String ownerProject) {
        return ownerProject == null ? Map.of() : Map.of("project_id", ownerProject);
    }

    public boolean allows(ComputePolicy p, Caller caller, String ownerProject) {
        return enforcer.allows(p.action(), caller.principal(), target(ownerProject));
    }

    /** 403 in Nova's body unless the rule allows the caller on something {@code ownerProject} owns. */
    public void check(ComputePolicy p, Caller caller, String ownerProject) {
        enforcer.enforce(p.action(), caller.principal(), target(ownerProject));
    }

    public void check(ComputePolicy p, Caller caller) {
        check(p, caller, caller.projectId());
    }
}
