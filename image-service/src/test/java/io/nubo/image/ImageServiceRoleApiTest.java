package io.nubo.image;

import static org.assertj.core.api.Assertions.assertThat;

import io.nubo.testsupport.TestTokens;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The cloud's own services (role {@code service}: the compute agent fetching a base image, block storage filling a
 * volume) read any image and its data, whoever owns it, and change nothing.
 */
class ImageServiceRoleApiTest extends ImageHttpTest {

    final String alice = TestTokens.project("p-alice-svc", "member");
    final String bob = TestTokens.project("p-bob-svc", "member");
    final String nova = TestTokens.project("p-service", "service");

    @Test
    void aServiceReadsAnotherProjectsPrivateImageButCannotChangeIt() throws Exception {
        String id = create(alice, "{\"name\": \"private-one\", \"disk_format\": \"raw\", "
                + "\"container_format\": \"bare\", \"visibility\": \"private\"}");
        byte[] data = "a private root disk".getBytes(StandardCharsets.UTF_8);
        assertThat(upload(alice, id, data).status()).isEqualTo(204);

        assertThat(json(bob, "GET", "/v2/images/" + id, null).status()).as("another member sees nothing")
                .isEqualTo(404);
        assertThat(call(bob, "GET", "/v2/images/" + id + "/file", null, null).status()).isEqualTo(404);

        Reply shown = json(nova, "GET", "/v2/images/" + id, null);
        assertThat(shown.status()).isEqualTo(200);
        // a service sees where the data is (the compute agent clones an image in RBD rather than download it)
        assertThat(shown.json().get("direct_url").asString()).isNotBlank();
        assertThat(shown.json().get("locations").get(0).get("url").asString())
                .isEqualTo(shown.json().get("direct_url").asString());
        assertThat(json(bob, "GET", "/v2/images?visibility=all", null).json().toString()).doesNotContain("direct_url");
        Reply file = call(nova, "GET", "/v2/images/" + id + "/file", null, null);
        assertThat(file.status()).isEqualTo(200);
        assertThat(file.bytes()).isEqualTo(data);

        assertThat(patch(nova, id, "[{\"op\": \"replace\", \"path\": \"/name\", \"value\": \"mine\"}]").status())
                .as("reading is all a service may do with an image it does not own").isEqualTo(403);
        assertThat(json(nova, "DELETE", "/v2/images/" + id, null).status()).isEqualTo(403);
        assertThat(json(alice, "GET", "/v2/images/" + id, null).json().get("name").asString()).isEqualTo("private-one");
    }
}
