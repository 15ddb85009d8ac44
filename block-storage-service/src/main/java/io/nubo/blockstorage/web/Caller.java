package io.nubo.blockstorage.web;

import io.nubo.shared.security.NuboPrincipal;

/**
 * Who calls, resolved once per request ({@link CallerArgumentResolver}) and handed to controllers: the token's
 * project (a volume's owner is a project), user and whether the caller is an admin.
 */
public record Caller(String projectId, String userId, boolean admin) {

    static Caller of(NuboPrincipal p) {
        return new Caller(p.projectId(), p.userId(), p.isAdmin());
    }

    public boolean owns(String project) {
        return projectId != null && projectId.equals(project);
    }

    /** Checks the rule for {@code action} against a resource owned by {@code owner} (null: no owner). */
    public void require(Policy action, String owner) {
        if (!action.allows(this, owner)) {
            throw VolumeError.FORBIDDEN.exception(action.ruleName());
        }
    }

    public void require(Policy action) {
        require(action, null);
    }
}
