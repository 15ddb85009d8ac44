package io.nubo.compute.wire;

import io.nubo.shared.security.NuboPrincipal;

/**
 * Who calls the compute API: the verified principal (resolved once per token by shared-contracts) and the token
 * itself, which the compute API forwards when it calls another service on the caller's behalf (the image service).
 * Handed to controllers as an argument by the web edge's resolver.
 */
public record Caller(NuboPrincipal principal, String token) {

    public String projectId() {
        return principal.projectId();
    }

    public String userId() {
        return principal.userId();
    }

    public boolean admin() {
        return principal.isAdmin();
    }

    public boolean owns(String projectId) {
        return projectId != null && projectId.equals(principal.projectId());
    }
}
