package io.nubo.image.web;

import io.nubo.shared.security.NuboPrincipal;

/**
 * Who calls the image API, as Glance's policy sees it: the token's project (an image's owner is a project) and
 * whether the caller is an admin.
 */
public record Caller(String projectId, String userId, boolean admin) {

    /** The image API's view of the verified caller; 403 for an anonymous one. */
    public static Caller of(NuboPrincipal p) {
        if (p == null) {
            throw ImageError.FORBIDDEN.exception("You are not authorized to perform the requested action.");
        }
        return new Caller(p.projectId(), p.userId(), p.isAdmin());
    }

    public boolean owns(String owner) {
        return projectId != null && projectId.equals(owner);
    }
}
