package io.nubo.image.discovery;

import java.util.ArrayList;
import io.nubo.shared.api.Link;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/** Glance's version list: v2.17 current, every older v2 minor supported; 300 at the root, 200 at /versions. */
@RestController
public class VersionController {

    static final int NEWEST_MINOR = 17;


    public record Version(String id, String status, List<Link> links) {
    }

    public record Versions(List<Version> versions) {
    }

    static Versions document() {
        String self = ServletUriComponentsBuilder.fromCurrentContextPath().path("/v2/").build().toUriString();
        List<Version> versions = new ArrayList<>();
        for (int minor = NEWEST_MINOR; minor >= 0; minor--) {
            versions.add(new Version("v2." + minor, minor == NEWEST_MINOR ? "CURRENT" : "SUPPORTED",
                    List.of(Link.self(self))));
        }
        return new Versions(versions);
    }

    @GetMapping("/")
    public ResponseEntity<Versions> root() {
        return ResponseEntity.status(HttpStatus.MULTIPLE_CHOICES).body(document());
    }

    @GetMapping("/versions")
    public Versions versions() {
        return document();
    }
}
