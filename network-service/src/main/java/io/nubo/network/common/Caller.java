package io.nubo.network.common;

/**
 * Who calls the network API, as Neutron's policy sees it: the token's project and whether it holds the admin role.
 * Resolved once per request by the web edge and passed to the features.
 */
public record Caller(String projectId, String userId, boolean admin) {

    public boolean owns(String projectId) {
        return this.projectId != null && this.projectId.equals(projectId);
    }
}
