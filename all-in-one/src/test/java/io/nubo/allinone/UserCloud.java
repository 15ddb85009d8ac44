package io.nubo.allinone;

import static org.assertj.core.api.Assertions.assertThat;

import io.nubo.testsupport.LibvirtTestHost;
import java.nio.file.Files;
import java.nio.file.Path;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * An all-in-one cloud with the real compute agent, seen by an ordinary member of a project of its own (so what a
 * test does must not need admin), with the test guest as a public image {@code <tag>-guest} and a 1 vCPU / 128 MiB
 * flavor {@code <tag>-tiny}. Ready once the compute host is up. {@link #close()} deletes the user's servers and stops
 * the cloud.
 */
final class UserCloud implements AutoCloseable {

    static final JsonMapper JSON = JsonMapper.builder().build();

    final NuboCloud cloud;
    final Path admin;
    final Path user;
    final String image;
    final String flavor;

    private UserCloud(NuboCloud cloud, Path admin, Path user, String tag) {
        this.cloud = cloud;
        this.admin = admin;
        this.user = user;
        this.image = tag + "-guest";
        this.flavor = tag + "-tiny";
    }

    /** {@code tag}: a few lowercase letters naming the project ({@code <tag>-e2e}), user, image and flavor. */
    static UserCloud start(String tag) throws Exception {
        Path guest = LibvirtTestHost.require();
        Path home = Files.createTempDirectory("nubo-e2e-" + tag);
        NuboCloud cloud = NuboCloud.start(new LaunchOptions(home, OpenStackCliEndToEndTest.freePortBase(), null));
        try {
            Path admin = cloud.writeCloudsYaml();
            String project = tag + "-e2e";
            String password = "secret-" + tag;
            OpenStackCli.openstack(admin, "project", "create", project);
            OpenStackCli.openstack(admin, "user", "create", "--project", project, "--password", password, tag);
            OpenStackCli.openstack(admin, "role", "add", "--project", project, "--user", tag, "member");
            Path user = home.resolve("clouds-user.yaml");
            Files.writeString(user, "clouds:\n  nubo:\n    auth:\n      auth_url: " + cloud.options().publicUrl()
                    + "/identity/v3\n      username: " + tag + "\n      password: " + password + "\n"
                    + "      project_name: " + project + "\n      user_domain_name: Default\n"
                    + "      project_domain_name: Default\n    region_name: RegionOne\n    identity_api_version: 3\n");
            UserCloud c = new UserCloud(cloud, admin, user, tag);
            OpenStackCli.openstack(admin, "image", "create", "--public", "--disk-format", "qcow2",
                    "--container-format", "bare", "--file", guest.resolve("test-guest.qcow2").toString(), c.image);
            OpenStackCli.openstack(admin, "flavor", "create", "--vcpus", "1", "--ram", "128", "--disk", "1",
                    c.flavor);
            OpenStackCli.awaitComputeHost(admin);
            return c;
        } catch (Exception | AssertionError e) {
            cloud.close();
            cloud.removeInstancesDirectory();
            throw e;
        }
    }

    /** The CLI as the user. */
    String cli(String... args) throws Exception {
        return OpenStackCli.openstack(user, args);
    }

    /** The CLI as admin. */
    String admin(String... args) throws Exception {
        return OpenStackCli.openstack(admin, args);
    }

    /** The CLI as the user, with {@code -f json} among {@code args}. */
    JsonNode json(String... args) throws Exception {
        return JSON.readTree(cli(args));
    }

    /** A server of the test image and flavor, ACTIVE ({@code --wait}). */
    JsonNode boot(String name) throws Exception {
        return json("server", "create", "--image", image, "--flavor", flavor, "--wait", "-f", "json", name);
    }

    /** Waits up to 10 min for {@code status}; fails at once on ERROR. */
    JsonNode awaitStatus(String id, String status) throws Exception {
        JsonNode s = json("server", "show", "-f", "json", id);
        for (int i = 0; i < 600 && !s.get("status").asString().equals(status); i++) {
            assertThat(s.get("status").asString()).as(s.toString()).isNotEqualTo("ERROR");
            Thread.sleep(1000);
            s = json("server", "show", "-f", "json", id);
        }
        assertThat(s.get("status").asString()).as(s.toString()).isEqualTo(status);
        return s;
    }

    /** The server's console log once it holds {@code line} (up to 5 min), or what it held then. */
    String awaitConsole(String id, String line) throws Exception {
        String console = "";
        for (int i = 0; i < 300 && !console.contains(line); i++) {
            Thread.sleep(1000);
            console = cli("console", "log", "show", id);
        }
        return console;
    }

    @Override
    public void close() throws Exception {
        try {
            for (String id : cli("server", "list", "-f", "value", "-c", "ID").split("\\s+")) {
                if (!id.isBlank()) {
                    cli("server", "delete", "--wait", id);
                }
            }
        } finally {
            cloud.close();
            cloud.removeInstancesDirectory();
        }
    }
}
