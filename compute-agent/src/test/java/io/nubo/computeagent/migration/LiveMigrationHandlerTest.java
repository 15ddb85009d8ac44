package io.nubo.computeagent.migration;

import static org.assertj.core.api.Assertions.assertThat;

import io.nubo.computeagent.command.CommandDispatcher;
import io.nubo.computeagent.design.GuestNames;
import io.nubo.computeagent.disk.QemuImg;
import io.nubo.computeagent.domain.DiskDevice;
import io.nubo.computeagent.domain.DomainDefinition;
import io.nubo.computeagent.domain.OsBoot;
import io.nubo.computeagent.domain.SerialConsole;
import io.nubo.computeagent.host.BootSector;
import io.nubo.computeagent.hypervisor.LibvirtHypervisor;
import io.nubo.computeagent.support.AgentFixture;
import io.nubo.computeagent.support.Commands;
import io.nubo.computeagent.support.LocalImageService;
import io.nubo.shared.events.compute.ImageSpec;
import io.nubo.shared.events.compute.InstanceReport;
import io.nubo.shared.events.compute.InstanceReport.Outcome;
import io.nubo.shared.events.compute.LiveMigrateInstance;
import io.nubo.shared.events.compute.MigrationDestination;
import io.nubo.shared.events.compute.MigrationProgress;
import io.nubo.shared.events.compute.PowerState;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The source side of a live migration on libvirt's test driver (real libvirt, no VM; it cannot migrate): the
 * destination's files laid out and removed again when the move fails, the guest still running, the refusals
 * before anything moves. The move itself runs between two real hosts in {@link LiveMigrationTest}.
 */
class LiveMigrationHandlerTest {

    @TempDir
    static Path work;
    static LibvirtHypervisor hypervisor;
    static AgentFixture agent;
    static ImageSpec bootable;
    static final List<MigrationProgress> progress = new CopyOnWriteArrayList<>();
    static CommandDispatcher migrations;

    @BeforeAll
    static void start() {
        hypervisor = LibvirtHypervisor.open("test:///default");
        LocalImageService images = new LocalImageService();
        byte[] disk = Arrays.copyOf(BootSector.image(), 1 << 20);
        bootable = Commands.image("img-boot", "raw", images.add("img-boot", "raw", disk), Map.of());
        agent = new AgentFixture(hypervisor, "test", work.resolve("one"), images);
        migrations = new CommandDispatcher(List.of(new LiveMigrationHandler(hypervisor, agent.storage, new QemuImg(),
                agent.reports, progress::add, Duration.ofMillis(100))), hypervisor, agent.reports);
    }

    @AfterAll
    static void stop() {
        hypervisor.close();
    }

