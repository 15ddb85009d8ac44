package io.nubo.compute;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Nova's 2.1 images API (a view of the image service with the caller's token) and os-migrations, in Tempest's schemas. */
@Tag("integration")
class ImageApiTest extends ComputeHttpTest {

    @Test
    void imagesAreListedShownAndFilteredAsNovaShowsThem() throws Exception {
        String token = member("p-images");
        Reply list = get(token, "/v2.1/images").valid("v2_1.images", "list_images");
        assertThat(list.json().get("images").size()).isEqualTo(2);
        assertThat(IMAGES.tokens).contains(token);
        Reply detail = get(token, "/v2.1/images/detail").valid("v2_1.images", "list_images_details");
        assertThat(detail.json().at("/images/0/status").asString()).isEqualTo("ACTIVE");
        Reply one = get(token, "/v2.1/images/" + FakeImageService.BIG_IMAGE).valid("v2_1.images", "get_image");
        assertThat(one.json().at("/image/minDisk").asInt()).isEqualTo(50);
        assertThat(one.json().at("/image/server/id").asString()).isEqualTo("srv-1");
        assertThat(one.json().at("/image/metadata/image_type").asString()).isEqualTo("snapshot");
        assertThat(one.json().at("/image/progress").asInt()).isEqualTo(100);
        assertThat(one.json().at("/image/created").asString()).isEqualTo("2026-12-01T10:00:00Z");

        assertThat(get(token, "/v2.1/images?type=snapshot").json().get("images").size()).isEqualTo(1);
        assertThat(get(token, "/v2.1/images?server=http://x/servers/srv-1").json().get("images").size()).isEqualTo(1);
        assertThat(get(token, "/v2.1/images/detail?minDisk=10").json().get("images").size()).isEqualTo(1);
        assertThat(get(token, "/v2.1/images?name=cirros&status=ACTIVE").json().get("images").size()).isEqualTo(1);
        Reply limited = get(token, "/v2.1/images?limit=1").valid("v2_1.images", "list_images");
        assertThat(limited.json().get("images_links").get(0).get("href").asString()).contains("marker=");
        assertThat(get(token, "/v2.1/images/detail?changes-since=2026-12-02T00:00:00Z").json().get("images")
                .size()).isZero();

        Reply missing = get(token, "/v2.1/images/no-such-image");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.body()).contains("itemNotFound").contains("Image not found.");
        assertThat(get(token, "/v2.1/images/" + FakeImageService.IMAGE + "/metadata").json().at("/metadata/hw_disk_bus")
                .asString()).isEqualTo("virtio");
        assertThat(get(token, "/v2.1/images/" + FakeImageService.IMAGE + "/metadata/nope").status()).isEqualTo(404);
    }

    @Test
    void migrationsAreAnEmptyListForAdminsOnly() throws Exception {
        // other classes' resizes and live migrations share this database: ask for an instance that has none
        Reply r = get(ADMIN, "/v2.1/os-migrations?instance_uuid=" + java.util.UUID.randomUUID())
                .valid("v2_1.migrations", "list_migrations");
        assertThat(r.json().get("migrations").size()).isZero();
        get(ADMIN, "/v2.1/os-migrations").valid("v2_1.migrations", "list_migrations");
        assertThat(get(member("p-images"), "/v2.1/os-migrations").status()).isEqualTo(403);
    }
}
