package io.nubo.identity.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/** Keystone's collection links: {@code {"self": ..., "previous": null, "next": null}}. */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record Links(String self, String previous, String next) {

    public static Links ofCurrentRequest() {
        return new Links(ServletUriComponentsBuilder.fromCurrentRequest().build().toUriString(), null, null);
    }
}
