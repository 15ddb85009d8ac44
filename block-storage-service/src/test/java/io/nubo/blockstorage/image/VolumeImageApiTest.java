package io.nubo.blockstorage.image;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.nubo.blockstorage.BlockStorageHttpTest;
import io.nubo.blockstorage.backend.QemuImg;
import io.nubo.testsupport.TestTokens;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Volumes from images and os-volume_upload_image against a Glance v2 stand-in (JDK HTTP server on loopback) that
 * serves one qcow2 image and records what is uploaded and with which token; the volume's bytes are read back
 * through its connection info with qemu-img.
 */
@org.junit.jupiter.api.Tag("integration")
class VolumeImageApiTest extends BlockStorageHttpTest {

    static final String IMAGE = "7d6d5f3a-0000-4000-8000-00000000c0de";
    static final byte[] PAYLOAD = new byte[300_000];
    static final byte[] QCOW2;
    static final List<String> TOKENS = new CopyOnWriteArrayList<>();
    /** per uploaded image: its first bytes (as many as the payload) and its length */
    static final Map<String, byte[]> UPLOADS = new ConcurrentHashMap<>();
    static final Map<String, Long> UPLOAD_LENGTHS = new ConcurrentHashMap<>();
    static final HttpServer GLANCE;
    /** the bodies of image creates (os-volume_upload_image), in order */
    static final List<String> CREATES = new CopyOnWriteArrayList<>();

