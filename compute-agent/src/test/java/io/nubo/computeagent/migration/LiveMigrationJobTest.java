package io.nubo.computeagent.migration;

import static org.assertj.core.api.Assertions.assertThat;

import io.nubo.computeagent.design.GuestNames;
import io.nubo.computeagent.hypervisor.Guest;
import io.nubo.computeagent.hypervisor.JobProgress;
import io.nubo.computeagent.hypervisor.LibvirtHypervisor;
import io.nubo.computeagent.support.AgentTopic;
import io.nubo.computeagent.support.Commands;
import io.nubo.computeagent.support.HttpControlPlane;
import io.nubo.shared.events.compute.AbortLiveMigration;
import io.nubo.shared.events.compute.ForceCompleteLiveMigration;
import io.nubo.shared.events.compute.ImageSpec;
import io.nubo.shared.events.compute.InstanceReport;
import io.nubo.shared.events.compute.InstanceReport.Outcome;
import io.nubo.shared.events.compute.LiveMigrateInstance;
import io.nubo.shared.events.compute.MigrationDestination;
import io.nubo.shared.events.compute.PowerState;
import io.nubo.shared.events.compute.SpawnInstance;
import io.nubo.testsupport.KafkaTestBroker;
import io.nubo.testsupport.TwoHostLab;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Aborting and forcing a live migration under way between two real hosts ({@link TwoHostLab}), each with a whole
 * agent: the guest's migration bandwidth is cut to 1 MiB/s ({@code virsh migrate-setspeed}, libvirt's
 * {@code virDomainMigrateSetMaxSpeed}) so the move is still copying when the command comes. An
 * {@link AbortLiveMigration} makes the move fail with the guest running on the source and nothing on the
 * destination; a {@link ForceCompleteLiveMigration} pauses the guest on the source while the copy goes on; an abort
 * then leaves it running again on the source, and a forced move that ends has it running on the destination (the
 * bandwidth lifted then, so that the test need not wait for the throttled copy of the whole disk).
 */
@Tag("integration")
class LiveMigrationJobTest {

    static final Duration BOOT = Duration.ofSeconds(300);
    static final Duration MOVE = Duration.ofSeconds(240);
    static final String HOST1 = "nm-host-1";
    static final String HOST2 = "nm-host-2";

    static TwoHostLab lab;
    static HttpControlPlane control;
    static AgentTopic topic;
    static final List<ConfigurableApplicationContext> agents = new ArrayList<>();
    static ImageSpec image;

