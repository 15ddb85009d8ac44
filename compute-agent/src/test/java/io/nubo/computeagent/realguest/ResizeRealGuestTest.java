package io.nubo.computeagent.realguest;

import static org.assertj.core.api.Assertions.assertThat;

import io.nubo.computeagent.design.GuestNames;
import io.nubo.computeagent.domain.DomainDefinition;
import io.nubo.computeagent.support.Commands;
import io.nubo.shared.events.compute.ConfirmResize;
import io.nubo.shared.events.compute.DeleteInstance;
import io.nubo.shared.events.compute.FlavorSpec;
import io.nubo.shared.events.compute.ImageSpec;
import io.nubo.shared.events.compute.InstanceReport;
import io.nubo.shared.events.compute.PowerAction.Action;
import io.nubo.shared.events.compute.PowerState;
import io.nubo.shared.events.compute.ResizeInstance;
import io.nubo.shared.events.compute.RevertResize;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
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

    static final FlavorSpec SMALL = new FlavorSpec("f-small", "m1.small", 1, 128, 1, 0, 0, Map.of());
    static final FlavorSpec BIG = new FlavorSpec("f-big", "m1.big", 2, 192, 2, 1, 0, Map.of());
    static RealGuestHost host;
    static ImageSpec qcow2;

    @BeforeAll
    static void start() throws Exception {
        host = RealGuestHost.open("nubo-resize-test");
        qcow2 = host.qcow2();
    }

    @AfterAll
    static void stop() throws Exception {
        if (host != null) {
            host.close();
        }
    }

    private static DomainDefinition definition(String id) {
        return host.hypervisor.find(GuestNames.domainName(id)).orElseThrow().definition();
    }

    @Test
    void resizeRevertAndConfirmARealGuest() throws Exception {
        String id = UUID.randomUUID().toString();
        host.succeeds(Commands.spawn(id, SMALL, qcow2, false, List.of()));
        assertThat(host.awaitConsole(id, "NUBO-TEST-GUEST: ready")).contains("block vda sectors=2097152 ");
        Path kept = host.agent.storage.dir(id).resolve("resize-orig");

        // resize: off, grown, redefined with 2 vCPUs and 192 MiB, an ephemeral disk, started again
        InstanceReport resized = host.succeeds(new ResizeInstance(id, "host-1", "a1", BIG, SMALL, qcow2));
        assertThat(resized.operation()).isEqualTo("resize");
        assertThat(resized.powerState()).isEqualTo(PowerState.RUNNING);
        DomainDefinition big = definition(id);
        assertThat(big.vcpus()).isEqualTo(2);
        assertThat(big.memoryMib()).isEqualTo(192);
        assertThat(big.metadata().flavorName()).isEqualTo("m1.big");
        assertThat(host.awaitConsole(id, "NUBO-TEST-GUEST: ready")).contains("block vda sectors=4194304 ")
                .containsPattern("block vdb sectors=2097152 type=ext4 label=ephemeral0");
        assertThat(kept.resolve("disk")).exists();

        // revert: the old flavor's definition and disks, the copy gone
        InstanceReport reverted = host.succeeds(new RevertResize(id, "host-1", "a2", SMALL, qcow2));
        assertThat(reverted.powerState()).isEqualTo(PowerState.RUNNING);
        DomainDefinition small = definition(id);
        assertThat(small.vcpus()).isEqualTo(1);
        assertThat(small.memoryMib()).isEqualTo(128);
        assertThat(small.disks()).noneMatch(d -> "vdb".equals(d.targetDev()));
        assertThat(host.awaitConsole(id, "NUBO-TEST-GUEST: ready")).contains("block vda sectors=2097152 ")
                .doesNotContain("block vdb");
        assertThat(kept).doesNotExist();
        assertThat(host.agent.storage.dir(id).resolve("disk.eph0")).doesNotExist();

        // a stopped guest resizes and stays off; the confirm drops the kept copy
        InstanceReport stopped = host.dispatch(Commands.power(id, Action.STOP, 60));
        assertThat(stopped.powerState()).isEqualTo(PowerState.SHUTDOWN);
        assertThat(host.succeeds(new ResizeInstance(id, "host-1", "a3", BIG, SMALL, qcow2)).powerState())
                .isEqualTo(PowerState.SHUTDOWN);
        assertThat(host.hypervisor.find(GuestNames.domainName(id)).orElseThrow().active()).isFalse();
        assertThat(definition(id).vcpus()).isEqualTo(2);
        assertThat(host.succeeds(new ConfirmResize(id, "host-1", "a4")).powerState()).isEqualTo(PowerState.SHUTDOWN);
        assertThat(kept).doesNotExist();
        assertThat(host.agent.storage.dir(id).resolve("disk.eph0")).exists();

        host.succeeds(new DeleteInstance(id, "host-1", "del"));
        assertThat(host.hypervisor.find(GuestNames.domainName(id))).isEmpty();
        assertThat(host.agent.storage.dir(id)).doesNotExist();
    }
}