    @Test
    void theDestinationXmlHasEveryFileInTheDestinationsInstanceDirectoryAndKeepsTheDeviceAddresses() {
        Path src = Path.of("/a/instances/i-1");
        Path dst = Path.of("/b/instances/i-1");
        String migratable = """
                <domain type='qemu'>
                  <name>nubo-i-1</name>
                  <os><type arch='x86_64' machine='pc'>hvm</type><kernel>/a/instances/i-1/kernel</kernel>\
                <initrd>/a/instances/i-1/ramdisk</initrd><cmdline>console=ttyS0</cmdline></os>
                  <devices>
                    <disk type='file' device='disk'>
                      <driver name='qemu' type='qcow2' cache='none'/>
                      <source file='/a/instances/i-1/disk'/>
                      <backingStore type='file'><format type='qcow2'/><source file='/a/instances/_base/img'/>\
                </backingStore>
                      <target dev='vda' bus='virtio'/>
                      <address type='pci' domain='0x0000' bus='0x00' slot='0x03' function='0x0'/>
                    </disk>
                    <disk type='file' device='disk'>
                      <driver name='qemu' type='qcow2' cache='none'/>
                      <source file='/srv/volumes/volume-1.qcow2'/>
                      <backingStore/>
                      <target dev='vdb' bus='virtio'/>
                      <serial>vol-1</serial>
                      <address type='pci' domain='0x0000' bus='0x00' slot='0x06' function='0x0'/>
                    </disk>
                    <serial type='pty'><log file='/a/instances/i-1/console.log' append='off'/>\
                <target port='0'/></serial>
                  </devices>
                </domain>
                """;
        DestinationLayout layout = new DestinationLayout(src, dst);
        String there = layout.xml(migratable);
        assertThat(there).contains("<kernel>" + dst + "/kernel</kernel>", "<initrd>" + dst + "/ramdisk</initrd>",
                "<source file=\"" + dst + "/disk\"/>", "<log append=\"off\" file=\"" + dst + "/console.log\"/>");
        assertThat(there).as("a volume stays where it is, with its backing store and its PCI slot")
                .contains("<source file=\"/srv/volumes/volume-1.qcow2\"/>", "<backingStore/>", "slot=\"0x06\"")
                .contains("slot=\"0x03\"");
        assertThat(there).as("the copied disk is standalone on the destination").doesNotContain("_base")
                .doesNotContain("/a/instances/i-1");
        DomainDefinition parsed = new io.nubo.computeagent.domain.DomainXmlParser().domain(there);
        assertThat(layout.localDisks(parsed)).isEmpty();
        assertThat(new DestinationLayout(dst, src).localDisks(parsed)).extracting(DiskDevice::targetDev)
                .containsExactly("vda");
    }

    @Test
    void onlyFileVolumesWithoutHostCachingAreVouchedForAsReachedFromBothHosts() {
        Path src = Path.of("/a/instances/i-1");
        DiskDevice root = new DiskDevice(DiskDevice.Kind.DISK, "qcow2", "none", new DiskDevice.FileSource(src
                + "/disk"), "vda", "virtio", false, null);
        DiskDevice fileVolume = new DiskDevice(DiskDevice.Kind.DISK, "qcow2", "none",
                new DiskDevice.FileSource("/srv/volumes/volume-1.qcow2"), "vdb", "virtio", false, "vol-1");
        DiskDevice iscsi = new DiskDevice(DiskDevice.Kind.DISK, "raw", "none", new DiskDevice.NetworkSource("iscsi",
                "iqn.x/1", List.of(new DiskDevice.Host("127.0.0.1", "3260")), null), "vdc", "virtio", false, "vol-2");
        DiskDevice cached = new DiskDevice(DiskDevice.Kind.DISK, "raw", "writeback",
                new DiskDevice.FileSource("/srv/volumes/volume-3"), "vdd", "virtio", false, "vol-3");
        DiskDevice stray = new DiskDevice(DiskDevice.Kind.DISK, "raw", "none", new DiskDevice.FileSource("/srv/x"),
                "vde", "virtio", false, null);
        DestinationLayout layout = new DestinationLayout(src, Path.of("/b/instances/i-1"));
        assertThat(LiveMigrationHandler.fileVolumes(domain(root, fileVolume, iscsi), layout))
                .containsExactly(fileVolume);
        assertThat(LiveMigrationHandler.fileVolumes(domain(root, iscsi), layout)).isEmpty();
        assertThat(LiveMigrationHandler.fileVolumes(domain(root, fileVolume, cached), layout))
                .as("a volume cached on the host keeps libvirt's check").isEmpty();
        assertThat(LiveMigrationHandler.fileVolumes(domain(root, fileVolume, stray), layout))
                .as("a file that is no volume keeps libvirt's check").isEmpty();
    }

    private static DomainDefinition domain(DiskDevice... disks) {
        return new DomainDefinition("qemu", "nubo-i-1", UUID.randomUUID(), 128, 1, new OsBoot("x86_64", "pc", null,
                List.of()), null, null, "utc", null, null, List.of(disks), List.of(), null);
    }

