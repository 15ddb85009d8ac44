package io.nubo.allinone;

import static org.assertj.core.api.Assertions.assertThat;

import io.nubo.computeagent.ComputeAgentApplication;
import io.nubo.computeagent.design.GuestNames;
import io.nubo.testsupport.TwoHostLab;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Cold migration through the whole cloud and the real CLI, on two lab hosts ({@link TwoHostLab}) as
 * {@link LiveMigrationEndToEndTest} runs them: the test guest boots on host 1; {@code openstack server migrate
 * --wait} moves it (the scheduler picks host 2, the only other host): VERIFY_RESIZE on host 2, where it boots again
 * from the copied disk (its console there shows a new boot); {@code server migrate confirm}: ACTIVE, and nothing of
 * it is left in host 1's libvirt or instances directory. Migrated again (to host 1) and {@code server migrate
 * revert}: ACTIVE on host 2 again, running, and nothing of it left on host 1. {@code server migration list} shows
 * the rows, confirmed and reverted.
 */
@Tag("integration")
class ColdMigrationEndToEndTest {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final String HOST1 = "cm-e2e-1";
    static final String HOST2 = "cm-e2e-2";
    static NuboCloud cloud;
    static Path clouds;
    static TwoHostLab lab;
    static Path home;
    static final List<ConfigurableApplicationContext> agents = new ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        lab = TwoHostLab.start("cme2e", 41);
        Path guest = TwoHostLab.testGuest(lab.dir().resolve("guest"));
        home = Files.createTempDirectory(Path.of("/var/tmp"), "nubo-e2e-coldmig",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        cloud = NuboCloud.start(new LaunchOptions(home, OpenStackCliEndToEndTest.freePortBase(), null));
        clouds = cloud.writeCloudsYaml();
        LaunchOptions o = cloud.options();
        for (int n = 1; n <= 2; n++) {
            agents.add(ComputeAgentApplication.builder().run(LabHosts.agentArgs(o, lab, home, "cm-e2e", n)));
        }
        String machine = InetAddress.getLocalHost().getHostName();
        await("both lab hosts up", () -> {
            String list = cli("compute", "service", "list", "-f", "value", "-c", "Host", "-c", "State");
            return list.contains(HOST1 + " up") && list.contains(HOST2 + " up");
        });
        if (cli("compute", "service", "list", "-f", "value", "-c", "Host").contains(machine)) {
            cli("compute", "service", "set", "--disable", "--disable-reason", "cold migration test", machine,
                    "nova-compute");
        }
        String kernel = id(cli("image", "create", "--public", "--disk-format", "aki", "--container-format", "aki",
                "--file", guest.resolve("vmlinuz").toString(), "-f", "json", "cm-e2e-kernel"));
        String ramdisk = id(cli("image", "create", "--public", "--disk-format", "ari", "--container-format", "ari",
                "--file", guest.resolve("initrd.img").toString(), "-f", "json", "cm-e2e-ramdisk"));
        cli("image", "create", "--public", "--disk-format", "qcow2", "--container-format", "bare", "--file",
                guest.resolve("test-guest.qcow2").toString(), "--property", "kernel_id=" + kernel, "--property",
                "ramdisk_id=" + ramdisk, "--property", "os_command_line=console=ttyS0 no_timer_check nubo.tick",
                "cm-e2e-ticking");
        cli("flavor", "create", "--vcpus", "1", "--ram", "128", "--disk", "1", "cm-e2e-tiny");
    }

    @AfterAll
    static void stop() throws Exception {
        try {
            if (cloud != null) {
                for (String id : cli("server", "list", "--all-projects", "-f", "value", "-c", "ID").split("\\s+")) {
                    if (!id.isBlank()) {
                        cli("server", "delete", "--wait", id);
                    }
                }
            }
        } finally {
            agents.forEach(ConfigurableApplicationContext::close);
            if (cloud != null) {
                cloud.close();
            }
            if (lab != null) {
                lab.close();
            }
            if (home != null) {
                org.springframework.util.FileSystemUtils.deleteRecursively(home);
            }
        }
    }

