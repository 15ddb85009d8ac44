package io.nubo.identity.api;

import io.nubo.shared.api.Link;

/** Keystone's resource link, {@code {"self": "https://.../v3/<collection>/<id>"}}. */
public record SelfLink(String self) {

    /** The link of a path under the service's public root, as the caller sees it. */
    public static SelfLink to(String path) {
        return new SelfLink(Link.href(path));
    }
}