    @BeforeAll
    static void start() throws Exception {
        lab = TwoHostLab.start("nm", 43);
        Path guest = TwoHostLab.testGuest(lab.dir().resolve("guest"));
        control = new HttpControlPlane(9480);
        String qcow2 = control.add("img-nm", guest.resolve("test-guest.qcow2"));
        control.add("aki-nm", guest.resolve("vmlinuz"));
        control.add("ari-nm", guest.resolve("initrd.img"));
        image = Commands.image("img-nm", "qcow2", qcow2, Map.of("kernel_id", "aki-nm", "ramdisk_id", "ari-nm",
                "os_command_line", "console=ttyS0 no_timer_check nubo.tick"));
        String bootstrap = KafkaTestBroker.bootstrapServers();
        topic = new AgentTopic(bootstrap);
        agents.add(LiveMigrationTest.agent(HOST1, lab.host(1), bootstrap, control));
        agents.add(LiveMigrationTest.agent(HOST2, lab.host(2), bootstrap, control));
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
    void anAbortedMoveLeavesTheGuestRunningHereAndAForcedOneEndsWithTheGuestRunningThere() throws Exception {
        String id = UUID.randomUUID().toString();
        String domain = GuestNames.domainName(id);
        SpawnInstance s = Commands.spawn(id, Commands.flavor(1, 0, 0), image, true, List.of());
        s = new SpawnInstance(s.instanceId(), HOST1, s.actionId(), s.projectId(), s.userId(), s.displayName(),
                s.hostname(), s.flavor(), s.image(), s.keyName(), s.keyData(), s.userData(), s.metadata(),
                s.configDrive(), s.availabilityZone(), s.launchIndex(), s.nics(), s.blockDevices(), s.createdAt());
        topic.send(s);
        assertSucceeded(awaitAnswer(id, s.actionId(), BOOT));
        try (LibvirtHypervisor one = LibvirtHypervisor.open(lab.host(1).uri());
             LibvirtHypervisor two = LibvirtHypervisor.open(lab.host(2).uri())) {
            setSpeed(1, domain, 1);

            LiveMigrateInstance move = migrate(id);
            topic.send(move);
            awaitCopying(one.find(domain).orElseThrow());
            AbortLiveMigration abort = new AbortLiveMigration(id, HOST1, move.actionId());
            topic.send(abort);
            InstanceReport aborted = awaitAnswer(id, move.actionId(), "live_migration", MOVE);
            System.out.println("aborted live migration: " + aborted.faultMessage());
            assertThat(aborted.outcome()).isEqualTo(Outcome.FAILED);
            assertThat(aborted.faultMessage()).contains("still runs on host " + HOST1);
            assertSucceeded(awaitAnswer(id, move.actionId(), LiveMigrationJobHandler.ABORT, MOVE));
            assertThat(one.find(domain).orElseThrow().powerState()).isEqualTo(PowerState.RUNNING);
            assertThat(two.find(domain)).as("nothing left on the destination").isEmpty();
            assertThat(lab.host(2).instancesDir().resolve(id)).doesNotExist();

            // an abort with no move under way is refused, and changes nothing
            AbortLiveMigration late = new AbortLiveMigration(id, HOST1, move.actionId());
            topic.send(late);
            InstanceReport refused = topic.await(InstanceReport.class, r -> r.instanceId().equals(id)
                    && LiveMigrationJobHandler.ABORT.equals(r.operation()) && r.outcome() == Outcome.FAILED, MOVE);
            assertThat(refused.faultMessage()).contains("no live migration under way");

            // forced, then aborted: the guest the force paused runs again on the source
            LiveMigrateInstance paused = migrate(id);
            topic.send(paused);
            awaitCopying(one.find(domain).orElseThrow());
            topic.send(new ForceCompleteLiveMigration(id, HOST1, paused.actionId()));
            assertSucceeded(awaitAnswer(id, paused.actionId(), LiveMigrationJobHandler.FORCE_COMPLETE, MOVE));
            assertThat(one.find(domain).orElseThrow().powerState()).isEqualTo(PowerState.PAUSED);
            topic.send(new AbortLiveMigration(id, HOST1, paused.actionId()));
            assertThat(awaitAnswer(id, paused.actionId(), "live_migration", MOVE).outcome())
                    .isEqualTo(Outcome.FAILED);
            assertThat(one.find(domain).orElseThrow().powerState()).as("resumed after the failed forced move")
                    .isEqualTo(PowerState.RUNNING);

            LiveMigrateInstance again = migrate(id);
            topic.send(again);
            Guest source = one.find(domain).orElseThrow();
            awaitCopying(source);
            topic.send(new ForceCompleteLiveMigration(id, HOST1, again.actionId()));
            assertSucceeded(awaitAnswer(id, again.actionId(), LiveMigrationJobHandler.FORCE_COMPLETE, MOVE));
            assertThat(source.powerState()).as("paused on the source while the copy goes on")
                    .isEqualTo(PowerState.PAUSED);
            assertThat(source.job()).as("still copying").isNotNull();
            setSpeed(1, domain, 8192);
            unthrottleDiskCopy(1, domain);
            assertSucceeded(awaitAnswer(id, again.actionId(), "live_migration", MOVE));
            assertThat(one.find(domain)).isEmpty();
            assertThat(two.find(domain).orElseThrow().powerState()).as("running again on the destination")
                    .isEqualTo(PowerState.RUNNING);
        }
    }

    static LiveMigrateInstance migrate(String id) {
        TwoHostLab.Host to = lab.host(2);
        return new LiveMigrateInstance(id, HOST1, UUID.randomUUID().toString(), new MigrationDestination(HOST2,
                to.peerUri(), to.migrationUri(), to.instancesDir().toString()), true);
    }

    /** {@code virsh migrate-setspeed}: libvirt-java has no binding of virDomainMigrateSetMaxSpeed. */
    static void setSpeed(int host, String domain, int mibPerSecond) throws Exception {
        virsh(host, "migrate-setspeed", domain, Integer.toString(mibPerSecond));
    }

    /**
     * The disk copy of a block migration (QEMU's drive-mirror) keeps the bandwidth it started with, and libvirt
     * takes no block job command during the migration job: the mirror jobs' speed is lifted on QEMU's monitor.
     */
    static void unthrottleDiskCopy(int host, String domain) throws Exception {
        String jobs = virsh(host, "qemu-monitor-command", domain, "{\"execute\":\"query-block-jobs\"}");
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"device\":\"([^\"]+)\"").matcher(jobs);
        while (m.find()) {
            virsh(host, "qemu-monitor-command", domain, "{\"execute\":\"block-job-set-speed\",\"arguments\":"
                    + "{\"device\":\"" + m.group(1) + "\",\"speed\":0}}");
        }
    }

    static String virsh(int host, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("virsh", "-c", lab.host(host).uri()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        return out;
    }

    /** Waits until the guest's migration job has begun copying. */
    static void awaitCopying(Guest g) throws InterruptedException {
        long deadline = System.nanoTime() + MOVE.toNanos();
        while (System.nanoTime() < deadline) {
            JobProgress job = g.job();
            if (job != null && job.dataProcessed() > 0) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the migration never began copying");
    }

    static InstanceReport awaitAnswer(String id, String actionId, Duration timeout) throws InterruptedException {
        return topic.await(InstanceReport.class, r -> r.instanceId().equals(id) && actionId.equals(r.actionId()),
                timeout);
    }

    static InstanceReport awaitAnswer(String id, String actionId, String operation, Duration timeout)
            throws InterruptedException {
        return topic.await(InstanceReport.class, r -> r.instanceId().equals(id) && actionId.equals(r.actionId())
                && operation.equals(r.operation()), timeout);
    }

    static void assertSucceeded(InstanceReport r) {
        assertThat(r.outcome()).as(r.operation() + ": " + r.faultMessage()).isEqualTo(Outcome.SUCCEEDED);
    }
}
