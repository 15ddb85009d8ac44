package io.nubo.computeagent.realguest;

import static org.assertj.core.api.Assertions.assertThat;

import io.nubo.computeagent.design.GuestNames;
import io.nubo.computeagent.domain.DomainDefinition;
import io.nubo.computeagent.hypervisor.LibvirtHypervisor;
import io.nubo.computeagent.support.AgentFixture;
import io.nubo.computeagent.support.Commands;
import io.nubo.computeagent.support.LocalImageService;
import io.nubo.shared.events.compute.ConfirmResize;
import io.nubo.shared.events.compute.DeleteInstance;
import io.nubo.shared.events.compute.FlavorSpec;
import io.nubo.shared.events.compute.ImageSpec;
import io.nubo.shared.events.compute.InstanceReport;
import io.nubo.shared.events.compute.InstanceReport.Outcome;
import io.nubo.shared.events.compute.PowerAction.Action;
import io.nubo.shared.events.compute.PowerState;
import io.nubo.shared.events.compute.ResizeInstance;
import io.nubo.shared.events.compute.RevertResize;
import io.nubo.testsupport.LibvirtTestHost;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Resize, revert and confirm of a real guest under {@code qemu:///system} (Nubo's test guest, booted from its qcow2
 * disk): the guest comes back with the new flavor's vCPUs and RAM in libvirt's definition and sees its grown root
 * disk and its new ephemeral disk on its own console; a revert brings back the old definition and disks (the root
 * disk at its old size, no ephemeral); a confirm drops the kept copy; a stopped guest stays off; nothing is left.
 */
@org.junit.jupiter.api.Tag("integration")
class ResizeRealGuestTest {

    static final Duration BOOT = Duration.ofSeconds(300);
    static final FlavorSpec SMALL = new FlavorSpec("f-small", "m1.small", 1, 128, 1, 0, 0, Map.of());
    static final FlavorSpec BIG = new FlavorSpec("f-big", "m1.big", 2, 192, 2, 1, 0, Map.of());
    static Path work;
    static LibvirtHypervisor hypervisor;
    static AgentFixture agent;
    static ImageSpec qcow2;

    @BeforeAll
    static void start() throws Exception {
        Path guestDir = LibvirtTestHost.require();
        work = Files.createTempDirectory(Path.of("/var/tmp"), "nubo-resize-test",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        hypervisor = LibvirtHypervisor.open(LibvirtTestHost.URI);
        LocalImageService images = new LocalImageService();
        qcow2 = Commands.image("img-qcow2", "qcow2", images.add("img-qcow2", "qcow2",
                guestDir.resolve("test-guest.qcow2")), Map.of());
        agent = new AgentFixture(hypervisor, "qemu", work, images);
    }

    @AfterAll
    static void stop() throws Exception {
        if (hypervisor != null) {
            hypervisor.close();
        }
        if (work != null) {
            try (Stream<Path> all = Files.walk(work)) {
                all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static InstanceReport dispatch(io.nubo.shared.events.compute.ComputeCommand c) {
        InstanceReport r = (InstanceReport) agent.dispatcher.dispatch(c);
        assertThat(r.outcome()).as(c + ": " + r.faultMessage()).isEqualTo(Outcome.SUCCEEDED);
        return r;
    }

    private static DomainDefinition definition(String id) {
        return hypervisor.find(GuestNames.domainName(id)).orElseThrow().definition();
    }

    @Test
    void resizeRevertAndConfirmARealGuest() throws Exception {
        String id = UUID.randomUUID().toString();
        dispatch(Commands.spawn(id, SMALL, qcow2, false, List.of()));
        assertThat(awaitConsole(id, "NUBO-TEST-GUEST: ready")).contains("block vda sectors=2097152 ");
        Path kept = agent.storage.dir(id).resolve("resize-orig");

        // resize: off, grown, redefined with 2 vCPUs and 192 MiB, an ephemeral disk, started again
        InstanceReport resized = dispatch(new ResizeInstance(id, "host-1", "a1", BIG, SMALL, qcow2));
        assertThat(resized.operation()).isEqualTo("resize");
        assertThat(resized.powerState()).isEqualTo(PowerState.RUNNING);
        DomainDefinition big = definition(id);
        assertThat(big.vcpus()).isEqualTo(2);
        assertThat(big.memoryMib()).isEqualTo(192);
        assertThat(big.metadata().flavorName()).isEqualTo("m1.big");
        assertThat(awaitConsole(id, "NUBO-TEST-GUEST: ready")).contains("block vda sectors=4194304 ")
                .containsPattern("block vdb sectors=2097152 type=ext4 label=ephemeral0");
        assertThat(kept.resolve("disk")).exists();

        // revert: the old flavor's definition and disks, the copy gone
        InstanceReport reverted = dispatch(new RevertResize(id, "host-1", "a2", SMALL, qcow2));
        assertThat(reverted.powerState()).isEqualTo(PowerState.RUNNING);
        DomainDefinition small = definition(id);
        assertThat(small.vcpus()).isEqualTo(1);
        assertThat(small.memoryMib()).isEqualTo(128);
        assertThat(small.disks()).noneMatch(d -> "vdb".equals(d.targetDev()));
        assertThat(awaitConsole(id, "NUBO-TEST-GUEST: ready")).contains("block vda sectors=2097152 ")
                .doesNotContain("block vdb");
        assertThat(kept).doesNotExist();
        assertThat(agent.storage.dir(id).resolve("disk.eph0")).doesNotExist();

        // a stopped guest resizes and stays off; the confirm drops the kept copy
        InstanceReport stopped = (InstanceReport) agent.dispatcher.dispatch(Commands.power(id, Action.STOP, 60));
        assertThat(stopped.powerState()).isEqualTo(PowerState.SHUTDOWN);
        assertThat(dispatch(new ResizeInstance(id, "host-1", "a3", BIG, SMALL, qcow2)).powerState())
                .isEqualTo(PowerState.SHUTDOWN);
        assertThat(hypervisor.find(GuestNames.domainName(id)).orElseThrow().active()).isFalse();
        assertThat(definition(id).vcpus()).isEqualTo(2);
        assertThat(dispatch(new ConfirmResize(id, "host-1", "a4")).powerState()).isEqualTo(PowerState.SHUTDOWN);
        assertThat(kept).doesNotExist();
        assertThat(agent.storage.dir(id).resolve("disk.eph0")).exists();

        dispatch(new DeleteInstance(id, "host-1", "del"));
        assertThat(hypervisor.find(GuestNames.domainName(id))).isEmpty();
        assertThat(agent.storage.dir(id)).doesNotExist();
    }

    static String awaitConsole(String id, String marker) throws Exception {
        return agent.awaitConsole(id, marker, BOOT);
    }
}
