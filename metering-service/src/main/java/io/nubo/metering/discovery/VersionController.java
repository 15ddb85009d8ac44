package io.nubo.metering.discovery;

import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/** CloudKitty's root document: {@code GET /} lists v1 (CURRENT) and v2 (EXPERIMENTAL), as cloudkitty/api/root.py. */
@RestController
public class VersionController {

    public record VersionLink(String href, String rel) {
    }

    public record ApiVersion(String id, List<VersionLink> links, String status) {
    }

    public record Versions(List<ApiVersion> versions) {
    }

    private static ApiVersion version(String id, String status) {
        String href = ServletUriComponentsBuilder.fromCurrentContextPath().path("/" + id).build().toUriString();
        return new ApiVersion(id, List.of(new VersionLink(href, "self")), status);
    }

    @GetMapping("/")
    public Versions versions() {
        return new Versions(List.of(version("v1", "CURRENT"), version("v2", "EXPERIMENTAL")));
    }
}
