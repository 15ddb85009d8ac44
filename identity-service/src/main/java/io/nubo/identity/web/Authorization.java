package io.nubo.identity.web;

import io.nubo.shared.security.NuboPrincipal;

/**
 * Identity's policy checks. Today one rule: administration needs the {@code admin} role (on a project, a domain or
 * the system). The reader/member/admin and scope matrix of Keystone's default policies comes with issue 3.
 */
public final class Authorization {

    private Authorization() {
    }

    public static NuboPrincipal requireAdmin() {
        NuboPrincipal caller = NuboPrincipal.current();
        if (caller == null || !caller.isAdmin()) {
            throw IdentityError.FORBIDDEN.exception();
        }
        return caller;
    }

    /** An administrator, or the user the request is about. */
    public static NuboPrincipal requireAdminOrSelf(String userId) {
        NuboPrincipal caller = NuboPrincipal.current();
        if (caller == null || !(caller.isAdmin() || caller.userId().equals(userId))) {
            throw IdentityError.FORBIDDEN.exception();
        }
        return caller;
    }

    /** Keystone's get_domain rule: an administrator, or a token scoped to the domain or to a project in it. */
    public static NuboPrincipal requireDomainReader(String domainId) {
        NuboPrincipal caller = NuboPrincipal.current();
        if (caller == null || !(caller.isAdmin() || domainId.equals(caller.domainId())
                || domainId.equals(caller.projectDomainId()))) {
            throw IdentityError.FORBIDDEN.exception();
        }
        return caller;
    }
}
