package io.nubo.computeagent.design;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nubo.computeagent.domain.CpuSpec;
import io.nubo.computeagent.domain.DiskDevice;
import io.nubo.computeagent.domain.DiskDevice.FileSource;
import io.nubo.computeagent.domain.DomainDefinition;
import io.nubo.computeagent.domain.InterfaceDevice;
import io.nubo.computeagent.domain.OsBoot.BootDevice;
import io.nubo.shared.events.compute.FlavorSpec;
import io.nubo.shared.events.compute.ImageSpec;
import io.nubo.shared.events.compute.NicSpec;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** One test per guest feature the designer decides. */
class GuestDesignerTest {

    static final String ID = "0a8f7d2e-4c1b-4b7a-9d3e-5f6a7b8c9d0e";
    static final FlavorSpec FLAVOR = new FlavorSpec("f1", "m1.small", 2, 512, 1, 1, 64, Map.of());
    static final HostProfile QEMU = new HostProfile("qemu", "x86_64");
    static final HostProfile KVM = new HostProfile("kvm", "x86_64");
    static final Path DIR = Path.of("/var/lib/nubo/instances", ID);
    static final GuestFiles DISK_FILES = new GuestFiles(DIR.resolve("disk"), null, null, null, null, null,
            DIR.resolve("console.log"));

    static ImageSpec image(String format, Map<String, String> props) {
        return new ImageSpec("img-1", "cirros", format, "bare", 1024, 0, 0, "sha512", "ab", props, List.of());
    }

    static GuestRequest request(ImageSpec image, List<NicSpec> nics) {
        return new GuestRequest(ID, "web-1", "proj", "user", FLAVOR, image, nics);
    }

    private final GuestDesigner defaults = new GuestDesigner(CpuPolicy.hypervisorDefault());

    @Test
    void bootsFromTheRootDiskOnVirtio() {
        DomainDefinition d = defaults.design(request(image("qcow2", Map.of()), List.of()), QEMU, DISK_FILES).domain();
        assertThat(d.type()).isEqualTo("qemu");
        assertThat(d.name()).isEqualTo("nubo-" + ID);
        assertThat(d.uuid()).hasToString(ID);
        assertThat(d.memoryMib()).isEqualTo(512);
        assertThat(d.vcpus()).isEqualTo(2);
        assertThat(d.os().kernel()).isNull();
        assertThat(d.os().bootOrder()).containsExactly(BootDevice.HD);
        assertThat(d.os().machine()).isEqualTo("pc");
        assertThat(d.disks()).containsExactly(new DiskDevice(DiskDevice.Kind.DISK, "qcow2", "none",
                new FileSource(DIR.resolve("disk").toString()), "vda", "virtio", false, null));
        assertThat(d.metadata().instanceId()).isEqualTo(ID);
        assertThat(d.metadata().flavorName()).isEqualTo("m1.small");
    }

    @Test
    void withDisksInRbdRootEphemeralAndSwapAreRbdImagesAndTheConfigDriveStaysAFile() {
        DiskDevice.Auth auth = new DiskDevice.Auth("nova", "ceph", "5b67401f-dc5e-496a-8456-9a5dc40e7d3c");
        List<DiskDevice.Host> mons = List.of(new DiskDevice.Host("127.0.0.1", "3300"));
        GuestFiles files = new GuestFiles(null, null, null, DIR.resolve("disk.config"), null, null,
                DIR.resolve("console.log"), new RbdPlacement("vms", mons, auth, ID + "_disk", ID + "_disk.eph0",
                ID + "_disk.swap"));
        DomainDefinition d = defaults.design(request(image("raw", Map.of()), List.of()), QEMU, files).domain();
        assertThat(d.os().bootOrder()).containsExactly(BootDevice.HD);
        assertThat(d.disks()).extracting(DiskDevice::targetDev).containsExactly("vda", "vdb", "vdc", "hdd");
        assertThat(d.disks().get(0)).isEqualTo(new DiskDevice(DiskDevice.Kind.DISK, "raw", "none",
                new DiskDevice.NetworkSource("rbd", "vms/" + ID + "_disk", mons, auth), "vda", "virtio", false, null));
        assertThat(d.disks().get(1).source()).isEqualTo(new DiskDevice.NetworkSource("rbd", "vms/" + ID
                + "_disk.eph0", mons, auth));
        assertThat(d.disks().get(2).source()).isEqualTo(new DiskDevice.NetworkSource("rbd", "vms/" + ID
                + "_disk.swap", mons, auth));
        assertThat(d.disks().get(3).source()).isEqualTo(new FileSource(DIR.resolve("disk.config").toString()));
    }

