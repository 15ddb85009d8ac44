package io.nubo.identity.web;

import io.nubo.shared.security.NuboPrincipal;

/**
 * Identity's policy checks, after Keystone's default policies (with its legacy rule that {@code admin} on any scope
 * administers everything): changes need {@code admin}; reading the directory needs {@code admin}, or {@code reader}
 * (which {@code member} implies) on the system (everything) or on a domain (that domain's users, groups, projects
 * and assignments only). A user always reads itself, and a project-scoped token its own project.
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

    /** Who may read the directory, and how much of it; 403 for anyone else. */
    public static ReadScope requireReader() {
        NuboPrincipal caller = NuboPrincipal.current();
        if (caller != null && caller.isAdmin()) {
            return new ReadScope.All();
        }
        if (caller != null && caller.hasRole("reader")) {
            if (caller.system()) {
                return new ReadScope.All();
            }
            if (caller.domainId() != null) {
                return new ReadScope.Domain(caller.domainId());
            }
        }
        throw IdentityError.FORBIDDEN.exception();
    }

    /**
     * A reader covering the domain the thing lives in; 403 otherwise. A null domain (the thing does not exist) is
     * covered by a reader of everything only, so that the caller's 404 tells nobody else of its absence.
     */
    public static void requireReaderOf(String domainId) {
        ReadScope scope = requireReader();
        if (domainId == null ? !(scope instanceof ReadScope.All) : !scope.covers(domainId)) {
            throw IdentityError.FORBIDDEN.exception();
        }
    }
}
