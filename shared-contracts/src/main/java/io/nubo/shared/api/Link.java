package io.nubo.shared.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/** An OpenStack link object, {@code {"rel": "self", "href": "..."}} ({@code type} only where the API has one). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Link(String rel, String type, String href) {

    public static Link self(String href) {
        return new Link("self", null, href);
    }

    /** A URL under the service's public root as the caller sees it (gateway host and prefix included). */
    public static String href(String path) {
        return ServletUriComponentsBuilder.fromCurrentContextPath().path(path).build().toUriString();
    }
}