    @Test
    void anIsoRootStaysALocalCdromWithDisksInRbd() {
        GuestFiles files = new GuestFiles(DIR.resolve("disk"), null, null, null, null, null,
                DIR.resolve("console.log"), new RbdPlacement("vms", List.of(), null, null, null, ID + "_disk.swap"));
        DomainDefinition d = defaults.design(request(image("iso", Map.of()), List.of()), QEMU, files).domain();
        assertThat(d.disks()).extracting(DiskDevice::targetDev).containsExactly("hda", "vda");
        assertThat(d.disks().get(0).source()).isEqualTo(new FileSource(DIR.resolve("disk").toString()));
        assertThat(d.disks().get(1).source()).isInstanceOf(DiskDevice.NetworkSource.class);
    }

    @Test
    void aGuestBootedFromAVolumeHasTheVolumeAsVdaAndItsOwnDisksAfterIt() {
        DiskDevice volume = new DiskDevice(DiskDevice.Kind.DISK, "raw", "none",
                new DiskDevice.NetworkSource("rbd", "volumes/volume-v1", List.of(new DiskDevice.Host("10.0.0.1",
                        "6789")), new DiskDevice.Auth("cinder", "ceph", "u-1")), "vda", "virtio", false, "v1");
        GuestFiles files = new GuestFiles(null, DIR.resolve("disk.eph0"), DIR.resolve("disk.swap"), null, null, null,
                DIR.resolve("console.log"));
        DomainDefinition d = defaults.design(new GuestRequest(ID, "web-1", "proj", "user", FLAVOR, null, List.of(),
                volume), QEMU, files).domain();
        assertThat(d.os().kernel()).isNull();
        assertThat(d.os().bootOrder()).containsExactly(BootDevice.HD);
        assertThat(d.disks()).extracting(DiskDevice::targetDev).containsExactly("vda", "vdb", "vdc");
        assertThat(d.disks().get(0)).isEqualTo(volume);
        assertThat(d.disks().get(1).source()).isEqualTo(new FileSource(DIR.resolve("disk.eph0").toString()));
        assertThat(d.metadata().imageId()).isNull();
        assertThatThrownBy(() -> new GuestRequest(ID, "web-1", "proj", "user", FLAVOR, null, List.of(), null))
                .hasMessageContaining("image or a root volume");
    }

    @Test
    void kernelAndRamdiskImagesBootDirectly() {
        GuestFiles files = new GuestFiles(DIR.resolve("disk"), null, null, null, Path.of("/cache/k"),
                Path.of("/cache/r"), DIR.resolve("console.log"));
        DomainDefinition d = defaults.design(request(image("qcow2", Map.of("kernel_id", "k", "ramdisk_id", "r",
                "os_command_line", "console=ttyS0 quiet")), List.of()), QEMU, files).domain();
        assertThat(d.os().kernel().kernel()).isEqualTo("/cache/k");
        assertThat(d.os().kernel().initrd()).isEqualTo("/cache/r");
        assertThat(d.os().kernel().cmdline()).isEqualTo("console=ttyS0 quiet");
        assertThat(d.os().bootOrder()).isEmpty();
    }

