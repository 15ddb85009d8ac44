package io.nubo.image;

import static org.assertj.core.api.Assertions.assertThat;

import io.nubo.testsupport.TestTokens;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Issue 18: what a probe found in the image API (500s and silent coercion), now Glance's 400s. */
class ImageValidationApiTest extends ImageHttpTest {

    final String alice = TestTokens.project("p-validation", "member");

    @Test
    void inFiltersMatchNothingOnImagesWhoseFieldIsNull() throws Exception {
        String bare = create(alice, "{}");
        String named = create(alice, "{\"name\": \"foo\", \"disk_format\": \"raw\", \"container_format\": \"bare\"}");
        for (String q : new String[] {"name=in:foo", "disk_format=in:raw", "container_format=in:bare"}) {
            Reply r = json(alice, "GET", "/v2/images?" + q, null);
            assertThat(r.status()).as(q + ": " + r.body()).isEqualTo(200);
            assertThat(r.json().get("images").findValuesAsString("id")).as(q).contains(named).doesNotContain(bare);
        }
    }

    @Test
    void invalidUtf8IsA400AndNothingIsStored() throws Exception {
        byte[] body = "{\"name\": \"caf\u00e9\"}".getBytes(StandardCharsets.UTF_8);
        body[body.length - 4] = (byte) 0xFF;
        Reply r = call(alice, "POST", "/v2/images", "application/json", body);
        assertThat(r.status()).as(r.body()).isEqualTo(400);
        assertThat(r.body()).contains("UTF-8");
        String id = create(alice, "{\"name\": \"patched\"}");
        byte[] patch = "[{\"op\": \"replace\", \"path\": \"/name\", \"value\": \"x?\"}]".getBytes(StandardCharsets.UTF_8);
        patch[patch.length - 4] = (byte) 0xC3;
        assertThat(call(alice, "PATCH", "/v2/images/" + id, "application/openstack-images-v2.1-json-patch", patch)
                .status()).isEqualTo(400);
        assertThat(json(alice, "GET", "/v2/images/" + id, null).json().get("name").asString()).isEqualTo("patched");
    }

    @Test
    void schemaViolationsAre400sNamingTheField() throws Exception {
        Reply longName = json(alice, "POST", "/v2/images", "{\"name\": \"" + "n".repeat(256) + "\"}");
        assertThat(longName.status()).isEqualTo(400);
        assertThat(longName.body()).contains("Invalid input for field 'name'");
        assertThat(json(alice, "POST", "/v2/images", "{\"min_ram\": \"1\"}").status()).isEqualTo(400);
        assertThat(json(alice, "POST", "/v2/images", "{\"tags\": [1]}").status()).isEqualTo(400);
        assertThat(json(alice, "POST", "/v2/images", "{\"name\": \"a\\u0000b\"}").status()).isEqualTo(400);
        assertThat(json(alice, "POST", "/v2/images", "{\"size\": 5}").status())
                .as("a read-only attribute stays Glance's 403").isEqualTo(403);
        assertThat(json(alice, "GET", "/v2/images?limit=-1", null).status()).isEqualTo(400);
        assertThat(json(alice, "GET", "/v2/images?sort_dir=up", null).status()).isEqualTo(400);
        assertThat(json(alice, "GET", "/v2/images?created_at=gte:2020-01-01T00:00:00Z", null).status())
                .isEqualTo(200);
    }
}
