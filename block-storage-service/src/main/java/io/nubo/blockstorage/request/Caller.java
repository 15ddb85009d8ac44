package io.nubo.blockstorage.request;

import io.nubo.blockstorage.error.VolumeError;
import io.nubo.shared.policy.PolicyEnforcer;
import io.nubo.shared.security.NuboPrincipal;
import java.util.Map;

/**
 * Who calls, resolved once per request ({@link CallerArgumentResolver}, from the shared caller) and handed to
 * controllers and services: the token's project (a volume's owner is a project), user, whether the caller is an
 * admin, and the rules to check it against ({@link Policy#TABLE} in the shared enforcer).
 */
public record Caller(NuboPrincipal principal, PolicyEnforcer enforcer) {

    public String projectId() {
        return principal.projectId();
    }

    public String userId() {
        return principal.userId();
    }

    public boolean admin() {
        return principal.isAdmin();
    }

    public boolean owns(String project) {
        return project != null && project.equals(principal.projectId());
    }

    /** Whether the rule for {@code action} allows the caller on a resource of {@code owner} (null: none). */
    public boolean allows(Policy action, String owner) {
        return enforcer.allows(action.ruleName(), principal, owner == null ? Map.of()
                : Map.of("project_id", owner));
    }

    public boolean allows(Policy action) {
        return allows(action, principal.projectId());
    }

    /** Refuses with Cinder's 403 unless the rule for {@code action} allows the caller on the owner's resource. */
    public void require(Policy action, String owner) {
        if (!allows(action, owner)) {
            throw VolumeError.FORBIDDEN.exception(action.ruleName());
        }
    }

    public void require(Policy action) {
        require(action, principal.projectId());
    }
}
