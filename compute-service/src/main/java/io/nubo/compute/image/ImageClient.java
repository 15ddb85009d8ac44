package io.nubo.compute.image;

import io.nubo.compute.config.ComputeProperties;
import io.nubo.compute.wire.Caller;
import io.nubo.compute.error.ComputeError;
import io.nubo.shared.events.compute.ImageSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The image service as the compute API uses it, always with the caller's own token (so image visibility is the
 * image service's to decide): look an image up at boot and rebuild, and create the record a snapshot fills.
 */
@Component
public class ImageClient {

    private static final Set<String> CORE = Set.of("id", "name", "status", "visibility", "protected", "checksum",
            "owner", "size", "min_ram", "min_disk", "disk_format", "container_format", "created_at", "updated_at",
            "tags", "self", "file", "schema", "virtual_size", "os_hash_algo", "os_hash_value", "locations",
            "direct_url", "os_hidden", "stores", "os_glance_failed_import", "os_glance_importing_to_stores");
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(ImageClient.class);

    private final RestClient http;
    private final String url;

    ImageClient(ComputeProperties props) {
        this.url = props.imageUrl().replaceAll("/+$", "");
        this.http = RestClient.builder().baseUrl(url).build();
    }

    /** The image service's URL, for Nova's {@code alternate} image links. */
    public String publicUrl() {
        return url;
    }

    /** The active image {@code id} as the caller sees it; Nova's 400 when it is unknown or not usable. */
    public ImageSpec find(Caller caller, String id) {
        JsonNode image;
        try {
            String body = http.get().uri("/v2/images/{id}", id).header("X-Auth-Token", caller.token())
                    .accept(MediaType.APPLICATION_JSON).retrieve()
                    .onStatus(HttpStatusCode::is4xxClientError, (rq, rs) -> {
                        throw ComputeError.IMAGE_NOT_FOUND.exception();
                    })
                    .body(String.class);
            image = JSON.readTree(body);
        } catch (RestClientException e) {
            throw ComputeError.UNAVAILABLE.exception("The image service could not be reached to look up image "
                    + id + "; try again.");
        }
        if (!"active".equals(image.path("status").asString(""))) {
            throw ComputeError.BAD_REQUEST.exception("Image " + id + " is not active.");
        }
        Map<String, String> properties = properties(image);
        List<String> locations = new ArrayList<>();
        image.path("locations").forEach(l -> locations.add(l.path("url").asString("")));
        return new ImageSpec(id, image.path("name").asString(null), image.path("disk_format").asString(null),
                image.path("container_format").asString(null), image.path("size").asLong(0),
                image.path("min_disk").asInt(0), image.path("min_ram").asInt(0),
                image.path("os_hash_algo").asString(null), image.path("os_hash_value").asString(null),
                properties, locations);
    }

