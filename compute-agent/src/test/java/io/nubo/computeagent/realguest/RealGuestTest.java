package io.nubo.computeagent.realguest;

import static io.nubo.computeagent.realguest.RealGuestHost.sh;
import static org.assertj.core.api.Assertions.assertThat;

import io.nubo.computeagent.design.GuestNames;
import io.nubo.computeagent.host.VirtTypeProbe;
import io.nubo.computeagent.hypervisor.Guest;
import io.nubo.computeagent.hypervisor.LifecycleEvent;
import io.nubo.computeagent.support.Commands;
import io.nubo.shared.events.compute.AttachVolume;
import io.nubo.shared.events.compute.DeleteInstance;
import io.nubo.shared.events.compute.DetachVolume;
import io.nubo.shared.events.compute.ImageSpec;
import io.nubo.shared.events.compute.InstanceReport;
import io.nubo.shared.events.compute.InstanceReport.Outcome;
import io.nubo.shared.events.compute.NicSpec;
import io.nubo.shared.events.compute.PowerAction.Action;
import io.nubo.shared.events.compute.PowerState;
import io.nubo.shared.events.compute.SpawnInstance;
import io.nubo.shared.events.compute.VolumeConnection;
import io.nubo.testsupport.LibvirtTestHost;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Real guests under {@code qemu:///system} (software emulation here): Nubo's test guest booted by kernel+initrd,
 * from a qcow2 disk and from an ISO, with ephemeral, swap, config drive and a NIC, each device read back from the
 * guest's own console log; power actions, hot-plug and lifecycle events on a running guest; nothing left after
 * delete. Few tests, several guests each, so the class runs in about a minute on 2 cores.
 */
@org.junit.jupiter.api.Tag("integration")
class RealGuestTest {

    static RealGuestHost host;
    static String bridge;
    static ImageSpec kernelBoot;
    static ImageSpec qcow2;
    static ImageSpec iso;
    static final LinkedBlockingQueue<LifecycleEvent> events = new LinkedBlockingQueue<>();

    @BeforeAll
    static void start() throws Exception {
        host = RealGuestHost.open("nubo-agent-test");
        host.hypervisor.onLifecycle(events::add);
        bridge = "nubotest" + UUID.randomUUID().toString().substring(0, 4);
        sh("ip", "link", "add", "name", bridge, "type", "bridge");
        sh("ip", "link", "set", bridge, "up");
        qcow2 = host.qcow2();
        kernelBoot = host.kernelBoot();
        assertThat(host.images.show("aki-test").hashValue()).isNotEqualTo(host.images.show("ari-test").hashValue());
        iso = Commands.image("img-iso", "iso", host.images.add("img-iso", "iso",
                host.guestDir.resolve("test-guest.iso")), Map.of());
    }

    @AfterAll
    static void stop() throws Exception {
        try {
            if (host != null) {
                host.close();
            }
        } finally {
            if (bridge != null) {
                sh("ip", "link", "del", bridge);
            }
        }
    }

    @Test
    void bootsByKernelFromQcow2AndFromIsoAndSeesEveryDevice() throws Exception {
        String byKernel = UUID.randomUUID().toString();
        String fromDisk = UUID.randomUUID().toString();
        String fromIso = UUID.randomUUID().toString();
        NicSpec nic = new NicSpec("port-" + byKernel.substring(0, 8), "net-1", "fa:16:3e:12:34:56", 1500, List.of(),
                Map.of("bridge_name", bridge));
        List<SpawnInstance> spawns = List.of(
                Commands.spawn(byKernel, Commands.flavor(1, 1, 64), kernelBoot, true, List.of(nic)),
                Commands.spawn(fromDisk, Commands.flavor(1, 0, 0), qcow2, true, List.of()),
                Commands.spawn(fromIso, Commands.flavor(0, 0, 0), iso, true, List.of()));
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            List<Future<InstanceReport>> reports = spawns.stream()
                    .map(s -> pool.submit(() -> host.dispatch(s))).toList();
            for (Future<InstanceReport> f : reports) {
                InstanceReport r = f.get(120, TimeUnit.SECONDS);
                assertThat(r.outcome()).as(r.instanceId() + ": " + r.faultMessage()).isEqualTo(Outcome.SUCCEEDED);
                assertThat(r.powerState()).isEqualTo(PowerState.RUNNING);
            }
        } finally {
            pool.shutdown();
        }
        String kernelLog = host.awaitConsole(byKernel, "NUBO-TEST-GUEST: ready");
        assertThat(kernelLog).contains("block vda ").containsPattern("block vdb sectors=2097152 type=ext4 "
                + "label=ephemeral0").containsPattern("block vdc sectors=131072 type=swap")
                .containsPattern("block sr0 .*type=iso9660 label=config-2")
                .contains("nic eth0 mac=fa:16:3e:12:34:56")
                .contains("config-drive /dev/sr0 uuid=" + byKernel);
        assertThat(host.awaitConsole(fromDisk, "NUBO-TEST-GUEST: ready")).contains("block vda ")
                .contains("config-drive /dev/sr0 uuid=" + fromDisk);
        String isoLog = host.awaitConsole(fromIso, "NUBO-TEST-GUEST: ready");
        assertThat(isoLog).contains("uuid=" + fromIso).containsPattern("block sr0 .*type=iso9660")
                .containsPattern("block sr1 .*type=iso9660 label=config-2");

        for (String id : List.of(byKernel, fromDisk, fromIso)) {
            InstanceReport r = host.dispatch(new DeleteInstance(id, "host-1", "del"));
            assertThat(r.outcome()).isEqualTo(Outcome.SUCCEEDED);
            assertThat(host.hypervisor.find(GuestNames.domainName(id))).as("no domain after delete").isEmpty();
            assertThat(host.agent.storage.dir(id)).as("no files after delete").doesNotExist();
        }
    }

    @Test
    void powerActionsHotPlugAndLifecycleEventsOnARunningGuest() throws Exception {
        String id = UUID.randomUUID().toString();
        String name = GuestNames.domainName(id);
        host.succeeds(Commands.spawn(id, Commands.flavor(1, 0, 0), kernelBoot, false, List.of()));
        host.awaitConsole(id, "NUBO-TEST-GUEST: ready");

        // a clean stop: the guest's acpid powers it off on the ACPI power button, well within the timeout
        long t0 = System.nanoTime();
        assertThat(power(id, Action.STOP, 60)).isEqualTo(PowerState.SHUTDOWN);
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(30));
        assertThat(Files.readString(host.agent.storage.consoleLog(id))).contains("NUBO-TEST-GUEST: power button");
        assertThat(power(id, Action.START, 0)).isEqualTo(PowerState.RUNNING);
        host.awaitConsole(id, "NUBO-TEST-GUEST: ready");

        Path volume = host.work.resolve("vol-hot.raw");
        Files.write(volume, new byte[8 << 20]);
        host.succeeds(new AttachVolume(id, "host-1", "a", "vol-hot",
                "/dev/vdc", new VolumeConnection("file", Map.of("path", volume.toString()))));
        Guest g = host.hypervisor.find(name).orElseThrow();
        assertThat(g.definition().disks()).anyMatch(d -> "vol-hot".equals(d.serial()) && "vdc".equals(d.targetDev()));
        host.succeeds(new DetachVolume(id, "host-1", "d", "vol-hot"));

        // a guest that stops behind the agent's back is seen through libvirt's lifecycle events
        events.clear();
        sh("virsh", "-c", LibvirtTestHost.URI, "destroy", name);
        LifecycleEvent e;
        do {
            e = events.poll(5, TimeUnit.SECONDS);
            assertThat(e).as("a lifecycle event for " + name).isNotNull();
        } while (!e.guestName().equals(name));
        assertThat(e.powerState()).isEqualTo(PowerState.SHUTDOWN);

        assertThat(power(id, Action.REBOOT_HARD, 0)).isEqualTo(PowerState.RUNNING);
        host.dispatch(new DeleteInstance(id, "host-1", "del"));
        assertThat(host.hypervisor.find(name)).isEmpty();
        assertThat(host.agent.storage.dir(id)).doesNotExist();
    }

    /**
     * Block storage's three kinds of connection on a running guest: a raw and a qcow2 file, and an iSCSI LUN of a
     * real tgtd reached by qemu's own initiator with CHAP (the secret defined through libvirt), each hot-plugged
     * as the next virtio disk; the guest prints the new disk with the first bytes written to the volume, and its
     * removal after detach. Nothing is left: no disk, no secret.
     */
    @Test
    void volumesOnFileAndIscsiHotPlugAndTheGuestReadsTheirBytes() throws Exception {
        String id = UUID.randomUUID().toString();
        String name = GuestNames.domainName(id);
        host.succeeds(Commands.spawn(id, Commands.flavor(1, 0, 0), kernelBoot, false, List.of()));
        // plugged and unplugged while the guest still boots: it ignores the first unplug request, the agent asks again
        plug(id, "vol-early", new VolumeConnection("file", Map.of("path", host.volumeFile("vol-early.raw", "EARLY")
                .toString(), "format", "raw")));
        host.succeeds(new DetachVolume(id, "host-1", "d-early", "vol-early"));
        assertThat(host.hypervisor.find(name).orElseThrow().definition().disks()).noneMatch(d -> d.serial() != null);
        host.awaitConsole(id, "NUBO-TEST-GUEST: ready");
        // the guest compares disk names once a second: let it see the early disk gone before the next vdb comes
        Thread.sleep(2500);

        Path raw = host.volumeFile("vol-raw.raw", "NUBOVOLRAW");
        Path qcow2 = host.work.resolve("vol-qcow2.qcow2");
        sh("qemu-img", "convert", "-f", "raw", "-O", "qcow2", host.volumeFile("vol-q.raw", "NUBOVOLQCOW").toString(),
                qcow2.toString());
        plug(id, "vol-raw", new VolumeConnection("file", Map.of("path", raw.toString(), "format", "raw")));
        host.awaitConsole(id, "hotplug add vdb sectors=16384 head=NUBOVOLRAW");
        plug(id, "vol-qcow2", new VolumeConnection("file", Map.of("path", qcow2.toString(), "format", "qcow2")));
        host.awaitConsole(id, "hotplug add vdc sectors=16384 head=NUBOVOLQCOW");

        try (io.nubo.testsupport.IscsiTargetDaemon tgt = io.nubo.testsupport.IscsiTargetDaemon.start()) {
            String iqn = "iqn.2026-12.io.nubo.test:" + id.substring(0, 8);
            String password = UUID.randomUUID().toString().substring(0, 16);
            String c = Integer.toString(tgt.controlPort());
            Path lun = host.volumeFile("vol-iscsi.raw", "NUBOVOLISCSI");
            sh("tgtadm", "-C", c, "--lld", "iscsi", "--op", "new", "--mode", "target", "--tid", "1", "--targetname", iqn);
            sh("tgtadm", "-C", c, "--lld", "iscsi", "--op", "new", "--mode", "logicalunit", "--tid", "1", "--lun", "1",
                    "--backing-store", lun.toString());
            sh("tgtadm", "-C", c, "--lld", "iscsi", "--op", "new", "--mode", "account", "--user", "vol-iscsi",
                    "--password", password);
            sh("tgtadm", "-C", c, "--lld", "iscsi", "--op", "bind", "--mode", "account", "--tid", "1", "--user",
                    "vol-iscsi");
            sh("tgtadm", "-C", c, "--lld", "iscsi", "--op", "bind", "--mode", "target", "--tid", "1",
                    "--initiator-address", "ALL");
            // what block storage's iscsi backend answers to os-initialize_connection
            Map<String, String> data = Map.of("target_portal", tgt.portal(), "target_iqn", iqn, "target_lun", "1",
                    "target_discovered", "false", "auth_method", "CHAP", "auth_username", "vol-iscsi");
            InstanceReport wrong = host.dispatch(new AttachVolume(id, "host-1", "bad",
                    "vol-iscsi", null, new VolumeConnection("iscsi", withEntry(data, "auth_password", "wrong"))));
            assertThat(wrong.outcome()).isEqualTo(Outcome.FAILED);
            assertThat(host.hypervisor.hasSecret(io.nubo.computeagent.command.VolumeDisks.chapSecretUuid("vol-iscsi")))
                    .as("the secret of a failed plug is removed").isFalse();
            plug(id, "vol-iscsi", new VolumeConnection("iscsi", withEntry(data, "auth_password", password)));
            host.awaitConsole(id, "hotplug add vdd sectors=16384 head=NUBOVOLISCSI");
            String secret = io.nubo.computeagent.command.VolumeDisks.chapSecretUuid("vol-iscsi");
            assertThat(host.hypervisor.hasSecret(secret)).isTrue();

            for (String[] v : new String[][] {{"vol-raw", "vdb"}, {"vol-qcow2", "vdc"}, {"vol-iscsi", "vdd"}}) {
                host.succeeds(new DetachVolume(id, "host-1", "d-" + v[0], v[0]));
                host.awaitConsole(id, "hotplug remove " + v[1]);
            }
            Guest g = host.hypervisor.find(name).orElseThrow();
            assertThat(g.definition().disks()).noneMatch(d -> d.serial() != null);
            assertThat(host.hypervisor.hasSecret(secret)).isFalse();
        } finally {
            host.dispatch(new DeleteInstance(id, "host-1", "del-volumes"));
        }
        assertThat(host.hypervisor.find(name)).isEmpty();
    }

    /**
     * An RBD image of a real single-node Ceph, reached by qemu's RBD driver with the cephx key that came in the
     * connection (a keyring, as block storage sends it with {@code keyring-conf}): the agent defines the libvirt
     * secret under the uuid block storage names, the guest reads the image's first bytes, and detach unplugs it.
     */
    @Test
    void anRbdVolumeHotPlugsWithItsCephxSecretAndTheGuestReadsItsBytes() throws Exception {
        try (io.nubo.testsupport.SingleNodeCeph ceph = io.nubo.testsupport.SingleNodeCeph.start("volumes")) {
            String id = UUID.randomUUID().toString();
            host.succeeds(Commands.spawn(id, Commands.flavor(1, 0, 0), kernelBoot, false, List.of()));
            String image = "volume-" + id.substring(0, 8);
            sh("rbd", "-c", ceph.conf(), "import", host.volumeFile("vol-rbd.raw", "NUBOVOLRBD").toString(),
                    "volumes/" + image);
            String conf = Files.readString(Path.of(ceph.conf()));
            java.util.regex.Matcher mon = java.util.regex.Pattern.compile("mon host = v2:([0-9.]+):([0-9]+)")
                    .matcher(conf);
            assertThat(mon.find()).as(conf).isTrue();
            String secretUuid = UUID.randomUUID().toString();
            Map<String, String> data = Map.of("name", "volumes/" + image, "hosts", mon.group(1), "ports", mon.group(2),
                    "auth_enabled", "true", "auth_username", "admin", "secret_type", "ceph", "secret_uuid", secretUuid,
                    "keyring", Files.readString(Path.of(ceph.conf()).resolveSibling("client.admin.keyring")));
            host.awaitConsole(id, "NUBO-TEST-GUEST: ready");
            try {
                plug(id, "vol-rbd", new VolumeConnection("rbd", data));
                host.awaitConsole(id, "hotplug add vdb sectors=16384 head=NUBOVOLRBD");
                assertThat(host.hypervisor.hasSecret(secretUuid)).isTrue();
                host.succeeds(new DetachVolume(id, "host-1", "d-rbd", "vol-rbd"));
                host.awaitConsole(id, "hotplug remove vdb");
            } finally {
                host.dispatch(new DeleteInstance(id, "host-1", "del-rbd"));
                // the cephx secret is the cluster's, shared by its volumes: the host keeps it, this test removes it
                host.hypervisor.undefineSecret(secretUuid);
            }
        }
    }

    /**
     * Boot from volume: the test guest's disk converted to a raw volume file is the root disk ({@code vda}, boot
     * index 0, no image), a second volume is {@code vdb}; the guest boots from the volume and sees both. Deleting
     * the guest leaves the volumes' files (they are block storage's), and nothing of the guest.
     */
    @Test
    void bootsFromARootVolumeWithASecondVolumeBeside() throws Exception {
        String id = UUID.randomUUID().toString();
        Path root = host.work.resolve("vol-root-" + id.substring(0, 8) + ".raw");
        sh("qemu-img", "convert", "-f", "qcow2", "-O", "raw", host.guestDir.resolve("test-guest.qcow2").toString(),
                root.toString());
        Path data = host.volumeFile("vol-data-" + id.substring(0, 8) + ".raw", "NUBOVOLDATA");
        host.succeeds(Commands.spawnFromVolume(id,
                Commands.flavor(0, 0, 0), List.of(
                        new io.nubo.shared.events.compute.BlockDeviceSpec("vol-root", "/dev/vda", 0, true,
                                new VolumeConnection("file", Map.of("path", root.toString(), "format", "raw"))),
                        new io.nubo.shared.events.compute.BlockDeviceSpec("vol-data", "/dev/vdb", -1, false,
                                new VolumeConnection("file", Map.of("path", data.toString(), "format", "raw"))))));
        Guest g = host.hypervisor.find(GuestNames.domainName(id)).orElseThrow();
        assertThat(g.definition().disks()).extracting(d -> d.targetDev() + "=" + d.serial())
                .containsExactly("vda=vol-root", "vdb=vol-data");
        assertThat(g.definition().disks().get(0).source()).isEqualTo(
                new io.nubo.computeagent.domain.DiskDevice.FileSource(root.toString()));
        String console = host.awaitConsole(id, "NUBO-TEST-GUEST: ready");
        assertThat(console).contains("block vda ").containsPattern("block vdb sectors=16384 ");
        InstanceReport deleted = host.dispatch(new DeleteInstance(id, "host-1", "del"));
        assertThat(deleted.outcome()).isEqualTo(Outcome.SUCCEEDED);
        assertThat(host.hypervisor.find(GuestNames.domainName(id))).isEmpty();
        assertThat(host.agent.storage.dir(id)).doesNotExist();
        assertThat(root).exists();
        assertThat(data).exists();
    }

    private static void plug(String id, String volumeId, VolumeConnection connection) {
        host.succeeds(new AttachVolume(id, "host-1", "a-" + volumeId, volumeId, null, connection));
    }

    private static Map<String, String> withEntry(Map<String, String> m, String key, String value) {
        Map<String, String> out = new java.util.HashMap<>(m);
        out.put(key, value);
        return out;
    }

    @Test
    void theProbeRespectsTheOperatorAndLeavesNoGuest() {
        VirtTypeProbe probe = new VirtTypeProbe(host.hypervisor, host.work, Duration.ofSeconds(5));
        assertThat(probe.choose("qemu")).isEqualTo("qemu");
        assertThat(probe.choose("auto")).isIn("kvm", "qemu");
        assertThat(host.hypervisor.find("probe-nubo-kvm")).isEmpty();
    }

    private static PowerState power(String id, Action action, int timeout) {
        return host.succeeds(Commands.power(id, action, timeout)).powerState();
    }

}
