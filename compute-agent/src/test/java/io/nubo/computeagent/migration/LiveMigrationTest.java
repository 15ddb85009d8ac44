package io.nubo.computeagent.migration;

import static org.assertj.core.api.Assertions.assertThat;

import io.nubo.computeagent.ComputeAgentApplication;
import io.nubo.computeagent.design.GuestNames;
import io.nubo.computeagent.hypervisor.Guest;
import io.nubo.computeagent.hypervisor.LibvirtHypervisor;
import io.nubo.computeagent.support.AgentTopic;
import io.nubo.computeagent.support.Commands;
import io.nubo.computeagent.support.HttpControlPlane;
import io.nubo.shared.events.compute.ImageSpec;
import io.nubo.shared.events.compute.InstanceReport;
import io.nubo.shared.events.compute.InstanceReport.Outcome;
import io.nubo.shared.events.compute.LiveMigrateInstance;
import io.nubo.shared.events.compute.MigrationDestination;
import io.nubo.shared.events.compute.MigrationProgress;
import io.nubo.shared.events.compute.PowerState;
import io.nubo.shared.events.compute.FlavorSpec;
import io.nubo.shared.events.compute.SpawnInstance;
import io.nubo.testsupport.ConsoleTicks;
import io.nubo.testsupport.KafkaTestBroker;
import io.nubo.testsupport.TwoHostLab;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Live migration between two real compute hosts on this machine ({@link TwoHostLab}: two libvirtds in two network
 * namespaces joined by a veth pair), each with a whole agent (Spring context, its own H2 outbox, Kafka): the test
 * guest, booted on host 1 and counting on its console every second, moves to host 2 through a
 * {@link LiveMigrateInstance} command with its local disk copied over NBD, and goes on counting; host 1's libvirt
 * no longer has it, host 2's agent reports it running (and, restarted, finds it by its reconcile). Then the move back with the destination's libvirtd
 * killed under it: the guest still runs where it was and the report says so.
 */
@Tag("integration")
class LiveMigrationTest {

    // bounds, not timings: emulated guests on a busy 2-core machine take from seconds to minutes
    static final Duration BOOT = Duration.ofSeconds(300);
    static final Duration MOVE = Duration.ofSeconds(240);
    static final String HOST1 = "mig-host-1";
    static final String HOST2 = "mig-host-2";

    static TwoHostLab lab;
    static HttpControlPlane control;
    static AgentTopic topic;
    static final List<ConfigurableApplicationContext> agents = new ArrayList<>();
    static ImageSpec ticking;
    static String bootstrap;

    @BeforeAll
    static void start() throws Exception {
        lab = TwoHostLab.start("mig", 19);
        Path guest = TwoHostLab.testGuest(lab.dir().resolve("guest"));
        control = new HttpControlPlane(25080);
        String qcow2 = control.add("img-tick", guest.resolve("test-guest.qcow2"));
        control.add("aki-tick", guest.resolve("vmlinuz"));
        control.add("ari-tick", guest.resolve("initrd.img"));
        // no_timer_check: on an overloaded machine the emulated guest's kernel may fail its IO-APIC timer check
        // and panic ("IO-APIC + timer doesn't work"), as RealGuestTest's guests did here at load 30
        ticking = Commands.image("img-tick", "qcow2", qcow2, Map.of("kernel_id", "aki-tick", "ramdisk_id",
                "ari-tick", "os_command_line", "console=ttyS0 no_timer_check nubo.tick"));
        bootstrap = KafkaTestBroker.bootstrapServers();
        topic = new AgentTopic(bootstrap);
        agents.add(agent(HOST1, lab.host(1), bootstrap));
        agents.add(agent(HOST2, lab.host(2), bootstrap));
    }

    static ConfigurableApplicationContext agent(String host, TwoHostLab.Host on, String bootstrap) {
        return agent(host, on, bootstrap, control);
    }

