package io.nubo.compute.discovery;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.nubo.shared.api.Link;
import io.nubo.shared.api.MediaType;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/** Nova's version documents: {@code GET /} lists v2.0 and v2.1; {@code GET /v2.1} describes v2.1 and its microversions. */
@RestController
public class VersionController {

    /** The newest microversion Nubo announces and the oldest it serves. */
    public static final String MAX_MICROVERSION = "2.96";
    public static final String MIN_MICROVERSION = "2.1";



    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Version(String id, String status, String version, @JsonProperty("min_version") String minVersion,
                          String updated, List<Link> links, @JsonProperty("media-types") List<MediaType> mediaTypes) {
    }

    private static String href(String path) {
        return ServletUriComponentsBuilder.fromCurrentContextPath().path(path).build().toUriString();
    }

    private static Version v21(boolean full) {
        List<Link> links = full
                ? List.of(Link.self(href("/v2.1/")),
                        new Link("describedby", "text/html", "http://docs.openstack.org/"))
                : List.of(Link.self(href("/v2.1/")));
        return new Version("v2.1", "CURRENT", MAX_MICROVERSION, MIN_MICROVERSION, "2013-07-23T11:33:21Z", links,
                full ? List.of(new MediaType("application/json",
                        "application/vnd.openstack.compute+json;version=2.1")) : null);
    }

    @GetMapping("/")
    public Map<String, Object> versions() {
        Version v20 = new Version("v2.0", "SUPPORTED", "", "", "2011-01-21T11:33:21Z",
                List.of(Link.self(href("/v2/"))), null);
        return Map.of("versions", List.of(v20, v21(false)));
    }

    @GetMapping({"/v2.1", "/v2.1/"})
    public Map<String, Object> version() {
        return Map.of("version", v21(true));
    }
}
