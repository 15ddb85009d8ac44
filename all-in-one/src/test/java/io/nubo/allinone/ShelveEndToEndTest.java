package io.nubo.allinone;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * shelve and unshelve end to end, as a user: a real guest under {@code qemu:///system} booted by the real CLI,
 * {@code openstack server shelve} (the guest stopped, its disk uploaded to "name-shelved" as the user, the guest
 * deleted: SHELVED_OFFLOADED with no host), then {@code openstack server unshelve}: the guest boots again from the
 * shelved image, which is deleted once it runs.
 */
@Tag("integration")
class ShelveEndToEndTest {

    static UserCloud c;

    @BeforeAll
    static void start() throws Exception {
        c = UserCloud.start("shelver");
    }

    @AfterAll
    static void stop() throws Exception {
        if (c != null) {
            c.close();
        }
    }

    @Test
    void aShelvedGuestIsOffloadedAndBootsAgainFromItsImageWhenUnshelved() throws Exception {
        String id = c.boot("shelf").get("id").asString();

        c.cli("server", "shelve", id);
        c.awaitStatus(id, "SHELVED_OFFLOADED");
        JsonNode image = c.json("image", "show", "-f", "json", "shelf-shelved");
        assertThat(image.get("status").asString()).isEqualTo("active");
        assertThat(image.get("size").asLong()).as("the root disk was uploaded").isGreaterThan(0);
        JsonNode asAdmin = UserCloud.JSON.readTree(c.admin("server", "show", "-f", "json", id));
        assertThat(asAdmin.path("OS-EXT-SRV-ATTR:host").asString(null)).as("no host").isNull();

        c.cli("server", "unshelve", id);
        c.awaitStatus(id, "ACTIVE");
        assertThat(c.awaitConsole(id, "NUBO-TEST-GUEST: booted")).as("the unshelved guest boots its init")
                .contains("NUBO-TEST-GUEST: booted");
        String images = "";
        for (int i = 0; i < 60; i++) {
            images = c.cli("image", "list", "--private", "-f", "value", "-c", "Name");
            if (!images.contains("shelf-shelved")) {
                break;
            }
            Thread.sleep(1000);
        }
        assertThat(images).as("the shelved image is deleted after the unshelve").doesNotContain("shelf-shelved");
    }
}