    @Test
    void aGuestColdMigratesToHost2IsConfirmedThenMigratesBackAndIsReverted() throws Exception {
        JsonNode server = JSON.readTree(cli("server", "create", "--image", "cm-e2e-ticking", "--flavor",
                "cm-e2e-tiny", "--availability-zone", "nova:" + HOST1, "--wait", "-f", "json", "cm-e2e"));
        assertThat(server.get("status").asString()).isEqualTo("ACTIVE");
        String id = server.get("id").asString();
        String domain = GuestNames.domainName(id);
        Path dir1 = lab.host(1).instancesDir().resolve(id);
        Path dir2 = lab.host(2).instancesDir().resolve(id);
        await("the guest boots on host 1", () -> boots(dir1.resolve("console.log")) >= 1);

        long t0 = System.nanoTime();
        String out = cli("server", "migrate", "--wait", id);
        System.out.printf("openstack server migrate --wait %s: %d ms%n%s%n", id, (System.nanoTime() - t0) / 1_000_000,
                out);
        JsonNode moved = show(id);
        assertThat(moved.get("status").asString()).isEqualTo("VERIFY_RESIZE");
        assertThat(moved.get("OS-EXT-SRV-ATTR:host").asString()).isEqualTo(HOST2);
        assertThat(virshState(2, id)).isEqualTo("running");
        assertThat(virshState(1, id)).as("host 1 keeps its stopped copy until the confirm").isEqualTo("shut off");
        // host 1's console stopped with the guest; host 2's shows it booted again and counting there
        await("the guest boots again on host 2", () -> !newTicks(dir1.resolve("console.log"),
                dir2.resolve("console.log")).isEmpty());
        System.out.println("on host 2 after the move: " + newTicks(dir1.resolve("console.log"),
                dir2.resolve("console.log")).get(0));

        cli("server", "migrate", "confirm", id);
        await("ACTIVE after the confirm", () -> "ACTIVE".equals(show(id).get("status").asString()));
        await("host 1's copy removed", () -> !virshNames(1).contains(domain) && !Files.exists(dir1));
        assertThat(show(id).get("OS-EXT-SRV-ATTR:host").asString()).isEqualTo(HOST2);
        assertThat(virshState(2, id)).isEqualTo("running");

        // to host 1 and reverted: back on host 2, running; host 1 keeps nothing
        cli("server", "migrate", "--wait", id);
        assertThat(show(id).get("status").asString()).isEqualTo("VERIFY_RESIZE");
        assertThat(show(id).get("OS-EXT-SRV-ATTR:host").asString()).isEqualTo(HOST1);
        assertThat(virshState(1, id)).isEqualTo("running");
        cli("server", "migrate", "revert", id);
        await("ACTIVE after the revert", () -> "ACTIVE".equals(show(id).get("status").asString()));
        JsonNode back = show(id);
        assertThat(back.get("OS-EXT-SRV-ATTR:host").asString()).isEqualTo(HOST2);
        assertThat(virshState(2, id)).isEqualTo("running");
        await("host 1's copy removed", () -> !virshNames(1).contains(domain) && !Files.exists(dir1));

        JsonNode migrations = JSON.readTree(cli("server", "migration", "list", "--server", id, "-f", "json"));
        System.out.println("openstack server migration list --server " + id + ":\n" + migrations);
        assertThat(migrations).hasSize(2);
        assertThat(migrations.get(0).get("Status").asString()).isEqualTo("reverted");
        assertThat(migrations.get(1).get("Status").asString()).isEqualTo("confirmed");
        assertThat(migrations.get(1).get("Source Compute").asString()).isEqualTo(HOST1);
        assertThat(migrations.get(1).get("Dest Compute").asString()).isEqualTo(HOST2);
    }

    /** How many times the test guest's kernel started, in one console log. */
    static int boots(Path log) throws Exception {
        return (int) ticks(log).stream().filter(l -> l.contains("NUBO-TEST-GUEST: tick 1 ")).count();
    }

    /** The tick lines (each with the guest's uptime) in {@code after} that {@code before} does not have. */
    static List<String> newTicks(Path before, Path after) throws Exception {
        List<String> old = ticks(before);
        return ticks(after).stream().filter(l -> !old.contains(l)).toList();
    }

    static List<String> ticks(Path log) throws Exception {
        if (!Files.exists(log)) {
            return List.of();
        }
        return Files.readAllLines(log, StandardCharsets.ISO_8859_1).stream()
                .filter(l -> l.contains("NUBO-TEST-GUEST: tick ")).map(String::strip).toList();
    }

    static JsonNode show(String id) throws Exception {
        return JSON.readTree(cli("server", "show", "-f", "json", id));
    }

    static String id(String json) {
        return LiveMigrationEndToEndTest.id(json);
    }

    static List<String> virshNames(int host) throws Exception {
        return LabHosts.virshNames(lab, host);
    }

    static String virshState(int n, String id) throws Exception {
        return LabHosts.virshState(lab, n, id);
    }

    static String cli(String... args) throws Exception {
        return OpenStackCli.openstack(clouds, args);
    }

    static void await(String what, LiveMigrationEndToEndTest.Check check) throws Exception {
        LiveMigrationEndToEndTest.await(what, check);
    }
}
