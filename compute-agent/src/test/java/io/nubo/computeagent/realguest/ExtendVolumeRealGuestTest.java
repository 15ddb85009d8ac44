package io.nubo.computeagent.realguest;

import static io.nubo.computeagent.realguest.RealGuestHost.sh;
import static org.assertj.core.api.Assertions.assertThat;

import io.nubo.computeagent.design.GuestNames;
import io.nubo.computeagent.hypervisor.Guest;
import io.nubo.computeagent.support.Commands;
import io.nubo.shared.events.compute.AttachVolume;
import io.nubo.shared.events.compute.DeleteInstance;
import io.nubo.shared.events.compute.ExtendVolume;
import io.nubo.shared.events.compute.ImageSpec;
import io.nubo.shared.events.compute.InstanceReport;
import io.nubo.shared.events.compute.InstanceReport.Outcome;
import io.nubo.shared.events.compute.VolumeConnection;
import java.io.RandomAccessFile;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * An attached volume extended while the guest runs (Cinder 3.42's in-use extend, Nova's {@code extend_volume}):
 * the agent's {@link ExtendVolume} resizes the guest's disk with libvirt's block resize, and the running test guest
 * prints the new capacity of that disk on its console ({@code resize vdb sectors=...}, read from
 * {@code /sys/block/vdb/size}). A raw file volume was grown by block storage first; a qcow2 one cannot be while
 * the guest's qemu holds its write lock, so qemu grows it (its header then says the new size). An iSCSI volume on
 * tgt grows once its LUN is made again (as block storage's iscsi backend does): qemu's initiator refuses to grow
 * past what the target reports, and takes the new size after that. A redelivered command changes nothing; a volume
 * that is not attached fails.
 */
@org.junit.jupiter.api.Tag("integration")
class ExtendVolumeRealGuestTest {

    static final long MIB = 1L << 20;
    static RealGuestHost host;
    static ImageSpec kernelBoot;

    @BeforeAll
    static void start() throws Exception {
        host = RealGuestHost.open("nubo-extend-test");
        kernelBoot = host.kernelBoot();
    }

    @AfterAll
    static void stop() throws Exception {
        if (host != null) {
            host.close();
        }
    }

    @Test
    void theRunningGuestSeesItsAttachedVolumesGrow() throws Exception {
        String id = UUID.randomUUID().toString();
        host.succeeds(Commands.spawn(id, Commands.flavor(1, 0, 0), kernelBoot, false, List.of()));
        try {
            Path raw = host.volumeFile("vol-raw.raw", "NUBOVOLRAW");
            Path qcow2 = host.work.resolve("vol-qcow2.qcow2");
            sh("qemu-img", "convert", "-f", "raw", "-O", "qcow2",
                    host.volumeFile("vol-q.raw", "NUBOVOLQCOW").toString(), qcow2.toString());
            host.awaitConsole(id, "NUBO-TEST-GUEST: ready");
            host.succeeds(new AttachVolume(id, "host-1", "a-raw", "vol-raw", null,
                    new VolumeConnection("file", Map.of("path", raw.toString(), "format", "raw"))));
            host.awaitConsole(id, "hotplug add vdb sectors=16384 head=NUBOVOLRAW");
            host.succeeds(new AttachVolume(id, "host-1", "a-qcow2", "vol-qcow2", null,
                    new VolumeConnection("file", Map.of("path", qcow2.toString(), "format", "qcow2"))));
            host.awaitConsole(id, "hotplug add vdc sectors=16384 head=NUBOVOLQCOW");
            Guest g = host.hypervisor.find(GuestNames.domainName(id)).orElseThrow();

            // raw: block storage grew the file (sparse), the guest's disk follows at the agent's block resize
            try (RandomAccessFile f = new RandomAccessFile(raw.toFile(), "rw")) {
                f.setLength(16 * MIB);
            }
            assertThat(g.diskCapacity("vdb")).as("qemu still has the old size").isEqualTo(8 * MIB);
            host.succeeds(new ExtendVolume(id, "host-1", "e-raw", "vol-raw", 16 * MIB));
            host.awaitConsole(id, "NUBO-TEST-GUEST: resize vdb sectors=32768");
            assertThat(g.diskCapacity("vdb")).isEqualTo(16 * MIB);

            // qcow2: the running qemu holds the write lock, qemu-img may not grow it; qemu's block resize does
            Process resize = new ProcessBuilder("qemu-img", "resize", "-f", "qcow2", qcow2.toString(), "24M")
                    .redirectErrorStream(true).start();
            assertThat(new String(resize.getInputStream().readAllBytes())).contains("Failed to get \"write\" lock");
            resize.waitFor();
            host.succeeds(new ExtendVolume(id, "host-1", "e-qcow2", "vol-qcow2", 24 * MIB));
            String console = host.awaitConsole(id, "NUBO-TEST-GUEST: resize vdc sectors=49152");
            assertThat(g.diskCapacity("vdc")).isEqualTo(24 * MIB);
            assertThat(sh("qemu-img", "info", "-U", "--output=json", qcow2.toString()))
                    .contains("\"virtual-size\": " + 24 * MIB);
            // the other disk was not touched, and the guest printed each change once
            assertThat(console.split("resize vdb ", -1)).hasSize(2);

            // iSCSI (qemu's own initiator on tgt): the LUN made again at the grown file's size, as block storage's
            // iscsi backend does; qemu's block resize then takes the size the target reports
            try (io.nubo.testsupport.IscsiTargetDaemon tgt = io.nubo.testsupport.IscsiTargetDaemon.start()) {
                String iqn = "iqn.2026-12.io.nubo.test:extend-" + id.substring(0, 8);
                String ctl = Integer.toString(tgt.controlPort());
                Path lun = host.volumeFile("vol-iscsi.raw", "NUBOVOLISCSI");
                sh("tgtadm", "-C", ctl, "--lld", "iscsi", "--op", "new", "--mode", "target", "--tid", "1",
                        "--targetname", iqn);
                sh("tgtadm", "-C", ctl, "--lld", "iscsi", "--op", "new", "--mode", "logicalunit", "--tid", "1",
                        "--lun", "1", "--backing-store", lun.toString());
                sh("tgtadm", "-C", ctl, "--lld", "iscsi", "--op", "bind", "--mode", "target", "--tid", "1",
                        "--initiator-address", "ALL");
                host.succeeds(new AttachVolume(id, "host-1", "a-iscsi", "vol-iscsi", null, new VolumeConnection("iscsi",
                        Map.of("target_portal", tgt.portal(), "target_iqn", iqn, "target_lun", "1",
                                "target_discovered", "false"))));
                host.awaitConsole(id, "hotplug add vdd sectors=16384 head=NUBOVOLISCSI");
                try (RandomAccessFile f = new RandomAccessFile(lun.toFile(), "rw")) {
                    f.setLength(32 * MIB);
                }
                InstanceReport stale = host.dispatch(new ExtendVolume(id, "host-1", "e-stale", "vol-iscsi", 32 * MIB));
                assertThat(stale.outcome()).as("the target still reports 8 MiB").isEqualTo(Outcome.FAILED);
                sh("tgtadm", "-C", ctl, "--lld", "iscsi", "--op", "delete", "--mode", "logicalunit", "--tid", "1",
                        "--lun", "1");
                sh("tgtadm", "-C", ctl, "--lld", "iscsi", "--op", "new", "--mode", "logicalunit", "--tid", "1",
                        "--lun", "1", "--backing-store", lun.toString());
                host.succeeds(new ExtendVolume(id, "host-1", "e-iscsi", "vol-iscsi", 32 * MIB));
                host.awaitConsole(id, "NUBO-TEST-GUEST: resize vdd sectors=65536");
                assertThat(g.diskCapacity("vdd")).isEqualTo(32 * MIB);
                host.succeeds(new io.nubo.shared.events.compute.DetachVolume(id, "host-1", "d-iscsi", "vol-iscsi"));
                host.awaitConsole(id, "hotplug remove vdd");
            }

            // a redelivered command finds the size reached; a volume not attached here is a failure
            host.succeeds(new ExtendVolume(id, "host-1", "e-qcow2", "vol-qcow2", 24 * MIB));
            assertThat(g.diskCapacity("vdc")).isEqualTo(24 * MIB);
            InstanceReport absent = host.dispatch(new ExtendVolume(id, "host-1", "e-absent", "vol-nope", 32 * MIB));
            assertThat(absent.outcome()).isEqualTo(Outcome.FAILED);
            assertThat(absent.faultMessage()).contains("vol-nope is not attached");
        } finally {
            host.dispatch(new DeleteInstance(id, "host-1", "del-extend"));
        }
        assertThat(host.hypervisor.find(GuestNames.domainName(id))).isEmpty();
    }
}
