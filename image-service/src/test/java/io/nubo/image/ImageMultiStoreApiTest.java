package io.nubo.image;

import static org.assertj.core.api.Assertions.assertThat;

import io.nubo.testsupport.TestTokens;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/** Several stores per image (Glance's multi-store as devstack sets it up for Tempest): import targets, copy-image. */
@TestPropertySource(properties = {"nubo.image.file-stores=fast,cheap", "nubo.image.default-store=fast"})
class ImageMultiStoreApiTest extends ImageHttpTest {

    final String alice = TestTokens.project("p-stores", "member");
    final String admin = TestTokens.project("p-admin", "admin");
    final byte[] data = "bytes kept in several stores".getBytes(StandardCharsets.UTF_8);

    @Test
    void infoListsTheStoresWithOneDefault() throws Exception {
        JsonNode stores = json(alice, "GET", "/v2/info/stores", null).json().get("stores");
        assertThat(stores.size()).isEqualTo(2);
        assertThat(stores.get(0).get("id").asString()).isEqualTo("fast");
        assertThat(stores.get(0).get("default").asBoolean()).isTrue();
        assertThat(stores.get(1).get("id").asString()).isEqualTo("cheap");
        assertThat(stores.get(1).has("default")).isFalse();
        assertThat(json(alice, "GET", "/v2/info/import", null).json().get("import-methods").get("value").toString())
                .contains("copy-image");
    }

    @Test
    void importGoesToTheStoresAskedFor() throws Exception {
        assertThat(importStaged("{\"method\": {\"name\": \"glance-direct\"}, \"all_stores\": true}", null)
                .get("stores").asString()).isEqualTo("cheap,fast");
        assertThat(importStaged("{\"method\": {\"name\": \"glance-direct\"}, \"stores\": [\"cheap\"]}", null)
                .get("stores").asString()).isEqualTo("cheap");
        assertThat(importStaged("{\"method\": {\"name\": \"glance-direct\"}}", "cheap").get("stores").asString())
                .isEqualTo("cheap");
        JsonNode both = importStaged("{\"method\": {\"name\": \"glance-direct\"}, \"stores\": [\"fast\", \"cheap\"]}",
                null);
        assertThat(both.get("os_glance_failed_import").asString()).isEmpty();
        assertThat(both.get("os_glance_importing_to_stores").asString()).isEmpty();
        assertThat(both.get("locations").size()).isEqualTo(2);
        String id = both.get("id").asString();
        assertThat(call(alice, "GET", "/v2/images/" + id + "/file", null, null).bytes()).isEqualTo(data);

        List<Path> files = files(both);
        assertThat(files).hasSize(2).allMatch(Files::exists);
        assertThat(json(alice, "DELETE", "/v2/images/" + id, null).status()).isEqualTo(204);
        assertThat(files).noneMatch(Files::exists);

        String staged = stage();
        assertThat(json(alice, "POST", "/v2/images/" + staged + "/import",
                "{\"method\": {\"name\": \"glance-direct\"}, \"stores\": [\"nowhere\"]}").status()).isEqualTo(409);
        assertThat(json(alice, "POST", "/v2/images/" + staged + "/import",
                "{\"method\": {\"name\": \"glance-direct\"}, \"stores\": [\"http\"]}").status()).isEqualTo(409);
        assertThat(json(alice, "GET", "/v2/images/" + staged, null).json().get("status").asString())
                .isEqualTo("uploading");
    }

    @Test
    void anAdminCopiesAnActiveImageToMoreStores() throws Exception {
        String id = create(alice, "{\"disk_format\": \"raw\", \"container_format\": \"bare\"}");
        String copyAll = "{\"method\": {\"name\": \"copy-image\"}, \"all_stores\": true,"
                + " \"all_stores_must_succeed\": false}";
        assertThat(json(admin, "POST", "/v2/images/" + id + "/import", copyAll).status()).isEqualTo(409);
        assertThat(upload(alice, id, data).status()).isEqualTo(204);
        assertThat(json(alice, "GET", "/v2/images/" + id, null).json().get("stores").asString()).isEqualTo("fast");
        assertThat(json(alice, "POST", "/v2/images/" + id + "/import", copyAll).status()).isEqualTo(403);
        assertThat(json(admin, "POST", "/v2/images/" + id + "/import",
                "{\"method\": {\"name\": \"copy-image\"}, \"stores\": [\"fast\"]}").status()).isEqualTo(409);
        assertThat(json(admin, "POST", "/v2/images/" + id + "/import", copyAll).status()).isEqualTo(202);
        JsonNode i = awaitCopied(id);
        assertThat(i.get("stores").asString()).isEqualTo("cheap,fast");
        assertThat(i.get("os_glance_failed_import").asString()).isEmpty();
        assertThat(i.get("status").asString()).isEqualTo("active");
        assertThat(files(i)).hasSize(2).allMatch(Files::exists);

        assertThat(json(admin, "POST", "/v2/images/" + id + "/import", copyAll).status()).isEqualTo(202);
        assertThat(awaitCopied(id).get("stores").asString()).isEqualTo("cheap,fast");
        assertThat(patch(alice, id, "[{\"op\": \"remove\", \"path\": \"/locations/0\"}]").status()).isEqualTo(200);
        JsonNode left = json(alice, "GET", "/v2/images/" + id, null).json();
        assertThat(left.get("stores").asString()).isEqualTo("cheap");
        assertThat(call(alice, "GET", "/v2/images/" + id + "/file", null, null).bytes()).isEqualTo(data);
        JsonNode tasks = json(alice, "GET", "/v2/images/" + id + "/tasks", null).json().get("tasks");
        assertThat(tasks.size()).isEqualTo(2);
        assertThat(tasks.get(0).get("status").asString()).isEqualTo("success");
    }

    private JsonNode awaitCopied(String id) throws Exception {
        JsonNode i = json(alice, "GET", "/v2/images/" + id, null).json();
        for (int n = 0; n < 200 && !(i.has("os_glance_importing_to_stores")
                && i.get("os_glance_importing_to_stores").asString().isEmpty()); n++) {
            Thread.sleep(50);
            i = json(alice, "GET", "/v2/images/" + id, null).json();
        }
        return i;
    }

    private String stage() throws Exception {
        String id = create(alice, "{\"disk_format\": \"raw\", \"container_format\": \"bare\"}");
        assertThat(call(alice, "PUT", "/v2/images/" + id + "/stage", "application/octet-stream", data).status())
                .isEqualTo(204);
        return id;
    }

    private JsonNode importStaged(String body, String storeHeader) throws Exception {
        String id = stage();
        Reply r = storeHeader == null ? json(alice, "POST", "/v2/images/" + id + "/import", body)
                : call(alice, "POST", "/v2/images/" + id + "/import", "application/json",
                body.getBytes(StandardCharsets.UTF_8), "X-Image-Meta-Store", storeHeader);
        assertThat(r.status()).as(r.body()).isEqualTo(202);
        JsonNode i = json(alice, "GET", "/v2/images/" + id, null).json();
        for (int n = 0; n < 200 && !i.get("status").asString().equals("active"); n++) {
            Thread.sleep(50);
            i = json(alice, "GET", "/v2/images/" + id, null).json();
        }
        assertThat(i.get("status").asString()).isEqualTo("active");
        return i;
    }

    private static List<Path> files(JsonNode image) {
        List<Path> paths = new ArrayList<>();
        image.get("locations").forEach(l -> paths.add(Path.of(URI.create(l.get("url").asString()))));
        return paths;
    }
}
