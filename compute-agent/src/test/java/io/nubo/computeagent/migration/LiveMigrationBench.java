package io.nubo.computeagent.migration;

import static org.assertj.core.api.Assertions.assertThat;

import io.nubo.computeagent.design.GuestNames;
import io.nubo.computeagent.support.AgentTopic;
import io.nubo.computeagent.support.Commands;
import io.nubo.computeagent.support.HttpControlPlane;
import io.nubo.shared.events.compute.FlavorSpec;
import io.nubo.shared.events.compute.ImageSpec;
import io.nubo.shared.events.compute.InstanceReport;
import io.nubo.shared.events.compute.LiveMigrateInstance;
import io.nubo.shared.events.compute.PowerState;
import io.nubo.shared.events.compute.SpawnInstance;
import io.nubo.testsupport.KafkaTestBroker;
import io.nubo.testsupport.TwoHostLab;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.util.FileSystemUtils;

/**
 * The live migration benchmark's like-for-like part (run by {@code bench/migrate.sh --nubo}, never by the test
 * suite: its name does not end in Test). On two lab hosts with both agents running, a guest booted by Nubo's agent
 * and its bare twin (the same libvirt definition, under another name, with a disk made the same way, which the
 * agents do not manage) are moved back and forth in turns: the Nubo guest by a {@link LiveMigrateInstance} command
 * (timed from the command sent to the agent's answer), the twin by {@code virsh migrate} with the flags the agent
 * asks libvirt for (timed around the virsh call; its destination files are made before the clock starts). Prints
 * each move, libvirt's downtime of each, the medians and Nubo's overhead (its median minus the bare median).
 */
@Tag("integration")
class LiveMigrationBench {

    static final Duration BOOT = Duration.ofSeconds(300);
    static final Duration MOVE = Duration.ofSeconds(240);

