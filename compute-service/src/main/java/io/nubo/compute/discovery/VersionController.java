package io.nubo.compute.discovery;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.nubo.compute.config.ComputeApiVersions;
import io.nubo.shared.api.Link;
import io.nubo.shared.api.MediaType;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * Nova's version documents: {@code GET /} lists the versions served, the legacy v2.0 ({@code SUPPORTED}, no
 * microversions; {@code web.LegacyV2Api} serves it at {@code /v2} as v2.1) first, as Nova lists them, then v2.1;
 * {@code GET /v2} and {@code GET /v2.1} describe each, v2.1 with the range of microversions this service really
 * serves ({@link ComputeApiVersions}).
 */
@RestController
public class VersionController {

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
        return new Version("v2.1", "CURRENT", ComputeApiVersions.MAX, ComputeApiVersions.MIN, "2013-07-23T11:33:21Z", links,
                full ? List.of(new MediaType("application/json",
                        "application/vnd.openstack.compute+json;version=2.1")) : null);
    }

    private static Version v20(boolean full) {
        List<Link> links = full
                ? List.of(Link.self(href("/v2/")),
                        new Link("describedby", "text/html", "http://docs.openstack.org/"))
                : List.of(Link.self(href("/v2/")));
        return new Version("v2.0", "SUPPORTED", "", "", "2011-01-21T11:33:21Z", links,
                full ? List.of(new MediaType("application/json",
                        "application/vnd.openstack.compute+json;version=2")) : null);
    }

    public record Versions(List<Version> versions) {
    }

    public record VersionDocument(Version version) {
    }

    @GetMapping("/")
    public Versions versions() {
        return new Versions(List.of(v20(false), v21(false)));
    }

    @GetMapping({"/v2", "/v2/"})
    public VersionDocument legacyVersion() {
        return new VersionDocument(v20(true));
    }

    @GetMapping({"/v2.1", "/v2.1/"})
    public VersionDocument version() {
        return new VersionDocument(v21(true));
    }
}