    @Test
    void aFailedMoveLeavesTheGuestRunningHereSaysSoAndRemovesWhatItPreparedThere() {
        String id = spawn();
        Path there = work.resolve("two/instances");
        InstanceReport r = (InstanceReport) migrations.dispatch(migrate(id, there, true));
        // the test driver cannot migrate: the move fails at libvirt, after the destination was prepared
        assertThat(r.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(r.operation()).isEqualTo("live_migration");
        assertThat(r.powerState()).isEqualTo(PowerState.RUNNING);
        assertThat(r.faultMessage()).startsWith("live migration of instance " + id + " to host host-2 failed: ")
                .endsWith("; the instance still runs on host host-1");
        assertThat(there.resolve(id)).doesNotExist();
        assertThat(agent.storage.dir(id)).isDirectory();
        assertThat(hypervisor.find(GuestNames.domainName(id)).orElseThrow().active()).isTrue();
        assertThat(progress).filteredOn(p -> p.instanceId().equals(id)).first().satisfies(p -> {
            assertThat(p.phase()).isEqualTo("preparing");
            assertThat(p.host()).isEqualTo("host-1");
            assertThat(p.destinationHost()).isEqualTo("host-2");
        });
    }

    @Test
    void localDisksMoveOnlyInABlockMigration() {
        String id = spawn();
        InstanceReport r = (InstanceReport) migrations.dispatch(migrate(id, work.resolve("two"), false));
        assertThat(r.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(r.faultMessage()).isEqualTo("instance " + id + " has local disks (vda) that are not on shared "
                + "storage: only a block migration moves them");
    }

    @Test
    void aStoppedInstanceOrOneThatIsNotHereDoesNotMove() {
        String id = spawn();
        hypervisor.find(GuestNames.domainName(id)).orElseThrow().destroy();
        InstanceReport stopped = (InstanceReport) migrations.dispatch(migrate(id, work.resolve("two"), true));
        assertThat(stopped.faultMessage()).isEqualTo("instance " + id + " is SHUTDOWN on host host-1: only a "
                + "running or paused instance migrates live");
        String nowhere = UUID.randomUUID().toString();
        InstanceReport missing = (InstanceReport) migrations.dispatch(migrate(nowhere, work.resolve("two"),
                true));
        assertThat(missing.faultMessage()).isEqualTo("instance " + nowhere + " has no guest on host host-1");
        InstanceReport noDestination = (InstanceReport) migrations.dispatch(new LiveMigrateInstance(id,
                "host-1", "a", null, true));
        assertThat(noDestination.faultMessage()).contains("names no destination");
    }

    @Test
    void aRedeliveryAfterTheMoveFinishedSucceedsWithoutMovingAgain() throws Exception {
        String id = spawn();
        Path there = work.resolve("three/instances");
        // what a finished move leaves: the guest and its files gone from here, its directory on the destination
        agent.dispatcher.dispatch(new io.nubo.shared.events.compute.DeleteInstance(id, "host-1", "gone"));
        java.nio.file.Files.createDirectories(there.resolve(id));
        InstanceReport again = (InstanceReport) migrations.dispatch(migrate(id, there, true));
        assertThat(again.outcome()).as(again.faultMessage()).isEqualTo(Outcome.SUCCEEDED);
        assertThat(again.powerState()).isEqualTo(PowerState.RUNNING);
        assertThat(there.resolve(id)).isDirectory();
    }

    private static String spawn() {
        String id = UUID.randomUUID().toString();
        InstanceReport r = (InstanceReport) agent.dispatcher.dispatch(Commands.spawn(id, Commands.flavor(1, 0, 0),
                bootable, true, List.of()));
        assertThat(r.outcome()).as(r.faultMessage()).isEqualTo(Outcome.SUCCEEDED);
        return id;
    }

    private static LiveMigrateInstance migrate(String id, Path destinationInstances, boolean block) {
        return new LiveMigrateInstance(id, "host-1", UUID.randomUUID().toString(), new MigrationDestination("host-2",
                "test:///default", null, destinationInstances.toString()), block);
    }
}