    @Test
    void nuboBesideBareVirshOnTheSameGuest() throws Exception {
        int rounds = Integer.getInteger("nubo.bench.rounds", 3);
        int ramMib = Integer.getInteger("nubo.bench.ram-mib", 2048);
        List<ConfigurableApplicationContext> agents = new ArrayList<>();
        try (TwoHostLab lab = TwoHostLab.start("lmb", 24);
             HttpControlPlane control = new HttpControlPlane(25081);
             AgentTopic topic = new AgentTopic(KafkaTestBroker.bootstrapServers())) {
            Path guest = TwoHostLab.testGuest(lab.dir().resolve("guest"));
            String qcow2 = control.add("img-tick", guest.resolve("test-guest.qcow2"));
            control.add("aki-tick", guest.resolve("vmlinuz"));
            control.add("ari-tick", guest.resolve("initrd.img"));
            ImageSpec ticking = Commands.image("img-tick", "qcow2", qcow2, Map.of("kernel_id", "aki-tick",
                    "ramdisk_id", "ari-tick", "os_command_line", "console=ttyS0 no_timer_check nubo.tick"));
            String bootstrap = KafkaTestBroker.bootstrapServers();
            String[] hosts = {"lmb-host-1", "lmb-host-2"};
            agents.add(LiveMigrationTest.agent(hosts[0], lab.host(1), bootstrap, control));
            agents.add(LiveMigrationTest.agent(hosts[1], lab.host(2), bootstrap, control));

            String id = UUID.randomUUID().toString();
            FlavorSpec f = Commands.flavor(1, 0, 0);
            f = new FlavorSpec(f.id(), f.name(), f.vcpus(), ramMib, f.diskGb(), f.ephemeralGb(), f.swapMb(),
                    f.extraSpecs());
            SpawnInstance s = Commands.spawn(id, f, ticking, true, List.of());
            s = new SpawnInstance(s.instanceId(), hosts[0], s.actionId(), s.projectId(), s.userId(), s.displayName(),
                    s.hostname(), s.flavor(), s.image(), s.keyName(), s.keyData(), s.userData(), s.metadata(),
                    s.configDrive(), s.availabilityZone(), s.launchIndex(), s.nics(), s.blockDevices(), s.createdAt());
            SpawnInstance spawn = s;
            topic.send(spawn);
            InstanceReport booted = topic.await(InstanceReport.class, r -> r.instanceId().equals(id)
                    && spawn.actionId().equals(r.actionId()), BOOT);
            assertThat(booted.outcome()).isEqualTo(InstanceReport.Outcome.SUCCEEDED);
            String nubo = GuestNames.domainName(id);
            awaitTick(lab.host(1).instancesDir().resolve(id).resolve("console.log"), 3);

            // the bare twin: Nubo's definition with its own name, no uuid (libvirt makes one), its own directory
            String twin = "bare-" + id.substring(0, 8);
            Path from = lab.host(1).instancesDir().resolve(id);
            Path twinDir = lab.host(1).instancesDir().resolve(twin);
            Files.createDirectories(twinDir);
            for (Path p : list(from)) {
                String n = p.getFileName().toString();
                if (n.equals("disk")) {
                    String backing = virshOut("qemu-img", "info", "-U", "--output=json", p.toString());
                    String base = jsonField(backing, "full-backing-filename");
                    run("qemu-img", "create", "-q", "-f", "qcow2", "-F", "qcow2", "-b", base,
                            twinDir.resolve(n).toString(), jsonField(backing, "virtual-size"));
                } else if (!n.equals("console.log")) {
                    Files.copy(p, twinDir.resolve(n));
                }
            }
            String xml = virshOut("virsh", "-c", lab.host(1).uri(), "dumpxml", "--inactive", nubo)
                    .replaceAll("(?s)<uuid>.*?</uuid>", "").replaceAll("(?s)<metadata>.*?</metadata>", "")
                    .replace("<name>" + nubo + "</name>", "<name>" + twin + "</name>")
                    .replace(from.toString(), twinDir.toString());
            Path twinXml = lab.dir().resolve(twin + ".xml");
            Files.writeString(twinXml, xml);
            run("virsh", "-c", lab.host(1).uri(), "define", twinXml.toString());
            run("virsh", "-c", lab.host(1).uri(), "start", twin);
            awaitTick(twinDir.resolve("console.log"), 3);

            List<Long> nuboMs = new ArrayList<>();
            List<Long> bareMs = new ArrayList<>();
            System.out.printf("%-8s %-10s %-10s %-10s %s%n", "move", "from->to", "nubo_ms", "bare_ms",
                    "libvirt downtime nubo/bare (ms)");
            int at = 1;
            // move 0 warms both up (the first move on a host pair is slower for whoever goes first) and is not
            // counted; then the two guests take turns going first
            for (int round = 0; round <= 2 * rounds; round++) {
                int to = 3 - at;
                long nMs;
                long bMs;
                if (round % 2 == 0) {
                    nMs = nuboMove(topic, id, hosts, lab, at, to);
                    bMs = bareMove(lab, twin, at, to);
                } else {
                    bMs = bareMove(lab, twin, at, to);
                    nMs = nuboMove(topic, id, hosts, lab, at, to);
                }
                if (round > 0) {
                    nuboMs.add(nMs);
                    bareMs.add(bMs);
                }
                System.out.printf("%-8s %-10s %-10d %-10d %s / %s%n", round == 0 ? "warm-up" : round,
                        at + "->" + to, nMs, bMs, downtime(lab.host(to), nubo), downtime(lab.host(to), twin));
                at = to;
                Thread.sleep(2_000);
            }
            long n = median(nuboMs);
            long b = median(bareMs);
            System.out.printf("live migration bench, %d MiB guest, %d moves each: Nubo median %d ms, bare virsh "
                    + "median %d ms, overhead %+d ms; per move (Nubo - bare): %s%n", ramMib, nuboMs.size(), n, b,
                    n - b, diffs(nuboMs, bareMs));
            run("virsh", "-c", lab.host(at).uri(), "destroy", twin);
            run("virsh", "-c", lab.host(at).uri(), "undefine", twin);
        } finally {
            agents.forEach(ConfigurableApplicationContext::close);
        }
    }

