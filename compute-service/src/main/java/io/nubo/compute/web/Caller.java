package io.nubo.compute.web;

import io.nubo.shared.security.NuboPrincipal;
import java.util.Set;

/**
 * Who calls the compute API, as Nova's policy sees it: the token's project and user, and its roles. Resolved once
 * per request by {@link CallerArgumentResolver} and handed to controllers as an argument.
 */
public record Caller(String projectId, String userId, Set<String> roles, String token) {

    /** @param token the caller's own token, forwarded when the compute API calls another service for them */
    public static Caller of(NuboPrincipal p, String token) {
        return new Caller(p.projectId(), p.userId(), p.roles(), token);
    }

    public boolean admin() {
        return roles.contains("admin");
    }

    public boolean reader() {
        return roles.contains("reader") || roles.contains("member") || admin();
    }

    public boolean owns(String projectId) {
        return this.projectId != null && this.projectId.equals(projectId);
    }
}
