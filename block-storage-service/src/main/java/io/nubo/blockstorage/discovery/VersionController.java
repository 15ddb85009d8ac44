package io.nubo.blockstorage.discovery;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.nubo.shared.api.Link;
import io.nubo.shared.api.MediaType;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/** Cinder's version documents: 300 at the root, 200 at {@code /v3/}; microversions 3.0 to {@link #MAX_MICROVERSION} (announce exactly what is served). */
@RestController
public class VersionController {

    public static final String MAX_MICROVERSION = io.nubo.blockstorage.config.BlockStorageApiConfiguration.MAX;
    public static final String MIN_MICROVERSION = io.nubo.blockstorage.config.BlockStorageApiConfiguration.MIN;



    public record Version(String id, String status, String version, @JsonProperty("min_version") String minVersion,
                          String updated, List<Link> links, @JsonProperty("media-types") List<MediaType> mediaTypes) {
    }

    static Map<String, Object> document() {
        String self = ServletUriComponentsBuilder.fromCurrentContextPath().path("/v3/").build().toUriString();
        Version v3 = new Version("v3.0", "CURRENT", MAX_MICROVERSION, MIN_MICROVERSION, "2023-08-31T00:00:00Z",
                List.of(new Link("describedby", "text/html", "https://docs.openstack.org/"),
                        Link.self(self)),
                List.of(new MediaType("application/json", "application/vnd.openstack.volume+json;version=3")));
        return Map.of("versions", List.of(v3));
    }

    @GetMapping("/")
    public ResponseEntity<Map<String, Object>> root() {
        return ResponseEntity.status(HttpStatus.MULTIPLE_CHOICES).body(document());
    }

    @GetMapping({"/v3", "/v3/"})
    public Map<String, Object> v3() {
        return document();
    }
}