    /** The Nubo guest moved by its agent: from the command sent to the answer, then its adoption awaited. */
    private static long nuboMove(AgentTopic topic, String id, String[] hosts, TwoHostLab lab, int at, int to)
            throws Exception {
        LiveMigrateInstance move = LiveMigrationTest.migrate(id, hosts[at - 1], lab.host(to), hosts[to - 1]);
        java.time.Instant sent = java.time.Instant.now();
        long t0 = System.nanoTime();
        topic.send(move);
        InstanceReport moved = topic.await(InstanceReport.class, r -> r.instanceId().equals(id)
                && move.actionId().equals(r.actionId()), MOVE);
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertThat(moved.outcome()).as(moved.faultMessage()).isEqualTo(InstanceReport.Outcome.SUCCEEDED);
        topic.await(InstanceReport.class, r -> r.instanceId().equals(id) && hosts[to - 1].equals(r.host())
                && "lifecycle".equals(r.operation()) && r.powerState() == PowerState.RUNNING
                && r.observedAt().isAfter(sent), Duration.ofSeconds(60));
        return ms;
    }

    /** The twin moved as the agent moves a guest, by virsh; its destination files made before the clock starts. */
    private static long bareMove(TwoHostLab lab, String twin, int from, int to) throws Exception {
        Path src = lab.host(from).instancesDir().resolve(twin);
        Path dst = lab.host(to).instancesDir().resolve(twin);
        Files.createDirectories(dst);
        for (Path p : list(src)) {
            String n = p.getFileName().toString();
            if (n.equals("disk")) {
                String info = virshOut("qemu-img", "info", "-U", "--output=json", p.toString());
                run("qemu-img", "create", "-q", "-f", "qcow2", dst.resolve(n).toString(),
                        jsonField(info, "virtual-size"));
            } else {
                Files.copy(p, dst.resolve(n));
            }
        }
        Path xml = lab.dir().resolve(twin + ".to" + to + ".xml");
        Files.writeString(xml, virshOut("virsh", "-c", lab.host(from).uri(), "dumpxml", "--migratable", twin)
                .replace(src.toString(), dst.toString()));
        long t0 = System.nanoTime();
        run("virsh", "-c", lab.host(from).uri(), "migrate", "--live", "--p2p", "--persistent", "--undefinesource",
                "--abort-on-error", "--copy-storage-all", "--migrate-disks", "vda", "--xml", xml.toString(), twin,
                lab.host(to).peerUri(), "--migrateuri", lab.host(to).migrationUri());
        long ms = (System.nanoTime() - t0) / 1_000_000;
        FileSystemUtils.deleteRecursively(src);
        return ms;
    }

    private static String downtime(TwoHostLab.Host on, String domain) {
        try {
            for (String line : virshOut("virsh", "-c", on.uri(), "domjobinfo", "--completed", domain).split("\n")) {
                if (line.startsWith("Total downtime:")) {
                    return line.replaceAll("[^0-9]", "");
                }
            }
        } catch (Exception e) {
            return "n/a";
        }
        return "n/a";
    }

    private static void awaitTick(Path log, int n) throws Exception {
        long deadline = System.nanoTime() + BOOT.toNanos();
        while (System.nanoTime() < deadline) {
            if (Files.exists(log) && Files.readString(log, StandardCharsets.ISO_8859_1).contains("tick " + n + " ")) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no tick " + n + " on " + log);
    }

    private static List<Path> list(Path dir) throws IOException {
        try (var s = Files.list(dir)) {
            return s.filter(Files::isRegularFile).toList();
        }
    }

    private static String jsonField(String json, String field) {
        var m = java.util.regex.Pattern.compile("\"" + field + "\"\\s*:\\s*\"?([^\",}]+)\"?").matcher(json);
        if (!m.find()) {
            throw new IllegalStateException("no " + field + " in " + json);
        }
        return m.group(1).trim();
    }

    private static long median(List<Long> xs) {
        List<Long> s = xs.stream().sorted().toList();
        return s.size() % 2 == 1 ? s.get(s.size() / 2) : (s.get(s.size() / 2 - 1) + s.get(s.size() / 2)) / 2;
    }

    private static String diffs(List<Long> a, List<Long> b) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < a.size(); i++) {
            out.add(String.format("%+d", a.get(i) - b.get(i)));
        }
        return String.join(", ", out);
    }

    private static void run(String... cmd) throws Exception {
        virshOut(cmd);
    }

    private static String virshOut(String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", cmd) + " failed: " + out);
        }
        return out;
    }
}