    @Test
    void kernelWithoutCommandLineGetsNovasDefault() {
        GuestFiles files = new GuestFiles(DIR.resolve("disk"), null, null, null, Path.of("/cache/k"), null,
                DIR.resolve("console.log"));
        DomainDefinition d = defaults.design(request(image("raw", Map.of("kernel_id", "k")), List.of()), QEMU, files)
                .domain();
        assertThat(d.os().kernel().initrd()).isNull();
        assertThat(d.os().kernel().cmdline()).isEqualTo("root=/dev/vda console=tty0 console=ttyS0");
    }

    @Test
    void isoImageIsACdromThatBootsFirst() {
        GuestFiles files = new GuestFiles(Path.of("/cache/iso"), null, null, null, null, null,
                DIR.resolve("console.log"));
        DomainDefinition d = defaults.design(request(image("iso", Map.of()), List.of()), QEMU, files).domain();
        assertThat(d.os().bootOrder()).containsExactly(BootDevice.CDROM, BootDevice.HD);
        assertThat(d.disks()).containsExactly(new DiskDevice(DiskDevice.Kind.CDROM, "qcow2", null,
                new FileSource("/cache/iso"), "hda", "ide", true, null));
    }

    @Test
    void ephemeralSwapAndConfigDriveFollowTheRoot() {
        GuestFiles files = new GuestFiles(DIR.resolve("disk"), DIR.resolve("disk.eph0"), DIR.resolve("disk.swap"),
                DIR.resolve("disk.config"), null, null, DIR.resolve("console.log"));
        DomainDefinition d = defaults.design(request(image("qcow2", Map.of()), List.of()), QEMU, files).domain();
        assertThat(d.disks()).extracting(DiskDevice::targetDev).containsExactly("vda", "vdb", "vdc", "hdd");
        assertThat(d.disks().get(1).source()).isEqualTo(new FileSource(DIR.resolve("disk.eph0").toString()));
        assertThat(d.disks().get(2).source()).isEqualTo(new FileSource(DIR.resolve("disk.swap").toString()));
        DiskDevice config = d.disks().get(3);
        assertThat(config.device()).isEqualTo(DiskDevice.Kind.CDROM);
        assertThat(config.readOnly()).isTrue();
        assertThat(config.targetBus()).isEqualTo("ide");
        assertThat(config.driverFormat()).isEqualTo("raw");
    }

    @Test
    void acpiAndApicAlways() {
        DomainDefinition d = defaults.design(request(image("qcow2", Map.of()), List.of()), QEMU, DISK_FILES).domain();
        assertThat(d.features().acpi()).isTrue();
        assertThat(d.features().apic()).isTrue();
    }

    @Test
    void serialConsoleLogsToTheInstanceDirectory() {
        DomainDefinition d = defaults.design(request(image("qcow2", Map.of()), List.of()), QEMU, DISK_FILES).domain();
        assertThat(d.console().logFile()).isEqualTo(DIR.resolve("console.log").toString());
    }

    @Test
    void oneVirtioNicPerPortOnItsBridge() {
        NicSpec a = new NicSpec("p1", "n1", "fa:16:3e:00:00:01", 1450, List.of(),
                Map.of("bridge_name", "brq-n1", "filter_ref", "nubo-p1", "devname", "tapp1"));
        NicSpec b = new NicSpec("p2", "n2", "fa:16:3e:00:00:02", 0, List.of(), Map.of("bridge", "brq-n2"));
        GuestDesign design = defaults.design(request(image("qcow2", Map.of()), List.of(a, b)), QEMU, DISK_FILES);
        assertThat(design.domain().interfaces()).containsExactly(
                new InterfaceDevice("fa:16:3e:00:00:01", new InterfaceDevice.Bridge("brq-n1"), "virtio", "tapp1", 1450,
                        "nubo-p1", "ua-port-p1"),
                new InterfaceDevice("fa:16:3e:00:00:02", new InterfaceDevice.Bridge("brq-n2"), "virtio", null, null,
                        null, "ua-port-p2"));
        assertThat(design.notes()).isEmpty();
    }