    /** A whole agent for {@code host} of the lab, its images served by {@code control}. */
    static ConfigurableApplicationContext agent(String host, TwoHostLab.Host on, String bootstrap,
                                                HttpControlPlane control) {
        List<String> args = new ArrayList<>(List.of("--nubo.agent.host=" + host, "--nubo.agent.libvirt-uri=" + on.uri(),
                "--nubo.agent.virt-type=qemu", "--nubo.agent.instances-dir=" + on.instancesDir(),
                "--nubo.agent.heartbeat-interval=5s",
                "--spring.datasource.url=jdbc:h2:mem:agent-" + UUID.randomUUID() + ";MODE=PostgreSQL;DB_CLOSE_DELAY=-1",
                "--spring.kafka.bootstrap-servers=" + bootstrap, "--spring.main.register-shutdown-hook=false"));
        args.addAll(List.of(control.agentArgs()));
        // bench/migrate.sh may try the agents with other settings (e.g. --nubo.agent.migration.progress-interval)
        String extra = System.getProperty("nubo.bench.agent-args", "").trim();
        if (!extra.isEmpty()) {
            args.addAll(List.of(extra.split("\\s+")));
        }
        return ComputeAgentApplication.builder().run(args.toArray(String[]::new));
    }

    @AfterAll
    static void stop() throws Exception {
        agents.forEach(ConfigurableApplicationContext::close);
        if (topic != null) {
            topic.close();
        }
        if (control != null) {
            control.close();
        }
        if (lab != null) {
            lab.close();
        }
    }

    @Test
    void aCountingGuestMovesToTheOtherHostWithoutStoppingAndStaysWhereItWasWhenTheDestinationDies()
            throws Exception {
        String id = UUID.randomUUID().toString();
        // bench/migrate.sh --nubo sets the guest's memory to time the move beside a bare virsh migrate of its size
        FlavorSpec f = Commands.flavor(1, 0, 0);
        f = new FlavorSpec(f.id(), f.name(), f.vcpus(), Integer.getInteger("nubo.bench.ram-mib", f.ramMb()),
                f.diskGb(), f.ephemeralGb(), f.swapMb(), f.extraSpecs());
        SpawnInstance spawn = Commands.spawn(id, f, ticking, true, List.of());
        spawn = new SpawnInstance(spawn.instanceId(), HOST1, spawn.actionId(), spawn.projectId(), spawn.userId(),
                spawn.displayName(), spawn.hostname(), spawn.flavor(), spawn.image(), spawn.keyName(), spawn.keyData(),
                spawn.userData(), spawn.metadata(), spawn.configDrive(), spawn.availabilityZone(), spawn.launchIndex(),
                spawn.nics(), spawn.blockDevices(), spawn.createdAt());
        topic.send(spawn);
        assertSucceeded(awaitAnswer(id, spawn.actionId(), BOOT));
        Path log1 = lab.host(1).instancesDir().resolve(id).resolve("console.log");
        Path log2 = lab.host(2).instancesDir().resolve(id).resolve("console.log");
        try (ConsoleTicks ticks = new ConsoleTicks(List.of(log1, log2))) {
            ticks.awaitTick(3, BOOT);

            LiveMigrateInstance there = migrate(id, HOST1, lab.host(2), HOST2);
            long t0 = System.nanoTime();
            topic.send(there);
            InstanceReport moved = awaitAnswer(id, there.actionId(), MOVE);
            long tookMs = (System.nanoTime() - t0) / 1_000_000;
            assertSucceeded(moved);
            assertThat(moved.host()).isEqualTo(HOST1);
            int atMove = ticks.last();
            ticks.awaitTick(atMove + 3, Duration.ofSeconds(60));

            // it never stopped counting: every tick, in order, first on host 1's console, then on host 2's
            ConsoleTicks.Move move = ticks.movedWithEveryTick();
            ConsoleTicks.Tick lastOnOne = move.lastBefore();
            ConsoleTicks.Tick firstOnTwo = move.firstAfter();
            double guestGap = move.guestGapSeconds();
            long seenGapMs = move.seenGapMillis();
            System.out.printf("live migration %s -> %s: %d ms through the agents; last tick on host 1 #%d, first on "
                    + "host 2 #%d; gap between them %.2f s of guest uptime, %d ms as seen from outside (a tick a "
                    + "second)%n", HOST1, HOST2, tookMs, lastOnOne.number(), firstOnTwo.number(), guestGap, seenGapMs);
            assertThat(guestGap).as("the guest's own clock between two ticks").isLessThan(5.0);

            try (LibvirtHypervisor one = LibvirtHypervisor.open(lab.host(1).uri());
                 LibvirtHypervisor two = LibvirtHypervisor.open(lab.host(2).uri())) {
                assertThat(one.find(GuestNames.domainName(id))).as("host 1's libvirt no longer has it").isEmpty();
                Guest g = two.find(GuestNames.domainName(id)).orElseThrow();
                assertThat(g.powerState()).isEqualTo(PowerState.RUNNING);
                assertThat(g.definition().disks()).allSatisfy(d -> assertThat(d.source().toString())
                        .contains(lab.host(2).instancesDir().toString()));
            }
            assertThat(lab.host(1).instancesDir().resolve(id)).doesNotExist();
            assertThat(topic.reports(MigrationProgress.class, p -> p.instanceId().equals(id)))
                    .extracting(MigrationProgress::phase).contains("preparing");
            // host 2's agent has taken it over: it reports the guest running there
            InstanceReport adopted = topic.await(InstanceReport.class, r -> r.instanceId().equals(id)
                    && HOST2.equals(r.host()) && "lifecycle".equals(r.operation()), Duration.ofSeconds(30));
            assertThat(adopted.powerState()).isEqualTo(PowerState.RUNNING);
            // and after a restart its reconcile finds the guest there
            agents.remove(1).close();
            agents.add(agent(HOST2, lab.host(2), bootstrap));
            InstanceReport reconciled = topic.await(InstanceReport.class, r -> r.instanceId().equals(id)
                    && HOST2.equals(r.host()) && "reconcile".equals(r.operation()), Duration.ofSeconds(60));
            assertThat(reconciled.powerState()).isEqualTo(PowerState.RUNNING);

            // back to host 1, whose libvirtd dies under the move: the guest goes on running on host 2
            LiveMigrateInstance back = migrate(id, HOST2, lab.host(1), HOST1);
            topic.send(back);
            awaitIncoming(id);
            lab.killLibvirtd(1);
            InstanceReport failed = awaitAnswer(id, back.actionId(), MOVE);
            System.out.println("migration with the destination's libvirtd killed: " + failed.faultMessage());
            assertThat(failed.outcome()).isEqualTo(Outcome.FAILED);
            assertThat(failed.powerState()).isEqualTo(PowerState.RUNNING);
            assertThat(failed.faultMessage()).contains("live migration of instance " + id + " to host " + HOST1)
                    .contains("still runs on host " + HOST2);
            int atFailure = ticks.last();
            try (LibvirtHypervisor two = LibvirtHypervisor.open(lab.host(2).uri())) {
                assertThat(two.find(GuestNames.domainName(id)).orElseThrow().powerState())
                        .isEqualTo(PowerState.RUNNING);
            }
            ticks.awaitTick(atFailure + 2, Duration.ofSeconds(60));
            assertThat(ticks.lastIn(1).number()).as("still counting on host 2").isGreaterThan(atFailure);
            assertThat(Files.exists(log2)).isTrue();
        }
    }

