package io.nubo.image;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.nubo.testsupport.TestTokens;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Image locations (Glance's show_multiple_locations): add, replace, remove, validation data, who may, reads. The
 * test's web server is on loopback, so this context opts in to it as an operator would.
 */
@TestPropertySource(properties = "nubo.outbound.allowed-networks=127.0.0.1/32")
class ImageLocationsApiTest extends ImageHttpTest {

    static final byte[] DATA = new byte[1000];
    static final byte[] OTHER = new byte[500];
    static HttpServer web;
    static String base;

    final String alice = TestTokens.project("p-locations", "member");
    final String admin = TestTokens.project("p-admin", "admin");
    final String bob = TestTokens.project("p-bob", "member");

    @BeforeAll
    static void serve() throws Exception {
        new Random(3).nextBytes(DATA);
        new Random(4).nextBytes(OTHER);
        web = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        web.createContext("/", ex -> {
            byte[] body = ex.getRequestURI().getPath().equals("/img") ? DATA
                    : ex.getRequestURI().getPath().equals("/other") ? OTHER : null;
            if (body == null) {
                ex.sendResponseHeaders(404, -1);
            } else if (ex.getRequestMethod().equals("HEAD")) {
                ex.getResponseHeaders().set("Content-Length", String.valueOf(body.length));
                ex.sendResponseHeaders(200, -1);
            } else {
                ex.sendResponseHeaders(200, body.length);
                ex.getResponseBody().write(body);
            }
            ex.close();
        });
        web.start();
        base = "http://127.0.0.1:" + web.getAddress().getPort();
    }

    @AfterAll
    static void stop() {
        web.stop(0);
    }

    String addLocation(String url, String metadata, String validation) {
        return "[{\"op\": \"add\", \"path\": \"/locations/-\", \"value\": {\"url\": \"" + url + "\", \"metadata\": "
                + metadata + (validation == null ? "" : ", \"validation_data\": " + validation) + "}}]";
    }

    String raw(String token) throws Exception {
        return create(token, "{\"disk_format\": \"raw\", \"container_format\": \"bare\"}");
    }

    JsonNode show(String token, String id) throws Exception {
        return json(token, "GET", "/v2/images/" + id, null).json();
    }

    @Test
    void uploadedDataShowsItsFileLocationToTheOwnerOnly() throws Exception {
        Reply created = json(alice, "POST", "/v2/images", "{\"disk_format\": \"raw\", \"container_format\": \"bare\"}");
        assertThat(created.json().get("locations").size()).isZero();
        String id = created.json().get("id").asString();
        assertThat(upload(alice, id, DATA).status()).isEqualTo(204);
        JsonNode i = show(alice, id);
        assertThat(i.get("locations").size()).isEqualTo(1);
        String url = i.get("locations").get(0).get("url").asString();
        assertThat(url).startsWith("file:/").endsWith(id);
        assertThat(i.get("direct_url").asString()).isEqualTo(url);
        assertThat(i.get("stores").asString()).isEqualTo("file");

        assertThat(json(alice, "POST", "/v2/images/" + id + "/members", "{\"member\": \"p-bob\"}").status())
                .isEqualTo(200);
        JsonNode seenByBob = show(bob, id);
        assertThat(seenByBob.has("locations")).isFalse();
        assertThat(seenByBob.has("direct_url")).isFalse();
    }

    @Test
    void aFirstLocationActivatesAQueuedImageWhoseDataIsStreamedFromIt() throws Exception {
        String id = raw(alice);
        assertThat(patch(alice, id, addLocation(base + "/img", "{\"foo\": \"bar\"}", null)).status()).isEqualTo(200);
        JsonNode i = show(alice, id);
        assertThat(i.get("status").asString()).isEqualTo("active");
        assertThat(i.get("size").asLong()).isEqualTo(DATA.length);
        assertThat(i.get("locations").get(0).get("url").asString()).isEqualTo(base + "/img");
        assertThat(i.get("locations").get(0).get("metadata").get("foo").asString()).isEqualTo("bar");
        assertThat(i.get("direct_url").asString()).isEqualTo(base + "/img");
        assertThat(i.get("os_hash_value").isNull()).isTrue();
        assertThat(i.has("stores")).isFalse();

        Reply all = call(alice, "GET", "/v2/images/" + id + "/file", null, null);
        assertThat(all.status()).isEqualTo(200);
        assertThat(all.bytes()).isEqualTo(DATA);
        Reply part = call(alice, "GET", "/v2/images/" + id + "/file", null, null, "Range", "bytes=10-19");
        assertThat(part.status()).isEqualTo(206);
        assertThat(part.bytes()).isEqualTo(Arrays.copyOfRange(DATA, 10, 20));
        assertThat(upload(alice, id, DATA).status()).isEqualTo(409);
    }

    @Test
    void onlyHttpUrlsOnAllowedHostsAreAccepted() throws Exception {
        String id = raw(alice);
        for (String url : new String[] {"gopher://info.cern.ch", "file:///etc/passwd", "http://169.254.169.254/x",
                "http://user:pw@127.0.0.1/x", "swift://glance/" + id, "not a url"}) {
            Reply r = patch(alice, id, addLocation(url, "{}", null));
            assertThat(r.status()).as(url).isEqualTo(400);
        }
        assertThat(patch(alice, id, addLocation(base + "/missing", "{}", null)).status()).isEqualTo(400);
        assertThat(patch(alice, id, "[{\"op\": \"add\", \"path\": \"/locations/-\", \"value\": {\"url\": \"" + base
                + "/img\"}}]").status()).isEqualTo(400);
        assertThat(patch(alice, id, "[{\"op\": \"add\", \"path\": \"/locations/x/y\", \"value\": {}}]").status())
                .isEqualTo(400);
        assertThat(patch(bob, id, addLocation(base + "/img", "{}", null)).status()).isEqualTo(404);
        JsonNode i = show(alice, id);
        assertThat(i.get("status").asString()).isEqualTo("queued");
        assertThat(i.get("locations").size()).isZero();
    }

    @Test
    void replaceChangesMetadataOnlyAndTheLastLocationStays() throws Exception {
        String id = raw(alice);
        patch(alice, id, addLocation(base + "/img", "{\"foo\": \"bar\"}", null));
        assertThat(patch(alice, id, addLocation(base + "/img#copy", "{\"speed\": \"88mph\"}", null)).status())
                .isEqualTo(200);
        assertThat(patch(alice, id, addLocation(base + "/img#copy", "{}", null)).status()).isEqualTo(400);
        assertThat(patch(alice, id, addLocation(base + "/other", "{}", null)).status()).isEqualTo(409);
        JsonNode locs = show(alice, id).get("locations");
        assertThat(locs.size()).isEqualTo(2);
        assertThat(locs.get(1).get("url").asString()).isEqualTo(base + "/img#copy");

        String same = "[{\"op\": \"replace\", \"path\": \"/locations\", \"value\": " + locs + "}]";
        assertThat(patch(alice, id, same).status()).isEqualTo(200);
        String changed = locs.toString().replace("\"foo\":\"bar\"", "\"foo\":\"bar\",\"date\":\"2015-10-15\"");
        assertThat(patch(alice, id, "[{\"op\": \"replace\", \"path\": \"/locations\", \"value\": " + changed + "}]")
                .status()).isEqualTo(200);
        assertThat(patch(alice, id, "[{\"op\": \"replace\", \"path\": \"/locations\", \"value\": [" + locs.get(0)
                + "]}]").status()).isEqualTo(400);
        String otherUrl = changed.replace("#copy", "#new3");
        assertThat(patch(alice, id, "[{\"op\": \"replace\", \"path\": \"/locations\", \"value\": " + otherUrl + "}]")
                .status()).isEqualTo(400);
        locs = show(alice, id).get("locations");
        assertThat(locs.toString()).isEqualTo(JSON.readTree(changed).toString());

        assertThat(patch(alice, id, "[{\"op\": \"remove\", \"path\": \"/locations/5\"}]").status()).isEqualTo(400);
        assertThat(patch(alice, id, "[{\"op\": \"remove\", \"path\": \"/locations/0\"}]").status()).isEqualTo(200);
        JsonNode i = show(alice, id);
        assertThat(i.get("locations").size()).isEqualTo(1);
        assertThat(i.get("direct_url").asString()).isEqualTo(base + "/img#copy");
        assertThat(i.get("locations").get(0).get("metadata").get("speed").asString()).isEqualTo("88mph");
        assertThat(patch(alice, id, "[{\"op\": \"remove\", \"path\": \"/locations/0\"}]").status()).isEqualTo(403);
        assertThat(call(alice, "GET", "/v2/images/" + id + "/file", null, null).bytes()).isEqualTo(DATA);
    }

    @Test
    void validationDataSetsTheHashesAndFurtherLocationsMustMatchThem() throws Exception {
        String id = raw(alice);
        String hashes = "{\"checksum\": \"" + "1".repeat(32) + "\", \"os_hash_algo\": \"sha512\", \"os_hash_value\": \""
                + "deadbeef".repeat(16) + "\"}";
        assertThat(patch(alice, raw(alice), addLocation(base + "/img", "{}",
                "{\"os_hash_algo\": \"sha256\", \"os_hash_value\": \"abc\"}")).status()).isEqualTo(400);
        assertThat(patch(alice, id, addLocation(base + "/img", "{}", hashes)).status()).isEqualTo(200);
        JsonNode i = show(alice, id);
        assertThat(i.get("checksum").asString()).isEqualTo("1".repeat(32));
        assertThat(i.get("os_hash_algo").asString()).isEqualTo("sha512");
        assertThat(i.get("os_hash_value").asString()).isEqualTo("deadbeef".repeat(16));
        assertThat(i.get("locations").get(0).has("validation_data")).isFalse();

        assertThat(patch(alice, id, addLocation(base + "/img#2", "{}",
                hashes.replace("sha512", "sha256"))).status()).isEqualTo(409);
        assertThat(patch(alice, id, addLocation(base + "/img#2", "{}",
                hashes.replace("1111", "2222"))).status()).isEqualTo(409);
        assertThat(show(alice, id).get("locations").size()).isEqualTo(1);
        assertThat(patch(alice, id, addLocation(base + "/img#2", "{}", hashes)).status()).isEqualTo(200);
        assertThat(show(alice, id).get("locations").size()).isEqualTo(2);
    }

    @Test
    void onlyAnAdminChangesTheDataOfAnImageOthersUse() throws Exception {
        String id = raw(alice);
        assertThat(patch(alice, id, addLocation(base + "/img", "{}", null)).status()).isEqualTo(200);
        assertThat(json(alice, "POST", "/v2/images/" + id + "/members", "{\"member\": \"p-bob\"}").status())
                .isEqualTo(200);
        assertThat(patch(alice, id, addLocation(base + "/img#2", "{}", null)).status()).isEqualTo(403);
        assertThat(patch(admin, id, addLocation(base + "/img#2", "{}", null)).status()).isEqualTo(200);
        assertThat(patch(alice, id, "[{\"op\": \"remove\", \"path\": \"/locations/0\"}]").status()).isEqualTo(403);
        assertThat(show(alice, id).get("locations").size()).isEqualTo(2);
    }

    @Test
    void removingTheUploadedLocationDeletesItsFileAndReadsGoToTheNextOne() throws Exception {
        String id = raw(alice);
        assertThat(upload(alice, id, DATA).status()).isEqualTo(204);
        Path file = Path.of(URI.create(show(alice, id).get("direct_url").asString()));
        assertThat(Files.exists(file)).isTrue();
        assertThat(patch(alice, id, addLocation(base + "/img", "{}", null)).status()).isEqualTo(200);
        assertThat(patch(alice, id, "[{\"op\": \"remove\", \"path\": \"/locations/0\"}]").status()).isEqualTo(200);
        assertThat(Files.exists(file)).isFalse();
        JsonNode i = show(alice, id);
        assertThat(i.get("direct_url").asString()).isEqualTo(base + "/img");
        assertThat(i.get("status").asString()).isEqualTo("active");
        assertThat(call(alice, "GET", "/v2/images/" + id + "/file", null, null).bytes()).isEqualTo(DATA);
        assertThat(json(alice, "DELETE", "/v2/images/" + id, null).status()).isEqualTo(204);
    }
}