    @Test
    void aPortWithoutBridgeIsLeftOutAndSaid() {
        NicSpec unbound = new NicSpec("p9", "n9", "fa:16:3e:00:00:09", 0, List.of(), Map.of());
        GuestDesign design = defaults.design(request(image("qcow2", Map.of()), List.of(unbound)), QEMU, DISK_FILES);
        assertThat(design.domain().interfaces()).isEmpty();
        assertThat(design.notes()).singleElement().asString().contains("p9").contains("no bridge");
    }

    @Test
    void hypervisorDefaultCpuWritesNoCpuElement() {
        assertThat(defaults.design(request(image("qcow2", Map.of()), List.of()), KVM, DISK_FILES).domain().cpu())
                .isNull();
    }

    @Test
    void hostModelAndPassthroughOnKvm() {
        GuestDesigner hostModel = new GuestDesigner(new CpuPolicy(CpuPolicy.Mode.HOST_MODEL, List.of(), List.of()));
        GuestDesigner passthrough = new GuestDesigner(new CpuPolicy(CpuPolicy.Mode.parse("host-passthrough"),
                List.of(), List.of()));
        assertThat(hostModel.design(request(image("qcow2", Map.of()), List.of()), KVM, DISK_FILES).domain().cpu())
                .isEqualTo(new CpuSpec.HostModel());
        assertThat(passthrough.design(request(image("qcow2", Map.of()), List.of()), KVM, DISK_FILES).domain().cpu())
                .isEqualTo(new CpuSpec.HostPassthrough());
    }

    @Test
    void hostCpuModesNeedKvmSoQemuGetsTheDefaultWithANote() {
        GuestDesigner passthrough = new GuestDesigner(new CpuPolicy(CpuPolicy.Mode.HOST_PASSTHROUGH, List.of(),
                List.of()));
        GuestDesign design = passthrough.design(request(image("qcow2", Map.of()), List.of()), QEMU, DISK_FILES);
        assertThat(design.domain().cpu()).isNull();
        assertThat(design.notes()).singleElement().asString().contains("needs KVM");
    }

    @Test
    void customModelWithExtraFlagsAlsoOnQemu() {
        GuestDesigner custom = new GuestDesigner(new CpuPolicy(CpuPolicy.Mode.CUSTOM, List.of("Nehalem", "Westmere"),
                List.of("+avx", "-vmx", "pcid")));
        assertThat(custom.design(request(image("qcow2", Map.of()), List.of()), QEMU, DISK_FILES).domain().cpu())
                .isEqualTo(new CpuSpec.Custom("Nehalem", List.of(new CpuSpec.Feature("avx", CpuSpec.Policy.REQUIRE),
                        new CpuSpec.Feature("vmx", CpuSpec.Policy.DISABLE),
                        new CpuSpec.Feature("pcid", CpuSpec.Policy.REQUIRE))));
    }

    @Test
    void customModeWithoutModelIsRefused() {
        assertThatThrownBy(() -> new CpuPolicy(CpuPolicy.Mode.CUSTOM, List.of(), List.of()))
                .hasMessageContaining("cpu-models");
        assertThatThrownBy(() -> CpuPolicy.Mode.parse("fastest")).hasMessageContaining("must be none, host-model");
    }

    @Test
    void kvmHostsGetKvmDomains() {
        assertThat(defaults.design(request(image("qcow2", Map.of()), List.of()), KVM, DISK_FILES).domain().type())
                .isEqualTo("kvm");
    }

    @Test
    void machineTypeFromImageProperty() {
        assertThat(defaults.design(request(image("qcow2", Map.of("hw_machine_type", "q35")), List.of()), QEMU,
                DISK_FILES).domain().os().machine()).isEqualTo("q35");
    }
}
