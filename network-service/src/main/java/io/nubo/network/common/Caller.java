package io.nubo.network.common;

/**
 * Who calls the network API, as Neutron's policy sees it: the token's project and whether it holds the admin role.
 * Resolved once per request by the web edge and passed to the features.
 */
public record Caller(String projectId, String userId, boolean admin) {

    /** The caller as the shared policy rules read it. */
    public io.nubo.shared.security.NuboPrincipal principal() {
        return new io.nubo.shared.security.NuboPrincipal(userId, null, projectId, null, null, false,
                admin ? java.util.Set.of("admin") : java.util.Set.of(), java.util.List.of(), null, null);
    }

    public boolean owns(String projectId) {
        return this.projectId != null && this.projectId.equals(projectId);
    }
}
