package io.nubo.allinone;

import static org.assertj.core.api.Assertions.assertThat;

import io.nubo.computeagent.ComputeAgentApplication;
import io.nubo.computeagent.design.GuestNames;
import io.nubo.testsupport.ConsoleTicks;
import io.nubo.testsupport.TwoHostLab;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
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
 * Evacuate through the whole cloud and the real CLI, on a {@link TwoHostLab} with two agents (the setup of
 * {@link LiveMigrationEndToEndTest}; the all-in-one's own host disabled): the test guest boots on host 1 and counts
 * on its console; {@code openstack server evacuate} is refused while host 1 is up; host 1 dies (its agent stopped,
 * its guest destroyed as a dead host loses it, the domain and its files left behind); the operator forces its
 * compute service down ({@code compute service set --down}, 2.11) and runs {@code openstack server evacuate} (OSC
 * 6.0.0 fails after sending it: see the comment there); the server is ACTIVE on host 2, rebuilt from its image, and
 * the guest boots and counts there (host 2's console); its migration is an evacuation, done. Then host 1 comes back
 * (its agent started again, the service set up): its reconcile reports the old domain, which it is told to destroy:
 * host 1's libvirt no longer has it, its files are gone, the migration is completed, the server still on host 2.
 */
@Tag("integration")
class EvacuateEndToEndTest {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final Duration BOOT = Duration.ofMinutes(4);
    static final String HOST1 = "ev-e2e-1";
    static final String HOST2 = "ev-e2e-2";
    static NuboCloud cloud;
    static Path clouds;
    static TwoHostLab lab;
    static Path home;
    static final List<ConfigurableApplicationContext> agents = new ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        lab = TwoHostLab.start("eve2e", 42);
        Path guest = TwoHostLab.testGuest(lab.dir().resolve("guest"));
        home = Files.createTempDirectory(Path.of("/var/tmp"), "nubo-e2e-evacuate",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        cloud = NuboCloud.start(new LaunchOptions(home, 9300, null));
        clouds = cloud.writeCloudsYaml();
        for (int n = 1; n <= 2; n++) {
            agents.add(ComputeAgentApplication.builder().run(agentArgs(n)));
        }
        String machine = InetAddress.getLocalHost().getHostName();
        await("both lab hosts up", () -> {
            String list = cli("compute", "service", "list", "-f", "value", "-c", "Host", "-c", "State");
            return list.contains(HOST1 + " up") && list.contains(HOST2 + " up");
        });
        if (cli("compute", "service", "list", "-f", "value", "-c", "Host").contains(machine)) {
            cli("compute", "service", "set", "--disable", "--disable-reason", "evacuate test", machine,
                    "nova-compute");
        }
        String kernel = id(cli("image", "create", "--public", "--disk-format", "aki", "--container-format", "aki",
                "--file", guest.resolve("vmlinuz").toString(), "-f", "json", "ev-e2e-kernel"));
        String ramdisk = id(cli("image", "create", "--public", "--disk-format", "ari", "--container-format", "ari",
                "--file", guest.resolve("initrd.img").toString(), "-f", "json", "ev-e2e-ramdisk"));
        cli("image", "create", "--public", "--disk-format", "qcow2", "--container-format", "bare", "--file",
                guest.resolve("test-guest.qcow2").toString(), "--property", "kernel_id=" + kernel, "--property",
                "ramdisk_id=" + ramdisk, "--property", "os_command_line=console=ttyS0 no_timer_check nubo.tick",
                "ev-e2e-ticking");
        cli("flavor", "create", "--vcpus", "1", "--ram", "128", "--disk", "1", "ev-e2e-tiny");
    }

    /** Lab host {@code n}'s agent, as {@link LiveMigrationEndToEndTest} runs it. */
    static String[] agentArgs(int n) {
        return LabHosts.agentArgs(cloud.options(), lab, home, "ev-e2e", n);
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
    void aServerOfADeadHostIsRebuiltOnHost2AndTheReturningHostDestroysItsLeftover() throws Exception {
        JsonNode server = JSON.readTree(cli("server", "create", "--image", "ev-e2e-ticking", "--flavor",
                "ev-e2e-tiny", "--availability-zone", "nova:" + HOST1, "--wait", "-f", "json", "ev-e2e-server"));
        String id = server.get("id").asString();
        assertThat(show(id).get("OS-EXT-SRV-ATTR:host").asString()).isEqualTo(HOST1);
        String domain = GuestNames.domainName(id);
        Path dir1 = lab.host(1).instancesDir().resolve(id);
        Path log2 = lab.host(2).instancesDir().resolve(id).resolve("console.log");
        try (ConsoleTicks ticks = new ConsoleTicks(List.of(dir1.resolve("console.log")))) {
            ticks.awaitTick(2, BOOT);
        }

        OpenStackCli.Result early = OpenStackCli.run(clouds, "server", "evacuate", id);
        System.out.println("openstack server evacuate while host 1 is up (exit " + early.exit() + "):\n"
                + early.err());
        assertThat(early.exit()).isNotZero();
        assertThat(early.err()).contains("Compute service of " + HOST1 + " is still in use").contains("HTTP 400");

        // host 1 dies: no agent, its guest gone (the domain and its files stay, as on a host that lost power)
        agents.get(0).close();
        LabHosts.virsh(lab, 1, "destroy", domain);
        cli("--os-compute-api-version", "2.11", "compute", "service", "set", "--down", HOST1, "nova-compute");
        long t0 = System.nanoTime();
        // OSC 6.0.0 sends the evacuate (at 2.1: onSharedStorage false) and then fails on novaclient's answer, a
        // tuple, before it waits or shows anything ("'TupleWithMeta' object has no attribute 'to_dict'", 'id' with
        // --wait; exit 1): the server is watched instead
        OpenStackCli.Result evacuated = OpenStackCli.run(clouds, "server", "evacuate", id);
        System.out.println("openstack server evacuate " + id + " (exit " + evacuated.exit() + "):\n"
                + evacuated.out() + evacuated.err());
        assertThat(evacuated.exit() == 0 || evacuated.err().contains("'TupleWithMeta' object has no attribute"))
                .as(evacuated.err()).isTrue();
        await("ACTIVE on host 2", () -> {
            JsonNode s = show(id);
            return "ACTIVE".equals(s.get("status").asString()) && s.get("OS-EXT-STS:task_state").isNull();
        });
        System.out.printf("evacuated to ACTIVE in %d ms%n", (System.nanoTime() - t0) / 1_000_000);
        JsonNode after = show(id);
        assertThat(after.get("status").asString()).isEqualTo("ACTIVE");
        assertThat(after.get("OS-EXT-SRV-ATTR:host").asString()).isEqualTo(HOST2);
        try (ConsoleTicks ticks = new ConsoleTicks(List.of(log2))) {
            ticks.awaitTick(2, BOOT);
        }
        String console = cli("console", "log", "show", id);
        assertThat(console).contains("NUBO-TEST-GUEST");
        assertThat(LabHosts.virshNames(lab, 2)).contains(domain);
        JsonNode migrations = JSON.readTree(cli("server", "migration", "list", "--server", id, "-f", "json"));
        System.out.println("openstack server migration list --server " + id + ":\n" + migrations);
        assertThat(migrations).hasSize(1);
        assertThat(migrations.get(0).get("Status").asString()).isEqualTo("done");
        assertThat(migrations.get(0).get("Source Compute").asString()).isEqualTo(HOST1);
        assertThat(migrations.get(0).get("Dest Compute").asString()).isEqualTo(HOST2);
        assertThat(cli("server", "event", "list", "-f", "value", "-c", "Action", id)).contains("evacuate");
        assertThat(LabHosts.virshNames(lab, 1)).as("host 1 still holds the dead guest's domain").contains(domain);
        assertThat(dir1).exists();

        // host 1 comes back: its reconcile reports the old domain, which it is told to destroy, files and all
        agents.set(0, ComputeAgentApplication.builder().run(agentArgs(1)));
        cli("--os-compute-api-version", "2.11", "compute", "service", "set", "--up", HOST1, "nova-compute");
        await("host 1's leftover destroyed", () -> !LabHosts.virshNames(lab, 1).contains(domain)
                && !Files.exists(dir1));
        await("the evacuation completed", () -> "completed".equals(JSON.readTree(cli("server", "migration",
                "list", "--server", id, "-f", "json")).get(0).get("Status")
                .asString()));
        JsonNode still = show(id);
        System.out.println("after host 1 came back: host 1 libvirt " + LabHosts.virshNames(lab, 1)
                + ", host 2 libvirt " + LabHosts.virshNames(lab, 2) + "; server " + still.get("status").asString() + " on "
                + still.get("OS-EXT-SRV-ATTR:host").asString());
        assertThat(still.get("status").asString()).isEqualTo("ACTIVE");
        assertThat(still.get("OS-EXT-SRV-ATTR:host").asString()).isEqualTo(HOST2);
        assertThat(LabHosts.virshNames(lab, 2)).contains(domain);
    }

    static JsonNode show(String id) throws Exception {
        return JSON.readTree(cli("server", "show", "-f", "json", id));
    }

    static String id(String json) {
        return JSON.readTree(json).get("id").asString();
    }

    static String cli(String... args) throws Exception {
        return OpenStackCli.openstack(clouds, args);
    }

    interface Check {
        boolean done() throws Exception;
    }

    static void await(String what, Check check) throws Exception {
        for (int i = 0; i < 120; i++) {
            if (check.done()) {
                return;
            }
            Thread.sleep(1000);
        }
        throw new AssertionError("not within 120 s: " + what);
    }
}
