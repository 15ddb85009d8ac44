package io.nubo.identity.discovery;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.nubo.shared.api.Link;
import io.nubo.shared.api.MediaType;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/** Keystone's version discovery: {@code GET /} (300, all versions) and {@code GET /v3}. */
@RestController
public class VersionController {



    public record Version(String id, String status, String updated, List<Link> links,
                          @JsonProperty("media-types") List<MediaType> mediaTypes) {
    }

    /** {@code {"versions": {"values": [...]}}} */
    public record Versions(VersionValues versions) {
    }

    public record VersionValues(List<Version> values) {
    }

    /** {@code {"version": {...}}} */
    public record VersionResponse(Version version) {
    }

    private static Version v3() {
        String self = ServletUriComponentsBuilder.fromCurrentContextPath().path("/v3/").build().toUriString();
        return new Version("v3.14", "stable", "2020-04-07T00:00:00Z", List.of(Link.self(self)),
                List.of(new MediaType("application/json", "application/vnd.openstack.identity-v3+json")));
    }

    @GetMapping("/")
    public ResponseEntity<Versions> versions() {
        return ResponseEntity.status(HttpStatus.MULTIPLE_CHOICES)
                .body(new Versions(new VersionValues(List.of(v3()))));
    }

    @GetMapping({"/v3", "/v3/"})
    public VersionResponse version() {
        return new VersionResponse(v3());
    }
}
