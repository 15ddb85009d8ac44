package io.nubo.allinone;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * createImage end to end, as a user and not as admin: a real guest under {@code qemu:///system} booted by the real
 * CLI, {@code openstack server image create --wait} (the agent uploads as the user, with its own {@code nova}
 * token as the service token), the new image active with data, and a second server booting from it.
 */
@Tag("integration")
class ServerSnapshotEndToEndTest {

    static UserCloud c;

    @BeforeAll
    static void start() throws Exception {
        // an ordinary member of a project of its own: the snapshot must not need admin or a wider image policy
        c = UserCloud.start("snapper");
    }

    @AfterAll
    static void stop() throws Exception {
        if (c != null) {
            c.close();
        }
    }

    @Test
    void aUsersSnapshotOfARunningGuestBecomesAnImageThatBoots() throws Exception {
        JsonNode server = c.boot("snap-source");
        assertThat(server.get("status").asString()).isEqualTo("ACTIVE");
        String serverId = server.get("id").asString();

        JsonNode image = c.json("server", "image", "create", "--name", "snap-e2e-image", "--wait", "-f", "json",
                serverId);
        String imageId = image.get("id").asString();
        JsonNode shown = c.json("image", "show", "-f", "json", imageId);
        assertThat(shown.get("status").asString()).isEqualTo("active");
        assertThat(shown.get("size").asLong()).as("the snapshot has data").isGreaterThan(0);
        assertThat(shown.get("disk_format").asString()).isEqualTo("qcow2");
        assertThat(shown.get("owner").asString()).as("the image is the user's project's")
                .isEqualTo(c.json("project", "show", "-f", "json", "snapper-e2e").get("id").asString());
        assertThat(shown.get("properties").toString()).contains(serverId);

        JsonNode after = c.json("server", "show", "-f", "json", serverId);
        assertThat(after.get("status").asString()).isEqualTo("ACTIVE");
        assertThat(after.get("OS-EXT-STS:task_state").isNull()
                || after.get("OS-EXT-STS:task_state").asString().isEmpty()).isTrue();

        JsonNode clone = c.json("server", "create", "--image", imageId, "--flavor", c.flavor, "--wait",
                "-f", "json", "snap-clone");
        assertThat(clone.get("status").asString()).as("a server boots from the snapshot").isEqualTo("ACTIVE");
        assertThat(c.awaitConsole(clone.get("id").asString(), "NUBO-TEST-GUEST: booted"))
                .as("the clone's guest boots its init").contains("NUBO-TEST-GUEST: booted");
    }
}
