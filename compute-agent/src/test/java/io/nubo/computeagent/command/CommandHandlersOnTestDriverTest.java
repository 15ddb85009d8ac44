package io.nubo.computeagent.command;

import static org.assertj.core.api.Assertions.assertThat;

import io.nubo.computeagent.design.GuestNames;
import io.nubo.computeagent.disk.QemuImg;
import io.nubo.computeagent.domain.DomainDefinition;
import io.nubo.computeagent.host.BootSector;
import io.nubo.computeagent.hypervisor.Guest;
import io.nubo.computeagent.hypervisor.LibvirtHypervisor;
import io.nubo.computeagent.support.AgentFixture;
import io.nubo.computeagent.support.Commands;
import io.nubo.computeagent.support.LocalImageService;
import io.nubo.shared.events.compute.AgentReport;
import io.nubo.shared.events.compute.AttachInterface;
import io.nubo.shared.events.compute.AttachVolume;
import io.nubo.shared.events.compute.ConsoleOutput;
import io.nubo.shared.events.compute.ConsoleOutputRequested;
import io.nubo.shared.events.compute.DeleteInstance;
import io.nubo.shared.events.compute.DetachInterface;
import io.nubo.shared.events.compute.DetachVolume;
import io.nubo.shared.events.compute.ImageSpec;
import io.nubo.shared.events.compute.InstanceReport;
import io.nubo.shared.events.compute.InstanceReport.Outcome;
import io.nubo.shared.events.compute.NicSpec;
import io.nubo.shared.events.compute.PowerAction.Action;
import io.nubo.shared.events.compute.PowerState;
import io.nubo.shared.events.compute.RebuildInstance;
import io.nubo.shared.events.compute.SnapshotInstance;
import io.nubo.shared.events.compute.VolumeConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every command handler against libvirt's test driver ({@code test:///default}: real libvirt, no VM), with real
 * files made by qemu-img, mkfs and genisoimage.
 */
class CommandHandlersOnTestDriverTest {

    @TempDir
    static Path work;
    static LibvirtHypervisor hypervisor;
    static LocalImageService images;
    static AgentFixture agent;
    static ImageSpec bootable;

    @BeforeAll
    static void start() {
        hypervisor = LibvirtHypervisor.open("test:///default");
        images = new LocalImageService();
        byte[] disk = Arrays.copyOf(BootSector.image(), 1 << 20);
        bootable = Commands.image("img-boot", "raw", images.add("img-boot", "raw", disk), Map.of());
        agent = new AgentFixture(hypervisor, "test", work, images);
    }

    @AfterAll
    static void stop() {
        hypervisor.close();
    }

    static String newId() {
        return UUID.randomUUID().toString();
    }

    InstanceReport spawn(String id, ImageSpec image) {
        return (InstanceReport) agent.dispatcher.dispatch(Commands.spawn(id, Commands.flavor(1, 0, 0), image, false,
                List.of()));
    }

    @Test
    void spawnDefinesAndStartsTheGuestWithEveryDisk() {
        String id = newId();
        AgentReport r = agent.dispatcher.dispatch(Commands.spawn(id, Commands.flavor(1, 1, 32), bootable, true,
                List.of(new NicSpec("port-1", "net-1", "fa:16:3e:00:00:01", 1500, List.of(),
                        Map.of("bridge_name", "br-test")))));
        assertThat(r).isInstanceOfSatisfying(InstanceReport.class, ir -> {
            assertThat(ir.outcome()).isEqualTo(Outcome.SUCCEEDED);
            assertThat(ir.operation()).isEqualTo("spawn");
            assertThat(ir.powerState()).isEqualTo(PowerState.RUNNING);
            assertThat(ir.host()).isEqualTo("host-1");
        });
        Guest g = hypervisor.find(GuestNames.domainName(id)).orElseThrow();
        assertThat(g.powerState()).isEqualTo(PowerState.RUNNING);
        DomainDefinition d = g.definition();
        assertThat(d.disks()).extracting(x -> x.targetDev()).containsExactly("vda", "vdb", "vdc", "hdd");
        assertThat(d.interfaces()).singleElement().satisfies(nic -> assertThat(nic.mac()).isEqualTo("fa:16:3e:00:00:01"));
        Path dir = agent.storage.dir(id);
        QemuImg qemuImg = new QemuImg();
        assertThat(qemuImg.info(dir.resolve("disk"))).isEqualTo(new QemuImg.Info("qcow2", 1L << 30));
        assertThat(qemuImg.info(dir.resolve("disk.eph0")).virtualSize()).isEqualTo(1L << 30);
        assertThat(qemuImg.info(dir.resolve("disk.swap")).virtualSize()).isEqualTo(32L << 20);
        assertThat(dir.resolve("disk.config")).isNotEmptyFile();
        assertThat(d.metadata().projectId()).isEqualTo("proj-1");
    }