    static LiveMigrateInstance migrate(String id, String from, TwoHostLab.Host to, String toName) {
        return new LiveMigrateInstance(id, from, UUID.randomUUID().toString(), new MigrationDestination(toName,
                to.peerUri(), to.migrationUri(), to.instancesDir().toString()), true);
    }

    /** Waits until host 1's libvirtd holds the incoming guest: the move has begun. */
    static void awaitIncoming(String id) throws Exception {
        long deadline = System.nanoTime() + MOVE.toNanos();
        try (LibvirtHypervisor one = LibvirtHypervisor.open(lab.host(1).uri())) {
            while (System.nanoTime() < deadline) {
                if (one.find(GuestNames.domainName(id)).isPresent()) {
                    return;
                }
                Thread.sleep(20);
            }
        }
        throw new AssertionError("the guest never arrived on host 1");
    }

    static InstanceReport awaitAnswer(String id, String actionId, Duration timeout) throws InterruptedException {
        return topic.await(InstanceReport.class, r -> r.instanceId().equals(id) && actionId.equals(r.actionId()),
                timeout);
    }

    static void assertSucceeded(InstanceReport r) {
        assertThat(r.outcome()).as(r.operation() + ": " + r.faultMessage()).isEqualTo(Outcome.SUCCEEDED);
    }
}