    static {
        try {
            new Random(5).nextBytes(PAYLOAD);
            Path dir = Files.createTempDirectory("nubo-glance-standin");
            Path raw = dir.resolve("i.raw");
            Files.write(raw, PAYLOAD);
            Path q = dir.resolve("i.qcow2");
            QemuImg.convert(raw.toString(), "raw", q, "qcow2");
            QCOW2 = Files.readAllBytes(q);
            GLANCE = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            GLANCE.createContext("/v2/images", ex -> {
                TOKENS.add(String.valueOf(ex.getRequestHeaders().getFirst("X-Auth-Token")));
                String path = ex.getRequestURI().getPath();
                byte[] out = new byte[0];
                int status;
                if (ex.getRequestMethod().equals("GET") && path.equals("/v2/images/" + IMAGE)) {
                    out = ("{\"id\": \"" + IMAGE + "\", \"name\": \"cirros\", \"status\": \"active\","
                            + " \"disk_format\": \"qcow2\", \"container_format\": \"bare\", \"size\": " + QCOW2.length
                            + ", \"virtual_size\": " + PAYLOAD.length + ", \"min_disk\": 0, \"min_ram\": 0,"
                            + " \"checksum\": \"abc\", \"hw_disk_bus\": \"virtio\", \"visibility\": \"public\"}")
                            .getBytes(StandardCharsets.UTF_8);
                    status = 200;
                } else if (ex.getRequestMethod().equals("GET") && path.equals("/v2/images/" + IMAGE + "/file")) {
                    out = QCOW2;
                    status = 200;
                } else if (ex.getRequestMethod().equals("POST") && path.equals("/v2/images")) {
                    CREATES.add(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
                    String id = "8e7e6f4b-0000-4000-8000-" + String.format("%012d", UPLOADS.size() + 1);
                    UPLOADS.put(id, new byte[0]);
                    out = ("{\"id\": \"" + id + "\", \"status\": \"queued\"}").getBytes(StandardCharsets.UTF_8);
                    status = 201;
                } else if (ex.getRequestMethod().equals("PUT") && path.endsWith("/file")) {
                    var in = ex.getRequestBody();
                    byte[] head = in.readNBytes(PAYLOAD.length);
                    long n = head.length + in.transferTo(java.io.OutputStream.nullOutputStream());
                    UPLOADS.put(path.split("/")[3], head);
                    UPLOAD_LENGTHS.put(path.split("/")[3], n);
                    status = 204;
                } else {
                    status = 404;
                }
                ex.sendResponseHeaders(status, status == 204 ? -1 : out.length);
                if (status != 204) {
                    ex.getResponseBody().write(out);
                }
                ex.close();
            });
            GLANCE.start();
        } catch (Exception e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    @DynamicPropertySource
    static void glance(DynamicPropertyRegistry r) {
        r.add("nubo.block-storage.image-service-url", () -> "http://127.0.0.1:" + GLANCE.getAddress().getPort());
    }

    @AfterAll
    static void stop() {
        GLANCE.stop(0);
    }

    final String hana = TestTokens.project("p-hana", "member");

    @Test
    void aVolumeFromAQcow2ImageHoldsItsBytesAndItsMetadata() throws Exception {
        TOKENS.clear();
        String id = volume(hana, "p-hana", "{\"volume\": {\"size\": 1, \"imageRef\": \"" + IMAGE + "\"}}",
                "available");
        assertThat(TOKENS).isNotEmpty().allMatch(hana::equals);
        JsonNode v = call(hana, "GET", v3("p-hana", "volumes/" + id), null).json().get("volume");
        assertThat(v.get("bootable").asString()).isEqualTo("true");
        JsonNode meta = v.get("volume_image_metadata");
        assertThat(meta.get("image_id").asString()).isEqualTo(IMAGE);
        assertThat(meta.get("image_name").asString()).isEqualTo("cirros");
        assertThat(meta.get("hw_disk_bus").asString()).isEqualTo("virtio");
        JsonNode info = call(hana, "POST", v3("p-hana", "volumes/" + id + "/action"),
                "{\"os-initialize_connection\": {\"connector\": {\"host\": \"h\"}}}").json().get("connection_info");
        Path out = Files.createTempFile("nubo-volume-read", ".raw");
        Files.delete(out);
        QemuImg.convert(info.get("data").get("path").asString(), info.get("data").get("format").asString(), out, "raw");
        assertThat(Files.size(out)).isEqualTo(1 << 30);
        byte[] back;
        try (var in = Files.newInputStream(out)) {
            back = in.readNBytes(PAYLOAD.length);
        }
        Files.delete(out);
        assertThat(back).isEqualTo(PAYLOAD);

        // upload it back as a raw image: the image service receives the volume's bytes with the caller's token
        Reply up = call(hana, "POST", v3("p-hana", "volumes/" + id + "/action"),
                "{\"os-volume_upload_image\": {\"image_name\": \"back\", \"disk_format\": \"raw\"}}");
        assertThat(up.status()).isEqualTo(202);
        JsonNode u = up.json().get("os-volume_upload_image");
        assertThat(u.get("status").asString()).isEqualTo("uploading");
        String imageId = u.get("image_id").asString();
        awaitStatus(hana, "p-hana", "volumes", "volume", id, "available");
        assertThat(UPLOAD_LENGTHS.get(imageId)).isEqualTo(1L << 30);
        assertThat(UPLOADS.get(imageId)).isEqualTo(PAYLOAD);
        UPLOADS.remove(imageId);
    }

    /**
     * 3.1: visibility and protected reach the image service (a public image only for an administrator) and come
     * back in the answer; at 3.0 they are ignored (a private, unprotected image; the answer does not name them).
     * 3.4: the glance_metadata list filter (ignored at 3.0).
     */
    @Test
    void uploadVisibilityFrom31AndGlanceMetadataFilterFrom34() throws Exception {
        String id = volume(hana, "p-hana", "{\"volume\": {\"size\": 1, \"imageRef\": \"" + IMAGE + "\"}}",
                "available");
        String plain = volume(hana, "p-hana", "{\"volume\": {\"size\": 1}}", "available");
        String action = v3("p-hana", "volumes/" + id + "/action");
        String shared = "{\"os-volume_upload_image\": {\"image_name\": \"s\", \"disk_format\": \"raw\","
                + " \"visibility\": \"shared\", \"protected\": true}}";
        CREATES.clear();
        Reply old = call(hana, "POST", action, shared, "OpenStack-API-Version", "volume 3.0");
        assertThat(old.status()).isEqualTo(202);
        assertThat(old.json().get("os-volume_upload_image").has("visibility")).isFalse();
        assertThat(old.json().get("os-volume_upload_image").has("protected")).isFalse();
        assertThat(CREATES.get(0)).contains("\"visibility\":\"private\"").contains("\"protected\":false");
        awaitStatus(hana, "p-hana", "volumes", "volume", id, "available");
        Reply v31 = call(hana, "POST", action, shared, "OpenStack-API-Version", "volume 3.1");
        assertThat(v31.status()).isEqualTo(202);
        assertThat(v31.json().at("/os-volume_upload_image/visibility").asString()).isEqualTo("shared");
        assertThat(v31.json().at("/os-volume_upload_image/protected").asBoolean()).isTrue();
        assertThat(CREATES.get(1)).contains("\"visibility\":\"shared\"").contains("\"protected\":true");
        awaitStatus(hana, "p-hana", "volumes", "volume", id, "available");
        Reply pub = call(hana, "POST", action, "{\"os-volume_upload_image\": {\"image_name\": \"p\","
                + " \"visibility\": \"public\"}}", "OpenStack-API-Version", "volume 3.1");
        assertThat(pub.status()).isEqualTo(403);
        assertThat(CREATES).hasSize(2);
        assertThat(call(hana, "GET", v3("p-hana", "volumes/" + id), null).json().at("/volume/status").asString())
                .isEqualTo("available");

        String byName = "volumes?glance_metadata=" + java.net.URLEncoder.encode("{\"image_name\": \"cirros\"}",
                StandardCharsets.UTF_8);
        List<String> at34 = ids(call(hana, "GET", v3("p-hana", byName), null, "OpenStack-API-Version", "volume 3.4"));
        assertThat(at34).contains(id).doesNotContain(plain);
        List<String> at30 = ids(call(hana, "GET", v3("p-hana", byName), null, "OpenStack-API-Version", "volume 3.3"));
        assertThat(at30).contains(id, plain);
        String other = "volumes/detail?glance_metadata=" + java.net.URLEncoder.encode("{'image_name': 'other'}",
                StandardCharsets.UTF_8);
        assertThat(ids(call(hana, "GET", v3("p-hana", other), null, "OpenStack-API-Version", "volume 3.4")))
                .isEmpty();
    }

    private static List<String> ids(Reply r) {
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        List<String> out = new java.util.ArrayList<>();
        r.json().get("volumes").forEach(v -> out.add(v.get("id").asString()));
        return out;
    }

    @Test
    void imagesThatDoNotExistOrDoNotFitAre400() throws Exception {
        Reply missing = call(hana, "POST", v3("p-hana", "volumes"),
                "{\"volume\": {\"size\": 1, \"imageRef\": \"0e0e0e0e-0000-4000-8000-000000000000\"}}");
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.body()).contains("Invalid image identifier");
        assertThat(call(hana, "POST", v3("p-hana", "volumes/nope/action"),
                "{\"os-volume_upload_image\": {\"image_name\": \"x\"}}").status()).isEqualTo(404);
        String id = volume(hana, "p-hana", "{\"volume\": {\"size\": 1}}", "available");
        assertThat(call(hana, "POST", v3("p-hana", "volumes/" + id + "/action"),
                "{\"os-volume_upload_image\": {\"image_name\": \"x\", \"disk_format\": \"floppy\"}}").status())
                .isEqualTo(400);
        assertThat(call(hana, "POST", v3("p-hana", "volumes/" + id + "/action"),
                "{\"os-volume_upload_image\": {}}").status()).isEqualTo(400);
    }
}
