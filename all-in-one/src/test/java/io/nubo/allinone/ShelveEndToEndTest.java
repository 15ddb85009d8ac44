package io.nubo.allinone;

import static org.assertj.core.api.Assertions.assertThat;

import io.nubo.testsupport.LibvirtTestHost;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * shelve and unshelve end to end, as a user: a real guest under {@code qemu:///system} booted by the real CLI,
 * {@code openstack server shelve} (the guest stopped, its disk uploaded to "name-shelved" as the user, the guest
 * deleted: SHELVED_OFFLOADED with no host), then {@code openstack server unshelve}: the guest boots again from the
 * shelved image, which is deleted once it runs. Runs the CLI as {@link ServerSnapshotEndToEndTest} does.
 */
@Tag("integration")
class ShelveEndToEndTest {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static NuboCloud cloud;
    static Path clouds;
    static Path userClouds;

    @BeforeAll
    static void start() throws Exception {
        Path guest = LibvirtTestHost.require();
        assertThat(ServerSnapshotEndToEndTest.CLI).exists();
        Path home = Files.createTempDirectory("nubo-e2e-shelve");
        cloud = NuboCloud.start(new LaunchOptions(home, OpenStackCliEndToEndTest.freePortBase(), null));
        clouds = cloud.writeCloudsYaml();
        cli(clouds, "project", "create", "shelve-e2e");
        cli(clouds, "user", "create", "--project", "shelve-e2e", "--password", "secret-shelve", "shelver");
        cli(clouds, "role", "add", "--project", "shelve-e2e", "--user", "shelver", "member");
        userClouds = home.resolve("clouds-user.yaml");
        Files.writeString(userClouds, "clouds:\n  nubo:\n    auth:\n      auth_url: " + cloud.options().publicUrl()
                + "/identity/v3\n      username: shelver\n      password: secret-shelve\n"
                + "      project_name: shelve-e2e\n      user_domain_name: Default\n"
                + "      project_domain_name: Default\n    region_name: RegionOne\n    identity_api_version: 3\n");
        cli(clouds, "image", "create", "--public", "--disk-format", "qcow2", "--container-format", "bare",
                "--file", guest.resolve("test-guest.qcow2").toString(), "shelve-e2e-guest");
        cli(clouds, "flavor", "create", "--vcpus", "1", "--ram", "128", "--disk", "1", "shelve-e2e-tiny");
        for (int i = 0; i < 120 && !cli(clouds, "hypervisor", "list", "-f", "value", "-c", "State").contains("up");
             i++) {
            Thread.sleep(1000);
        }
    }

    @AfterAll
    static void stop() throws Exception {
        if (cloud == null) {
            return;
        }
        try {
            for (String id : cli(userClouds, "server", "list", "-f", "value", "-c", "ID").split("\\s+")) {
                if (!id.isBlank()) {
                    cli(userClouds, "server", "delete", "--wait", id);
                }
            }
        } finally {
            cloud.close();
            cloud.removeInstancesDirectory();
        }
    }

    static String cli(Path config, String... args) throws Exception {
        return ServerSnapshotEndToEndTest.openstack(config, args);
    }

    static JsonNode json(String... args) throws Exception {
        return JSON.readTree(cli(userClouds, args));
    }

    static JsonNode awaitStatus(String id, String status) throws Exception {
        JsonNode s = json("server", "show", "-f", "json", id);
        for (int i = 0; i < 600 && !s.get("status").asString().equals(status); i++) {
            assertThat(s.get("status").asString()).as(s.toString()).isNotEqualTo("ERROR");
            Thread.sleep(1000);
            s = json("server", "show", "-f", "json", id);
        }
        assertThat(s.get("status").asString()).as(s.toString()).isEqualTo(status);
        return s;
    }

    @Test
    void aShelvedGuestIsOffloadedAndBootsAgainFromItsImageWhenUnshelved() throws Exception {
        JsonNode server = json("server", "create", "--image", "shelve-e2e-guest", "--flavor", "shelve-e2e-tiny",
                "--wait", "-f", "json", "shelf");
        String id = server.get("id").asString();

        cli(userClouds, "server", "shelve", id);
        awaitStatus(id, "SHELVED_OFFLOADED");
        JsonNode image = json("image", "show", "-f", "json", "shelf-shelved");
        assertThat(image.get("status").asString()).isEqualTo("active");
        assertThat(image.get("size").asLong()).as("the root disk was uploaded").isGreaterThan(0);
        JsonNode asAdmin = JSON.readTree(cli(clouds, "server", "show", "-f", "json", id));
        assertThat(asAdmin.path("OS-EXT-SRV-ATTR:host").asString(null)).as("no host").isNull();

        cli(userClouds, "server", "unshelve", id);
        awaitStatus(id, "ACTIVE");
        String console = "";
        for (int i = 0; i < 300 && !console.contains("NUBO-TEST-GUEST: booted"); i++) {
            Thread.sleep(1000);
            console = cli(userClouds, "console", "log", "show", id);
        }
        assertThat(console).as("the unshelved guest boots its init").contains("NUBO-TEST-GUEST: booted");
        String images = "";
        for (int i = 0; i < 60; i++) {
            images = cli(userClouds, "image", "list", "--private", "-f", "value", "-c", "Name");
            if (!images.contains("shelf-shelved")) {
                break;
            }
            Thread.sleep(1000);
        }
        assertThat(images).as("the shelved image is deleted after the unshelve").doesNotContain("shelf-shelved");
    }
}