    /** An image record's own properties (not Glance's core fields), as Nova's {@code properties}. */
    public static Map<String, String> properties(JsonNode image) {
        Map<String, String> properties = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : image.properties()) {
            if (!CORE.contains(e.getKey()) && !e.getValue().isNull()) {
                properties.put(e.getKey(), e.getValue().isString() ? e.getValue().asString()
                        : e.getValue().toString());
            }
        }
        return properties;
    }

    /** Every image the caller sees, following the image service's pages. */
    public List<JsonNode> listAll(Caller caller) {
        List<JsonNode> all = new ArrayList<>();
        String next = "/v2/images?limit=1000";
        while (next != null && all.size() < 100_000) {
            JsonNode page = JSON.readTree(call(caller, http.get().uri(next), null));
            page.path("images").forEach(all::add);
            String n = page.path("next").asString(null);
            next = n == null || n.isBlank() ? null : n;
        }
        return all;
    }

    /** The backups ({@code createBackup}) of an instance of one {@code backup_type}, oldest first. */
    public List<JsonNode> backups(Caller caller, String instanceId, String backupType) {
        List<JsonNode> all = new ArrayList<>();
        String query = org.springframework.web.util.UriComponentsBuilder.fromPath("/v2/images")
                .queryParam("image_type", "backup").queryParam("instance_uuid", instanceId)
                .queryParam("backup_type", backupType).queryParam("sort_key", "created_at")
                .queryParam("sort_dir", "asc").queryParam("limit", 1000).encode().build().toUriString();
        JsonNode page = JSON.readTree(call(caller, http.get().uri(java.net.URI.create(query)), null));
        page.path("images").forEach(all::add);
        return all;
    }

    /** The image record as the caller sees it; Nova's 404 "Image not found." otherwise. */
    public JsonNode show(Caller caller, String id) {
        return JSON.readTree(call(caller, http.get().uri("/v2/images/{id}", id), id));
    }

    public void delete(Caller caller, String id) {
        call(caller, http.delete().uri("/v2/images/{id}", id), id);
    }

    /** Glance v2's JSON patch ({@code add} sets, {@code remove} deletes a property); the image after it. */
    public JsonNode patch(Caller caller, String id, List<Map<String, Object>> operations) {
        return JSON.readTree(call(caller, http.patch().uri("/v2/images/{id}", id)
                .contentType(MediaType.parseMediaType("application/openstack-images-v2.1-json-patch"))
                .body(JSON.writeValueAsString(operations)), id));
    }

    private String call(Caller caller, RestClient.RequestHeadersSpec<?> request, String id) {
        try {
            String body = request.header("X-Auth-Token", caller.token()).accept(MediaType.APPLICATION_JSON)
                    .retrieve()
                    .onStatus(st -> st.value() == 404, (rq, rs) -> {
                        throw ComputeError.NOT_FOUND.exception("Image not found.");
                    })
                    .onStatus(st -> st.value() == 403, (rq, rs) -> {
                        throw ComputeError.FORBIDDEN.exception("The image service does not allow this on image "
                                + id + ".");
                    })
                    .onStatus(HttpStatusCode::is4xxClientError, (rq, rs) -> {
                        throw ComputeError.BAD_REQUEST.exception("The image service refused the request: "
                                + new String(rs.getBody().readAllBytes()));
                    })
                    .body(String.class);
            return body == null || body.isBlank() ? "{}" : body;
        } catch (RestClientException e) {
            throw ComputeError.UNAVAILABLE.exception("The image service could not be reached; try again.");
        }
    }

    /** Creates the queued image record a snapshot of {@code instanceId} uploads into; returns its id. */
    public String createSnapshotRecord(Caller caller, String name, String instanceId, String baseImage,
                                       Map<String, String> metadata) {
        // Nova's order: its own properties, then the request's metadata over them (a user may set image_type), then
        // the record's core fields, which metadata cannot change
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("image_type", "snapshot");
        body.put("instance_uuid", instanceId);
        if (baseImage != null) {
            body.put("base_image_ref", baseImage);
        }
        metadata.forEach(body::put);
        body.put("name", name);
        body.put("disk_format", "qcow2");
        body.put("container_format", "bare");
        body.put("visibility", "private");
        try {
            String reply = http.post().uri("/v2/images").header("X-Auth-Token", caller.token())
                    .contentType(MediaType.APPLICATION_JSON).body(JSON.writeValueAsString(body)).retrieve()
                    .onStatus(HttpStatusCode::is4xxClientError, (rq, rs) -> {
                        throw ComputeError.BAD_REQUEST.exception("The image service refused the snapshot image: "
                                + new String(rs.getBody().readAllBytes()));
                    })
                    .body(String.class);
            return JSON.readTree(reply).path("id").asString();
        } catch (RestClientException e) {
            throw ComputeError.UNAVAILABLE.exception("The image service could not be reached to create the "
                    + "snapshot image; try again.");
        }
    }

    /** Deletes an image the compute API made and will not use after all; a failure is only logged. */
    public void deleteQuietly(Caller caller, String imageId) {
        try {
            http.delete().uri("/v2/images/{id}", imageId).header("X-Auth-Token", caller.token()).retrieve()
                    .toBodilessEntity();
        } catch (RestClientException e) {
            log.warn("Could not delete image {} that no snapshot will fill: {}", imageId, e.getMessage());
        }
    }
}
