package io.nubo.allinone;

import static org.assertj.core.api.Assertions.assertThat;

import io.nubo.computeagent.ComputeAgentApplication;
import io.nubo.computeagent.design.GuestNames;
import io.nubo.testsupport.ConsoleTicks;
import io.nubo.testsupport.LibvirtTestHost;
import io.nubo.testsupport.TwoHostLab;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Live migration through the whole cloud and the real CLI: the all-in-one's services plus two compute agents, each
 * driving its own libvirtd in its own network-namespace host ({@link TwoHostLab}); the all-in-one's own agent (this
 * machine) is disabled, so the two lab hosts are the cloud's hosts. The test guest boots on host 1 counting on its
 * console every second ({@code nubo.tick}); {@code openstack server migrate --live-migration --block-migration
 * --wait} moves it (OSC wants compute 2.30 for {@code --host} with a live migration, and Nubo serves 2.1, so the
 * scheduler chooses: host 2 is the only other host); the console logs of both hosts show every tick, the gap is
 * printed; host 1's libvirt no longer has the domain, {@code server show} names host 2, os-migrations shows it
 * completed. Then a server too big for host 2 is refused before anything moves (400, nothing on host 2, still
 * ACTIVE on host 1). Last, host 2 is emptied by {@code scripts/host-evacuate-live.sh --disable}: the guest is on
 * host 1 again. Everything made is removed.
 */
@Tag("integration")
class LiveMigrationEndToEndTest {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final Duration BOOT = Duration.ofMinutes(4);
    static NuboCloud cloud;
    static Path clouds;
    static TwoHostLab lab;
    static Path home;
    static final List<ConfigurableApplicationContext> agents = new ArrayList<>();
    static final String HOST1 = "lm-e2e-1";
    static final String HOST2 = "lm-e2e-2";

    @BeforeAll
    static void start() throws Exception {
        lab = TwoHostLab.start("lme2e", 23);
        Path guest = TwoHostLab.testGuest(lab.dir().resolve("guest"));
        home = Files.createTempDirectory("nubo-e2e-migrate");
        cloud = NuboCloud.start(new LaunchOptions(home, OpenStackCliEndToEndTest.freePortBase(), null));
        clouds = cloud.writeCloudsYaml();
        LaunchOptions o = cloud.options();
        for (int n = 1; n <= 2; n++) {
            agents.add(ComputeAgentApplication.builder().run(agentArgs(o, n)));
        }
        String machine = InetAddress.getLocalHost().getHostName();
        await("both lab hosts up", () -> {
            String list = cli("compute", "service", "list", "-f", "value", "-c", "Host", "-c", "State");
            return list.contains(HOST1 + " up") && list.contains(HOST2 + " up");
        });
        if (cli("compute", "service", "list", "-f", "value", "-c", "Host").contains(machine)) {
            cli("compute", "service", "set", "--disable", "--disable-reason", "live migration test", machine,
                    "nova-compute");
        }
        String kernel = id(cli("image", "create", "--public", "--disk-format", "aki", "--container-format", "aki",
                "--file", guest.resolve("vmlinuz").toString(), "-f", "json", "lm-e2e-kernel"));
        String ramdisk = id(cli("image", "create", "--public", "--disk-format", "ari", "--container-format", "ari",
                "--file", guest.resolve("initrd.img").toString(), "-f", "json", "lm-e2e-ramdisk"));
        // no_timer_check: an overloaded machine's emulated guest may otherwise panic in its IO-APIC timer check
        cli("image", "create", "--public", "--disk-format", "qcow2", "--container-format", "bare", "--file",
                guest.resolve("test-guest.qcow2").toString(), "--property", "kernel_id=" + kernel, "--property",
                "ramdisk_id=" + ramdisk, "--property", "os_command_line=console=ttyS0 no_timer_check nubo.tick",
                "lm-e2e-ticking");
        cli("flavor", "create", "--vcpus", "1", "--ram", "128", "--disk", "1", "lm-e2e-tiny");
    }

