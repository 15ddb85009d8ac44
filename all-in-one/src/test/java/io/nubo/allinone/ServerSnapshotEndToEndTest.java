package io.nubo.allinone;

import static org.assertj.core.api.Assertions.assertThat;

import io.nubo.testsupport.LibvirtTestHost;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * createImage end to end, as a user and not as admin: a real guest under {@code qemu:///system} booted by the real
 * CLI, {@code openstack server image create --wait} (the agent uploads as the user, with its own {@code nova}
 * token as the service token), the new image active with data, and a second server booting from it.
 */
@Tag("integration")
class ServerSnapshotEndToEndTest {

    static final Path CLI = Path.of("/usr/bin/openstack");
    static final JsonMapper JSON = JsonMapper.builder().build();
    static NuboCloud cloud;
    static Path clouds;
    static Path userClouds;

    @BeforeAll
    static void start() throws Exception {
        Path guest = LibvirtTestHost.require();
        assertThat(CLI).as("the openstack CLI (scripts/install-deps.sh installs python3-openstackclient)").exists();
        Path home = Files.createTempDirectory("nubo-e2e-snapshot");
        cloud = NuboCloud.start(new LaunchOptions(home, OpenStackCliEndToEndTest.freePortBase(), null));
        clouds = cloud.writeCloudsYaml();
        // an ordinary member of a project of its own: the snapshot must not need admin or a wider image policy
        openstack(clouds, "project", "create", "snap-e2e");
        openstack(clouds, "user", "create", "--project", "snap-e2e", "--password", "secret-snap", "snapper");
        openstack(clouds, "role", "add", "--project", "snap-e2e", "--user", "snapper", "member");
        String url = cloud.options().publicUrl() + "/identity/v3";
        userClouds = home.resolve("clouds-user.yaml");
        Files.writeString(userClouds, "clouds:\n  nubo:\n    auth:\n      auth_url: " + url + "\n"
                + "      username: snapper\n      password: secret-snap\n      project_name: snap-e2e\n"
                + "      user_domain_name: Default\n      project_domain_name: Default\n"
                + "    region_name: RegionOne\n    identity_api_version: 3\n");
        openstack(clouds, "image", "create", "--public", "--disk-format", "qcow2", "--container-format", "bare",
                "--file", guest.resolve("test-guest.qcow2").toString(), "snap-e2e-guest");
        openstack(clouds, "flavor", "create", "--vcpus", "1", "--ram", "128", "--disk", "1", "snap-e2e-tiny");
        awaitComputeHost();
    }

    @AfterAll
    static void stop() throws Exception {
        if (cloud == null) {
            return;
        }
        try {
            for (String id : openstack(userClouds, "server", "list", "-f", "value", "-c", "ID").split("\\s+")) {
                if (!id.isBlank()) {
                    openstack(userClouds, "server", "delete", "--wait", id);
                }
            }
        } finally {
            cloud.close();
            cloud.removeInstancesDirectory();
        }
    }

    /** Runs the CLI; its standard output (what {@code -f json} prints), its error output in the failure message. */
    static String openstack(Path config, String... args) throws Exception {
        Cli r = run(config, args);
        assertThat(r.exit()).as("openstack %s:%n%s%s", String.join(" ", args), r.out(), r.err()).isZero();
        assertThat(r.err()).as("openstack %s", String.join(" ", args)).doesNotContain("Error");
        return r.out();
    }

    /** What one CLI run printed and how it ended. */
    record Cli(int exit, String out, String err) {
    }

    /** Runs the CLI with {@code config} as its clouds.yaml and cloud {@code nubo}, whatever its exit. */
    static Cli run(Path config, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(CLI.toString(), "--os-cloud", "nubo"));
        cmd.addAll(List.of(args));
        Path err = Files.createTempFile("nubo-cli", ".err");
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(err.toFile());
        pb.environment().put("OS_CLIENT_CONFIG_FILE", config.toString());
        pb.environment().remove("OS_CLOUD");
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(600, TimeUnit.SECONDS)).isTrue();
        String errors = Files.readString(err);
        Files.delete(err);
        return new Cli(p.exitValue(), out, errors);
    }

    /** The agent registers this machine a few seconds after the cloud is up (it probes KVM first). */
    static void awaitComputeHost() throws Exception {
        for (int i = 0; i < 120; i++) {
            if (openstack(clouds, "hypervisor", "list", "-f", "value", "-c", "State").contains("up")) {
                return;
            }
            Thread.sleep(1000);
        }
        throw new AssertionError("no compute host registered within 120 s");
    }

    static JsonNode json(String... args) throws Exception {
        return JSON.readTree(openstack(userClouds, args));
    }

    @Test
    void aUsersSnapshotOfARunningGuestBecomesAnImageThatBoots() throws Exception {
        JsonNode server = json("server", "create", "--image", "snap-e2e-guest", "--flavor", "snap-e2e-tiny",
                "--wait", "-f", "json", "snap-source");
        assertThat(server.get("status").asString()).isEqualTo("ACTIVE");
        String serverId = server.get("id").asString();

        JsonNode image = json("server", "image", "create", "--name", "snap-e2e-image", "--wait", "-f", "json",
                serverId);
        String imageId = image.get("id").asString();
        JsonNode shown = json("image", "show", "-f", "json", imageId);
        assertThat(shown.get("status").asString()).isEqualTo("active");
        assertThat(shown.get("size").asLong()).as("the snapshot has data").isGreaterThan(0);
        assertThat(shown.get("disk_format").asString()).isEqualTo("qcow2");
        assertThat(shown.get("owner").asString()).as("the image is the user's project's")
                .isEqualTo(json("project", "show", "-f", "json", "snap-e2e").get("id").asString());
        assertThat(shown.get("properties").toString()).contains(serverId);

        JsonNode after = json("server", "show", "-f", "json", serverId);
        assertThat(after.get("status").asString()).isEqualTo("ACTIVE");
        assertThat(after.get("OS-EXT-STS:task_state").isNull()
                || after.get("OS-EXT-STS:task_state").asString().isEmpty()).isTrue();

        JsonNode clone = json("server", "create", "--image", imageId, "--flavor", "snap-e2e-tiny", "--wait",
                "-f", "json", "snap-clone");
        assertThat(clone.get("status").asString()).as("a server boots from the snapshot").isEqualTo("ACTIVE");
        String cloneId = clone.get("id").asString();
        String console = "";
        for (int i = 0; i < 300 && !console.contains("NUBO-TEST-GUEST: booted"); i++) {
            Thread.sleep(1000);
            console = openstack(userClouds, "console", "log", "show", cloneId);
        }
        assertThat(console).as("the clone's guest boots its init").contains("NUBO-TEST-GUEST: booted");
    }
}
