package io.nubo.network.common;

import java.util.HashSet;
import java.util.Set;

/**
 * Who calls the network API, as Neutron's policy sees it: the token's project, whether it holds the admin role,
 * and whether it holds the {@code service} role (another service acting for a user, such as compute binding a
 * port: Neutron's {@code service_api} rule). Resolved once per request by the web edge and passed to the features.
 */
public record Caller(String projectId, String userId, boolean admin, boolean service) {

    public Caller(String projectId, String userId, boolean admin) {
        this(projectId, userId, admin, false);
    }

    /** The caller as the shared policy rules read it. */
    public io.nubo.shared.security.NuboPrincipal principal() {
        Set<String> roles = new HashSet<>();
        if (admin) {
            roles.add("admin");
        }
        if (service) {
            roles.add("service");
        }
        return new io.nubo.shared.security.NuboPrincipal(userId, null, projectId, null, null, false,
                Set.copyOf(roles), java.util.List.of(), null, null);
    }

    public boolean owns(String projectId) {
        return this.projectId != null && this.projectId.equals(projectId);
    }
}
