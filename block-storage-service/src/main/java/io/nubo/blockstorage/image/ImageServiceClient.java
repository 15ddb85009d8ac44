package io.nubo.blockstorage.image;

import io.nubo.blockstorage.config.BlockStorageProperties;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The image service's API as block storage uses it, always with the caller's own token (Cinder forwards the
 * user's context to Glance): read an image's record and data for a volume from an image, and create and fill an
 * image for os-volume_upload_image.
 */
@Component
public class ImageServiceClient {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** Glance's own attributes; everything else on an image is a custom property */
    private static final Set<String> CORE = Set.of("id", "name", "status", "visibility", "protected", "checksum",
            "owner", "size", "virtual_size", "disk_format", "container_format", "min_disk", "min_ram", "created_at",
            "updated_at", "tags", "self", "file", "schema", "os_hash_algo", "os_hash_value", "os_hidden", "locations",
            "direct_url", "stores");

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NEVER).build();
    private final String root;

    public ImageServiceClient(BlockStorageProperties properties) {
        String url = properties.imageServiceUrl();
        this.root = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    /**
     * An image as the caller sees it.
     *
     * @param properties what Cinder copies into volume_image_metadata: the image's id, name, checksum, formats,
     *                   min_disk, min_ram, size and custom properties
     * @param directUrl  where the image service keeps the bytes ({@code rbd://fsid/pool/image/snap}), shown to
     *                   the image's owner and administrators; null otherwise
     */
    public record Image(String id, String name, String status, String diskFormat, long size, Long virtualSize,
                        int minDisk, Map<String, String> properties, String directUrl) {
    }

    /** The image, or null when the caller cannot see it (404 or 403). */
    public Image show(String token, String imageId) throws IOException {
        HttpResponse<String> r = send(HttpRequest.newBuilder(uri("/v2/images/" + imageId)).GET(), token,
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() == 404 || r.statusCode() == 403) {
            return null;
        }
        expect(r, 200, "show image " + imageId);
        JsonNode i = JSON.readTree(r.body());
        Map<String, String> props = new LinkedHashMap<>();
        props.put("image_id", i.get("id").asString());
        for (String k : new String[] {"name", "checksum", "container_format", "disk_format", "min_disk", "min_ram",
                "size"}) {
            if (i.has(k) && !i.get(k).isNull()) {
                props.put(k.equals("name") ? "image_name" : k, i.get(k).asString());
            }
        }
        for (Map.Entry<String, JsonNode> e : i.properties()) {
            if (!CORE.contains(e.getKey()) && e.getValue().isString() && !e.getKey().startsWith("os_glance")) {
                props.put(e.getKey(), e.getValue().asString());
            }
        }
        return new Image(i.get("id").asString(), text(i, "name"), text(i, "status"), text(i, "disk_format"),
                i.path("size").asLong(0), i.hasNonNull("virtual_size") ? i.get("virtual_size").asLong() : null,
                i.path("min_disk").asInt(0), props, text(i, "direct_url"));
    }

    /** The image's bytes; the caller closes the stream. */
    public InputStream download(String token, String imageId) throws IOException {
        HttpResponse<InputStream> r = send(HttpRequest.newBuilder(uri("/v2/images/" + imageId + "/file")).GET(),
                token, HttpResponse.BodyHandlers.ofInputStream());
        if (r.statusCode() != 200) {
            r.body().close();
            throw new IOException("image service answered " + r.statusCode() + " for the data of image " + imageId);
        }
        return r.body();
    }

    /** Creates an image record (queued) and answers its id. */
    public String create(String token, Map<String, Object> fields) throws IOException {
        HttpResponse<String> r = send(HttpRequest.newBuilder(uri("/v2/images"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(fields))), token,
                HttpResponse.BodyHandlers.ofString());
        expect(r, 201, "create image");
        return JSON.readTree(r.body()).get("id").asString();
    }

    /** Uploads the image's data, streamed. */
    public void upload(String token, String imageId, InputStream data) throws IOException {
        HttpResponse<String> r = send(HttpRequest.newBuilder(uri("/v2/images/" + imageId + "/file"))
                .header("Content-Type", "application/octet-stream")
                .PUT(HttpRequest.BodyPublishers.ofInputStream(() -> data)), token,
                HttpResponse.BodyHandlers.ofString());
        expect(r, 204, "upload image data " + imageId);
    }

    public void delete(String token, String imageId) throws IOException {
        send(HttpRequest.newBuilder(uri("/v2/images/" + imageId)).DELETE(), token,
                HttpResponse.BodyHandlers.discarding());
    }

    private URI uri(String path) {
        return URI.create(root + path);
    }

    private <T> HttpResponse<T> send(HttpRequest.Builder b, String token, HttpResponse.BodyHandler<T> handler)
            throws IOException {
        try {
            return http.send(b.header("X-Auth-Token", token).build(), handler);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while calling the image service", e);
        }
    }

    private static void expect(HttpResponse<String> r, int status, String what) throws IOException {
        if (r.statusCode() != status) {
            throw new IOException("image service: " + what + " answered " + r.statusCode() + ": " + r.body());
        }
    }

    private static String text(JsonNode n, String k) {
        return n.hasNonNull(k) ? n.get(k).asString() : null;
    }
}
