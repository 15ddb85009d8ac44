package io.nubo.image.web;

import io.nubo.shared.security.NuboPrincipal;

/**
 * Who calls the image API, as Glance's policy sees it: the token's project (an image's owner is a project),
 * whether the caller is an admin, and whether it is one of the cloud's own services (role {@code service}: the
 * compute agent fetching a base image, block storage making a volume from an image). A service reads every image
 * and its data, as nova-compute and cinder-volume must whoever owns the image; it changes nothing it does not own.
 */
public record Caller(String projectId, String userId, boolean admin, boolean service) {

    /** The image API's view of the verified caller; 403 for an anonymous one. */
    public static Caller of(NuboPrincipal p) {
        if (p == null) {
            throw ImageError.FORBIDDEN.exception("You are not authorized to perform the requested action.");
        }
        return new Caller(p.projectId(), p.userId(), p.isAdmin(), p.hasRole("service"));
    }

    public boolean owns(String owner) {
        return projectId != null && projectId.equals(owner);
    }
}