    @Test
    void aRedeliveredSpawnFindsTheGuestAndDownloadsNothingTwice() {
        String id = newId();
        assertThat(spawn(id, bootable).outcome()).isEqualTo(Outcome.SUCCEEDED);
        int downloads = images.downloads.get();
        InstanceReport again = spawn(id, bootable);
        assertThat(again.outcome()).isEqualTo(Outcome.SUCCEEDED);
        assertThat(again.powerState()).isEqualTo(PowerState.RUNNING);
        assertThat(images.downloads.get()).isEqualTo(downloads);
        assertThat(hypervisor.guests()).filteredOn(g -> g.name().equals(GuestNames.domainName(id))).hasSize(1);
    }

    @Test
    void anImageWithoutBootSignatureFailsAndLeavesNothing() {
        String id = newId();
        ImageSpec blank = Commands.image("img-blank", "raw", images.add("img-blank", "raw", new byte[1 << 20]),
                Map.of());
        InstanceReport r = spawn(id, blank);
        assertThat(r.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(r.faultMessage()).contains("img-blank is not bootable");
        assertThat(r.faultDetails()).contains("DiskException");
        assertThat(hypervisor.find(GuestNames.domainName(id))).isEmpty();
        assertThat(agent.storage.dir(id)).doesNotExist();
    }

    @Test
    void anImageWhoseDataIsNotItsDiskFormatFails() {
        InstanceReport r = spawn(newId(), Commands.image("img-boot", "qcow2", bootable.osHashValue(), Map.of()));
        assertThat(r.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(r.faultMessage()).contains("its data is raw, not qcow2");
    }

    @Test
    void aMissingKernelImageFails() {
        String id = newId();
        InstanceReport r = spawn(id, Commands.image("img-boot", "raw", bootable.osHashValue(),
                Map.of("kernel_id", "no-such-kernel")));
        assertThat(r.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(r.faultMessage()).isEqualTo("the image's kernel image no-such-kernel does not exist");
        assertThat(agent.storage.dir(id)).doesNotExist();
    }

    @Test
    void aCorruptDownloadIsRefused() {
        images.add("img-corrupt", "raw", Arrays.copyOf(BootSector.image(), 4096));
        InstanceReport r = spawn(newId(), Commands.image("img-corrupt", "raw", "00".repeat(64), Map.of()));
        assertThat(r.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(r.faultMessage()).contains("img-corrupt is corrupt");
        assertThat(agent.storage.cache().dir().resolve("img-corrupt")).doesNotExist();
    }

    @Test
    void kernelBootCopiesKernelAndRamdiskIntoTheInstance() {
        images.add("aki-1", "aki", "kernel bytes".getBytes());
        images.add("ari-1", "ari", "ramdisk bytes".getBytes());
        String id = newId();
        InstanceReport r = spawn(id, Commands.image("img-boot", "raw", bootable.osHashValue(),
                Map.of("kernel_id", "aki-1", "ramdisk_id", "ari-1", "os_command_line", "console=ttyS0")));
        assertThat(r.outcome()).isEqualTo(Outcome.SUCCEEDED);
        DomainDefinition d = hypervisor.find(GuestNames.domainName(id)).orElseThrow().definition();
        assertThat(d.os().kernel().kernel()).isEqualTo(agent.storage.dir(id).resolve("kernel").toString());
        assertThat(agent.storage.dir(id).resolve("ramdisk")).hasContent("ramdisk bytes");
    }

    @Test
    void powerActionsWalkThePowerStates() {
        String id = newId();
        spawn(id, bootable);
        assertThat(power(id, Action.STOP)).isEqualTo(PowerState.SHUTDOWN);
        assertThat(power(id, Action.STOP)).as("stopping a stopped guest changes nothing").isEqualTo(PowerState.SHUTDOWN);
        assertThat(power(id, Action.START)).isEqualTo(PowerState.RUNNING);
        assertThat(power(id, Action.PAUSE)).isEqualTo(PowerState.PAUSED);
        assertThat(power(id, Action.UNPAUSE)).isEqualTo(PowerState.RUNNING);
        assertThat(power(id, Action.SUSPEND)).isEqualTo(PowerState.SUSPENDED);
        assertThat(power(id, Action.RESUME)).isEqualTo(PowerState.RUNNING);
        assertThat(power(id, Action.REBOOT_SOFT)).isEqualTo(PowerState.RUNNING);
        assertThat(power(id, Action.REBOOT_HARD)).isEqualTo(PowerState.RUNNING);
    }

    private PowerState power(String id, Action action) {
        InstanceReport r = (InstanceReport) agent.dispatcher.dispatch(Commands.power(id, action, 2));
        assertThat(r.outcome()).as(action + ": " + r.faultMessage()).isEqualTo(Outcome.SUCCEEDED);
        assertThat(r.operation()).isEqualTo(action.operation());
        return r.powerState();
    }

    @Test
    void aPowerActionForAnUnknownInstanceFailsClearly() {
        InstanceReport r = (InstanceReport) agent.dispatcher.dispatch(Commands.power("nope", Action.START, 0));
        assertThat(r.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(r.faultMessage()).isEqualTo("instance nope has no guest on this host");
        assertThat(r.powerState()).isEqualTo(PowerState.NOSTATE);
    }

    @Test
    void deleteRemovesGuestAndFilesAndIsIdempotent() {
        String id = newId();
        spawn(id, bootable);
        DeleteInstance delete = new DeleteInstance(id, "host-1", "req-del");
        InstanceReport r = (InstanceReport) agent.dispatcher.dispatch(delete);
        assertThat(r.outcome()).isEqualTo(Outcome.SUCCEEDED);
        assertThat(r.actionId()).isEqualTo("req-del");
        assertThat(hypervisor.find(GuestNames.domainName(id))).isEmpty();
        assertThat(agent.storage.dir(id)).doesNotExist();
        assertThat(((InstanceReport) agent.dispatcher.dispatch(delete)).outcome()).isEqualTo(Outcome.SUCCEEDED);
        assertThat(agent.storage.cache().dir().resolve("img-boot")).as("the image cache stays").exists();
    }

    @Test
    void anEvacuatedGuestIsDestroyedWithItsFilesOrKeepsThemOnSharedStorage() {
        String id = newId();
        spawn(id, bootable);
        var destroy = new io.nubo.shared.events.compute.DestroyEvacuatedGuest(id, "host-1", "evacuated-m1", true);
        InstanceReport r = (InstanceReport) agent.dispatcher.dispatch(destroy);
        assertThat(r.outcome()).isEqualTo(Outcome.SUCCEEDED);
        assertThat(r.operation()).isEqualTo("destroy_evacuated");
        assertThat(r.actionId()).isEqualTo("evacuated-m1");
        assertThat(hypervisor.find(GuestNames.domainName(id))).isEmpty();
        assertThat(agent.storage.dir(id)).doesNotExist();
        assertThat(((InstanceReport) agent.dispatcher.dispatch(destroy)).outcome()).as("again: nothing left")
                .isEqualTo(Outcome.SUCCEEDED);
        // the instances directory is shared with the host that rebuilt the guest: its files stay
        String shared = newId();
        spawn(shared, bootable);
        agent.dispatcher.dispatch(new io.nubo.shared.events.compute.DestroyEvacuatedGuest(shared, "host-1",
                "evacuated-m2", false));
        assertThat(hypervisor.find(GuestNames.domainName(shared))).isEmpty();
        assertThat(agent.storage.dir(shared)).exists();
        agent.dispatcher.dispatch(new DeleteInstance(shared, "host-1", "req-del"));
    }

    @Test
    void consoleOutputReturnsTheLastLines() throws Exception {
        String id = newId();
        spawn(id, bootable);
        Files.writeString(agent.storage.consoleLog(id), "one\ntwo\nthree\nfour\n");
        ConsoleOutput out = (ConsoleOutput) agent.dispatcher.dispatch(new ConsoleOutputRequested(id, "host-1", "c1", 2));
        // Nova's tail: the last 2 pieces of the log split at newlines (the last one is the empty piece after "four")
        assertThat(out.output()).isEqualTo("four\n");
        assertThat(ConsoleOutputHandler.tail(agent.storage.consoleLog(id), 3).split("\n", -1)).hasSize(3);
        assertThat(out.actionId()).isEqualTo("c1");
        ConsoleOutput all = (ConsoleOutput) agent.dispatcher.dispatch(new ConsoleOutputRequested(id, "host-1", "c2", 0));
        assertThat(all.output()).isEqualTo("one\ntwo\nthree\nfour\n");
        ConsoleOutput none = (ConsoleOutput) agent.dispatcher.dispatch(
                new ConsoleOutputRequested(newId(), "host-1", "c3", 10));
        assertThat(none.error()).contains("has no console on this host");
    }

    @Test
    void consoleOutputIsAtMost100KiB() throws Exception {
        Path log = work.resolve("big.log");
        Files.writeString(log, "x".repeat(300 * 1024));
        assertThat(ConsoleOutputHandler.tail(log, 0)).hasSize(100 * 1024);
    }

    @Test
    void snapshotUploadsTheRootDiskInTheAskedFormat() throws Exception {
        String id = newId();
        spawn(id, bootable);
        InstanceReport r = (InstanceReport) agent.dispatcher.dispatch(new SnapshotInstance(id, "host-1", "s1",
                "snap-1", "qcow2", "user-token"));
        assertThat(r.outcome()).as(String.valueOf(r.faultMessage())).isEqualTo(Outcome.SUCCEEDED);
        assertThat(images.tokens).containsEntry("snap-1", "user-token");
        Path uploaded = work.resolve("snap-1.qcow2");
        Files.write(uploaded, images.uploads.get("snap-1"));
        assertThat(new QemuImg().info(uploaded).format()).isEqualTo("qcow2");
        assertThat(Files.list(agent.storage.dir(id)).map(p -> p.getFileName().toString()))
                .noneMatch(n -> n.startsWith("snapshot-"));
        InstanceReport bad = (InstanceReport) agent.dispatcher.dispatch(new SnapshotInstance(id, "host-1", "s2",
                "snap-2", "floppy"));
        assertThat(bad.faultMessage()).contains("cannot snapshot to disk format floppy");
        assertThat(images.deleted).as("a failed snapshot deletes its image").containsExactly("snap-2");
        assertThat(images.tokens).containsEntry("snap-2", "-");
    }

    @Test
    void rebuildGivesAFreshRootAndBootsAgain() throws Exception {
        String id = newId();
        spawn(id, bootable);
        Path root = agent.storage.rootDisk(id);
        Files.setLastModifiedTime(root, java.nio.file.attribute.FileTime.fromMillis(0));
        InstanceReport r = (InstanceReport) agent.dispatcher.dispatch(new RebuildInstance(id, "host-1", "rb",
                bootable, Commands.flavor(1, 0, 0), "rebuilt", Map.of(), null));
        assertThat(r.outcome()).as(String.valueOf(r.faultMessage())).isEqualTo(Outcome.SUCCEEDED);
        assertThat(r.powerState()).isEqualTo(PowerState.RUNNING);
        assertThat(Files.getLastModifiedTime(root).toMillis()).isGreaterThan(0);
        assertThat(hypervisor.find(GuestNames.domainName(id)).orElseThrow().definition().metadata().displayName())
                .isEqualTo("rebuilt");
        assertThat(hypervisor.find(GuestNames.domainName(id)).orElseThrow().active()).isTrue();
    }

    @Test
    void rebuildOfAStoppedServerLeavesTheGuestShutOff() throws Exception {
        String id = newId();
        spawn(id, bootable);
        hypervisor.find(GuestNames.domainName(id)).orElseThrow().destroy();
        InstanceReport r = (InstanceReport) agent.dispatcher.dispatch(new RebuildInstance(id, "host-1", "rb2",
                bootable, Commands.flavor(1, 0, 0), "rebuilt", Map.of(), false));
        assertThat(r.outcome()).as(String.valueOf(r.faultMessage())).isEqualTo(Outcome.SUCCEEDED);
        assertThat(r.powerState()).isEqualTo(PowerState.SHUTDOWN);
        assertThat(hypervisor.find(GuestNames.domainName(id)).orElseThrow().active()).isFalse();
    }

    /**
     * libvirt's test driver has no device hot-plug: the handlers must say so in the fault (the success paths run on
     * qemu:///system in {@code RealGuestTest}); detaching what is not attached succeeds without asking libvirt.
     */
    @Test
    void hotPlugIsAFaultOnTheTestDriverAndDetachOfNothingSucceeds() throws Exception {
        String id = newId();
        spawn(id, bootable);
        Path volume = work.resolve("vol-1.raw");
        Files.write(volume, new byte[1 << 20]);
        InstanceReport attach = (InstanceReport) agent.dispatcher.dispatch(new AttachVolume(id, "host-1", "a1",
                "vol-1", null, new VolumeConnection("file", Map.of("device_path", volume.toString()))));
        assertThat(attach.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(attach.faultMessage()).contains("not supported by the connection driver");
        assertThat(attach.powerState()).isEqualTo(PowerState.RUNNING);
        NicSpec port = new NicSpec("port-9", "net-9", "fa:16:3e:00:00:09", 0, List.of(),
                Map.of("bridge_name", "br-test"));
        InstanceReport nic = (InstanceReport) agent.dispatcher.dispatch(new AttachInterface(id, "host-1", "i1", port));
        assertThat(nic.faultMessage()).contains("not supported by the connection driver");
        assertThat(((InstanceReport) agent.dispatcher.dispatch(new DetachVolume(id, "host-1", "d1", "vol-1")))
                .outcome()).isEqualTo(Outcome.SUCCEEDED);
        assertThat(((InstanceReport) agent.dispatcher.dispatch(new DetachInterface(id, "host-1", "i2", "port-9")))
                .outcome()).isEqualTo(Outcome.SUCCEEDED);
        InstanceReport unbound = (InstanceReport) agent.dispatcher.dispatch(new AttachInterface(id, "host-1", "i3",
                new NicSpec("port-0", "net-0", "fa:16:3e:00:00:10", 0, List.of(), Map.of())));
        assertThat(unbound.faultMessage()).isEqualTo("port port-0 has no bridge in its binding");
    }

    @Test
    void volumeConnectionsBecomeDisks() {
        var iscsi = VolumeDisks.disk("vol-3", new VolumeConnection("iscsi", Map.of("target_portal", "127.0.0.1:3260",
                "target_iqn", "iqn.2026-12.io.nubo:vol-3", "target_lun", "1")), "vdc");
        assertThat(iscsi.source()).isEqualTo(new io.nubo.computeagent.domain.DiskDevice.NetworkSource("iscsi",
                "iqn.2026-12.io.nubo:vol-3/1", List.of(new io.nubo.computeagent.domain.DiskDevice.Host("127.0.0.1",
                "3260")), null));
        var rbdPlan = VolumeDisks.plan("vol-4", new VolumeConnection("rbd", Map.of("name", "volumes/volume-4",
                "hosts", "10.0.0.1,10.0.0.2", "ports", "6789,6789", "auth_username", "cinder",
                "secret_uuid", "0d4e8a5e-7f1b-4d1c-9d55-5a0b4c1e2f3a")), "vdd");
        var rbd = rbdPlan.disk();
        assertThat(rbd.serial()).isEqualTo("vol-4");
        assertThat(((io.nubo.computeagent.domain.DiskDevice.NetworkSource) rbd.source()).auth().username())
                .isEqualTo("cinder");
        // block storage's file backend: the path and the format it chose
        var file = VolumeDisks.plan("vol-7", new VolumeConnection("file", Map.of("path", "/v/volume-7",
                "format", "qcow2", "access_mode", "ro")), "vdb");
        assertThat(file.disk()).isEqualTo(new io.nubo.computeagent.domain.DiskDevice(
                io.nubo.computeagent.domain.DiskDevice.Kind.DISK, "qcow2", "none",
                new io.nubo.computeagent.domain.DiskDevice.FileSource("/v/volume-7"), "vdb", "virtio", true, "vol-7"));
        assertThat(file.secret()).isNull();
        // CHAP: a secret of the volume's own, named in <auth>
        var chap = VolumeDisks.plan("vol-8", new VolumeConnection("iscsi", Map.of("target_portal", "127.0.0.1:3260",
                "target_iqn", "iqn.x:vol-8", "target_lun", "1", "auth_method", "CHAP", "auth_username", "vol-8",
                "auth_password", "s3cret")), "vdb");
        assertThat(chap.secret().uuid()).isEqualTo(VolumeDisks.chapSecretUuid("vol-8"));
        assertThat(chap.secret().usage()).isEqualTo(io.nubo.computeagent.domain.SecretDefinition.Usage.ISCSI);
        assertThat(new String(chap.secretValue(), java.nio.charset.StandardCharsets.UTF_8)).isEqualTo("s3cret");
        assertThat(((io.nubo.computeagent.domain.DiskDevice.NetworkSource) chap.disk().source()).auth())
                .isEqualTo(new io.nubo.computeagent.domain.DiskDevice.Auth("vol-8", "iscsi", chap.secret().uuid()));
        // cephx: the key from the keyring Cinder's RBD driver sends, under the uuid it names
        var cephx = VolumeDisks.plan("vol-9", new VolumeConnection("rbd", Map.of("name", "volumes/volume-9",
                "hosts", "127.0.0.1", "ports", "6789", "auth_username", "admin", "secret_uuid",
                "0d4e8a5e-7f1b-4d1c-9d55-5a0b4c1e2f3a", "keyring", "[client.admin]\n\tkey = AQIDBAUGBwgJCgsMDQ4PEBESExQVFhcYGRobHA==\n")), "vdc");
        assertThat(cephx.secret().uuid()).isEqualTo("0d4e8a5e-7f1b-4d1c-9d55-5a0b4c1e2f3a");
        assertThat(java.util.Base64.getEncoder().encodeToString(cephx.secretValue())).isEqualTo("AQIDBAUGBwgJCgsMDQ4PEBESExQVFhcYGRobHA==");
        assertThat(rbdPlan.secret()).isNull();
        // the device name is a hint: one the guest uses already gives way to the next free one
        String gid = newId();
        assertThat(spawn(gid, bootable).outcome()).isEqualTo(Outcome.SUCCEEDED);
        var def = hypervisor.find(io.nubo.computeagent.design.GuestNames.domainName(gid)).orElseThrow().definition();
        assertThat(VolumeDisks.target("/dev/vda", def)).isEqualTo("vdb");
        assertThat(VolumeDisks.target("/dev/vdk", def)).isEqualTo("vdk");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> VolumeDisks.disk("vol-5",
                new VolumeConnection("fibre_channel", Map.of()), "vde")).hasMessageContaining("not supported");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> VolumeDisks.disk("vol-6",
                new VolumeConnection("iscsi", Map.of()), "vde")).hasMessageContaining("no target_portal");
    }

    @Test
    void libvirtdNotAnsweringIsAFaultThatSaysSo() {
        try (LibvirtHypervisor down = new LibvirtHypervisor("qemu+unix:///system?socket=" + work.resolve("no-sock"),
                new io.nubo.shared.nativecall.NativeStackExecutor("t", 1, 16 << 20))) {
            AgentFixture offline = new AgentFixture(down, "qemu", work.resolve("offline"), images);
            InstanceReport r = (InstanceReport) offline.dispatcher.dispatch(Commands.spawn(newId(),
                    Commands.flavor(1, 0, 0), bootable, false, List.of()));
            assertThat(r.outcome()).isEqualTo(Outcome.FAILED);
            assertThat(r.faultMessage()).startsWith("libvirtd on host host-1 does not answer");
            assertThat(down.alive()).isFalse();
        }
    }
}
