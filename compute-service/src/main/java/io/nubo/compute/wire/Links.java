package io.nubo.compute.wire;

import io.nubo.shared.api.Link;
import java.util.List;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/** Nova's resource links: {@code self} under {@code /v2.1} and {@code bookmark} without the version. */
public final class Links {

    private Links() {
    }

    public static String base() {
        return ServletUriComponentsBuilder.fromCurrentContextPath().build().toUriString();
    }

    public static List<Link> of(String collection, String id) {
        String base = base();
        return List.of(Link.self(base + "/v2.1/" + collection + "/" + id),
                new Link("bookmark", null, base + "/" + collection + "/" + id));
    }
}