    static String[] agentArgs(LaunchOptions o, int n) {
        TwoHostLab.Host h = lab.host(n);
        List<String> a = new ArrayList<>(Arrays.stream(NuboCloud.agentArgs(o, "127.0.0.1:" + o.kafkaPort(),
                        "http://127.0.0.1:" + ServiceModule.IMAGE.port(o),
                        "http://127.0.0.1:" + ServiceModule.IDENTITY.port(o) + "/v3"))
                .filter(s -> !s.startsWith("--nubo.agent.libvirt-uri=") && !s.startsWith("--nubo.agent.virt-type=")
                        && !s.startsWith("--nubo.agent.instances-dir="))
                .toList());
        a.addAll(List.of("--nubo.agent.host=lm-e2e-" + n, "--nubo.agent.libvirt-uri=" + h.uri(),
                "--nubo.agent.virt-type=qemu", "--nubo.agent.instances-dir=" + h.instancesDir(),
                "--nubo.agent.migration.libvirt-uri=" + h.peerUri(),
                "--nubo.agent.migration.address=" + h.migrationUri(), "--nubo.agent.networking.mode=none",
                "--nubo.agent.heartbeat-interval=5s",
                "--spring.datasource.url=jdbc:h2:file:" + home.resolve("agent-" + n) + "/agent;MODE=PostgreSQL;"
                        + "DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH"));
        return a.toArray(String[]::new);
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
    void aCountingGuestMovesToHost2ThroughTheCliWithoutStoppingAndABigOneIsRefused() throws Exception {
        JsonNode server = JSON.readTree(cli("server", "create", "--image", "lm-e2e-ticking", "--flavor",
                "lm-e2e-tiny", "--availability-zone", "nova:" + HOST1, "--wait", "-f", "json", "lm-e2e-ticker"));
        assertThat(server.get("status").asString()).isEqualTo("ACTIVE");
        String id = server.get("id").asString();
        assertThat(show(id).get("OS-EXT-SRV-ATTR:host").asString()).isEqualTo(HOST1);
        Path log1 = lab.host(1).instancesDir().resolve(id).resolve("console.log");
        Path log2 = lab.host(2).instancesDir().resolve(id).resolve("console.log");
        try (ConsoleTicks ticks = new ConsoleTicks(List.of(log1, log2))) {
            ticks.awaitTick(3, BOOT);
            long t0 = System.nanoTime();
            String out = cli("server", "migrate", "--live-migration", "--block-migration", "--wait", id);
            long tookMs = (System.nanoTime() - t0) / 1_000_000;
            System.out.println("openstack server migrate --live-migration --block-migration --wait " + id + ":\n"
                    + out);
            int atMove = ticks.last();
            ticks.awaitTick(atMove + 3, Duration.ofSeconds(60));
            // it never stopped counting: every tick, in order, first on host 1's console, then on host 2's
            ConsoleTicks.Move move = ticks.movedWithEveryTick();
            ConsoleTicks.Tick lastOnOne = move.lastBefore();
            ConsoleTicks.Tick firstOnTwo = move.firstAfter();
            double guestGap = move.guestGapSeconds();
            long seenGapMs = move.seenGapMillis();
            System.out.printf("live migration through the API and CLI %s -> %s: %d ms for the CLI with --wait; last"
                    + " tick on host 1 #%d, first on host 2 #%d; gap %.2f s of guest uptime, %d ms seen from outside"
                    + " (a tick a second)%n", HOST1, HOST2, tookMs, lastOnOne.number(), firstOnTwo.number(), guestGap,
                    seenGapMs);
            assertThat(guestGap).as("the guest's own clock between two ticks").isLessThan(5.0);
        }
        assertThat(virshNames(1)).as("host 1's libvirt").doesNotContain(GuestNames.domainName(id));
        assertThat(virshNames(2)).as("host 2's libvirt").contains(GuestNames.domainName(id));
        JsonNode after = show(id);
        assertThat(after.get("OS-EXT-SRV-ATTR:host").asString()).isEqualTo(HOST2);
        assertThat(after.get("status").asString()).isEqualTo("ACTIVE");
        JsonNode migrations = JSON.readTree(cli("server", "migration", "list", "--server", id, "-f", "json"));
        System.out.println("openstack server migration list --server " + id + ":\n" + migrations);
        assertThat(migrations).hasSize(1);
        assertThat(migrations.get(0).get("Status").asString()).isEqualTo("completed");
        assertThat(migrations.get(0).get("Source Compute").asString()).isEqualTo(HOST1);
        assertThat(migrations.get(0).get("Dest Compute").asString()).isEqualTo(HOST2);

        // a server that fits host 1 only (every vCPU host 1 has left) cannot go to host 2: refused up front
        JsonNode hv = JSON.readTree(cli("hypervisor", "show", "-f", "json", HOST1));
        int vcpus = hv.get("vcpus").asInt() * 4;
        cli("flavor", "create", "--vcpus", Integer.toString(vcpus), "--ram", "128", "--disk", "1", "lm-e2e-wide");
        JsonNode wide = JSON.readTree(cli("server", "create", "--image", "lm-e2e-ticking", "--flavor",
                "lm-e2e-wide", "--availability-zone", "nova:" + HOST1, "--wait", "-f", "json", "lm-e2e-wide"));
        String wideId = wide.get("id").asString();
        ServerSnapshotEndToEndTest.Cli refused = ServerSnapshotEndToEndTest.run(clouds, "server", "migrate",
                "--live-migration", "--block-migration", wideId);
        System.out.println("openstack server migrate --live-migration --block-migration " + wideId + " (exit "
                + refused.exit() + "):\n" + refused.err());
        assertThat(refused.exit()).isNotZero();
        assertThat(refused.err()).contains("No valid host was found").contains(HOST2 + " lacks 1 vCPU")
                .contains("HTTP 400");
        JsonNode stays = show(wideId);
        assertThat(stays.get("status").asString()).isEqualTo("ACTIVE");
        assertThat(stays.get("OS-EXT-SRV-ATTR:host").asString()).isEqualTo(HOST1);
        assertThat(virshNames(2)).doesNotContain(GuestNames.domainName(wideId));
        assertThat(JSON.readTree(cli("server", "migration", "list", "--server", wideId, "-f", "json"))).isEmpty();
        cli("server", "delete", "--wait", wideId);

        // maintenance: host 2 emptied by the documented call; every guest is on host 1 again, host 2 disabled
        ProcessBuilder evacuate = new ProcessBuilder(LibvirtTestHost.script("host-evacuate-live.sh").toString(),
                "--disable", HOST2).redirectErrorStream(true);
        evacuate.environment().put("OS_CLIENT_CONFIG_FILE", clouds.toString());
        evacuate.environment().put("OS_CLOUD", "nubo");
        Process e = evacuate.start();
        String report = new String(e.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(e.waitFor(600, TimeUnit.SECONDS)).isTrue();
        System.out.println("scripts/host-evacuate-live.sh --disable " + HOST2 + ":\n" + report);
        assertThat(e.exitValue()).as(report).isZero();
        assertThat(report).contains(id + ": moved to " + HOST1).contains(HOST2 + ": 1 moved, 0 failed, 0 left");
        assertThat(show(id).get("OS-EXT-SRV-ATTR:host").asString()).isEqualTo(HOST1);
        assertThat(virshNames(2)).as("host 2's libvirt after the evacuation").isEmpty();
        assertThat(cli("compute", "service", "list", "-f", "value", "-c", "Host", "-c", "Status"))
                .contains(HOST2 + " disabled");
    }

    static JsonNode show(String id) throws Exception {
        return JSON.readTree(cli("server", "show", "-f", "json", id));
    }

    static String id(String json) {
        return JSON.readTree(json).get("id").asString();
    }

    static List<String> virshNames(int host) throws Exception {
        Process p = new ProcessBuilder("virsh", "-c", lab.host(host).uri(), "list", "--all", "--name")
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return Arrays.stream(out.split("\\s+")).filter(s -> !s.isBlank()).toList();
    }

    static String cli(String... args) throws Exception {
        return ServerSnapshotEndToEndTest.openstack(clouds, args);
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
