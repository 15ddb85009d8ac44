package io.nubo.computeagent.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nubo.computeagent.domain.DiskDevice.Auth;
import io.nubo.computeagent.domain.DiskDevice.BlockSource;
import io.nubo.computeagent.domain.DiskDevice.FileSource;
import io.nubo.computeagent.domain.DiskDevice.Host;
import io.nubo.computeagent.domain.DiskDevice.NetworkSource;
import io.nubo.computeagent.domain.OsBoot.BootDevice;
import io.nubo.computeagent.domain.OsBoot.KernelBoot;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Every element both ways: record to literal XML, literal XML (as libvirt writes it) to record. */
class DomainXmlGoldenTest {

    private final DomainXmlWriter writer = new DomainXmlWriter();
    private final DomainXmlParser parser = new DomainXmlParser();

    private static org.w3c.dom.Element xml(String s) {
        return DomainXmlParser.parse(s);
    }

    @Test
    void directKernelBoot() {
        OsBoot os = new OsBoot("x86_64", "pc", new KernelBoot("/var/k/vmlinuz", "/var/k/initrd.img",
                "console=ttyS0 root=/dev/vda"), List.of());
        String golden = """
                <os>
                  <type arch="x86_64" machine="pc">hvm</type>
                  <kernel>/var/k/vmlinuz</kernel>
                  <initrd>/var/k/initrd.img</initrd>
                  <cmdline>console=ttyS0 root=/dev/vda</cmdline>
                </os>
                """;
        assertThat(writer.os(os).toXml()).isEqualTo(golden);
        assertThat(parser.os(xml(golden))).isEqualTo(os);
    }

    @Test
    void firmwareBootOrder() {
        OsBoot os = new OsBoot("x86_64", "pc", null, List.of(BootDevice.CDROM, BootDevice.HD));
        String golden = """
                <os>
                  <type arch="x86_64" machine="pc">hvm</type>
                  <boot dev="cdrom"/>
                  <boot dev="hd"/>
                </os>
                """;
        assertThat(writer.os(os).toXml()).isEqualTo(golden);
        assertThat(parser.os(xml("<os><type arch='x86_64' machine='pc-i440fx-7.2'>hvm</type><boot dev='cdrom'/>"
                + "<boot dev='hd'/></os>")))
                .isEqualTo(new OsBoot("x86_64", "pc-i440fx-7.2", null, List.of(BootDevice.CDROM, BootDevice.HD)));
    }

    @Test
    void cpuModes() {
        assertThat(writer.cpu(new CpuSpec.HostModel()).toXml()).isEqualTo("<cpu mode=\"host-model\"/>\n");
        assertThat(writer.cpu(new CpuSpec.HostPassthrough()).toXml()).isEqualTo("<cpu mode=\"host-passthrough\"/>\n");
        CpuSpec custom = new CpuSpec.Custom("Nehalem", List.of(new CpuSpec.Feature("avx", CpuSpec.Policy.REQUIRE),
                new CpuSpec.Feature("vmx", CpuSpec.Policy.DISABLE)));
        String golden = """
                <cpu mode="custom" match="exact">
                  <model fallback="forbid">Nehalem</model>
                  <feature policy="require" name="avx"/>
                  <feature policy="disable" name="vmx"/>
                </cpu>
                """;
        assertThat(writer.cpu(custom).toXml()).isEqualTo(golden);
        assertThat(parser.cpu(xml(golden))).isEqualTo(custom);
        assertThat(parser.cpu(xml("<cpu mode='host-model' check='partial'/>"))).isEqualTo(new CpuSpec.HostModel());
        assertThat(parser.cpu(xml("<cpu mode='host-passthrough' check='none' migratable='on'/>")))
                .isEqualTo(new CpuSpec.HostPassthrough());
        assertThat(writer.cpu(null)).as("the hypervisor's default CPU: no element").isNull();
        assertThat(parser.cpu(null)).isNull();
    }

    @Test
    void features() {
        assertThat(writer.features(new Features(true, true)).toXml()).isEqualTo("""
                <features>
                  <acpi/>
                  <apic/>
                </features>
                """);
        assertThat(parser.features(xml("<features><acpi/><apic/><pae/></features>"))).isEqualTo(new Features(true, true));
        assertThat(parser.features(xml("<features><apic/></features>"))).isEqualTo(new Features(false, true));
        assertThat(writer.features(new Features(false, false))).isNull();
    }

    @Test
    void qcow2FileDisk() {
        DiskDevice disk = new DiskDevice(DiskDevice.Kind.DISK, "qcow2", "none",
                new FileSource("/var/lib/nubo/instances/abc/disk"), "vda", "virtio", false, null);
        String golden = """
                <disk type="file" device="disk">
                  <driver name="qemu" type="qcow2" cache="none"/>
                  <source file="/var/lib/nubo/instances/abc/disk"/>
                  <target dev="vda" bus="virtio"/>
                </disk>
                """;
        assertThat(writer.device(disk)).isEqualTo(golden);
        assertThat(parser.device("""
                <disk type='file' device='disk'>
                  <driver name='qemu' type='qcow2' cache='none'/>
                  <source file='/var/lib/nubo/instances/abc/disk' index='2'/>
                  <backingStore type='file' index='3'><format type='raw'/><source file='/base'/></backingStore>
                  <target dev='vda' bus='virtio'/>
                  <alias name='virtio-disk0'/>
                  <address type='pci' domain='0x0000' bus='0x00' slot='0x04' function='0x0'/>
                </disk>""")).isEqualTo(disk);
    }

    @Test
    void readOnlyCdrom() {
        DiskDevice cdrom = new DiskDevice(DiskDevice.Kind.CDROM, "raw", null, new FileSource("/i/disk.config"),
                "hdd", "ide", true, null);
        String golden = """
                <disk type="file" device="cdrom">
                  <driver name="qemu" type="raw"/>
                  <source file="/i/disk.config"/>
                  <target dev="hdd" bus="ide"/>
                  <readonly/>
                </disk>
                """;
        assertThat(writer.device(cdrom)).isEqualTo(golden);
        assertThat(parser.device(golden)).isEqualTo(cdrom);
    }

    @Test
    void blockDiskWithSerial() {
        DiskDevice disk = new DiskDevice(DiskDevice.Kind.DISK, "raw", "none", new BlockSource("/dev/sdb"), "vdb",
                "virtio", false, "6c5c0a0e-volume");
        String golden = """
                <disk type="block" device="disk">
                  <driver name="qemu" type="raw" cache="none"/>
                  <source dev="/dev/sdb"/>
                  <target dev="vdb" bus="virtio"/>
                  <serial>6c5c0a0e-volume</serial>
                </disk>
                """;
        assertThat(writer.device(disk)).isEqualTo(golden);
        assertThat(parser.device(golden)).isEqualTo(disk);
    }

    @Test
    void iscsiNetworkDisk() {
        DiskDevice disk = new DiskDevice(DiskDevice.Kind.DISK, "raw", "none",
                new NetworkSource("iscsi", "iqn.2026-12.io.nubo:vol-1/1", List.of(new Host("127.0.0.1", "3260")), null),
                "vdb", "virtio", false, "vol-1");
        String golden = """
                <disk type="network" device="disk">
                  <driver name="qemu" type="raw" cache="none"/>
                  <source protocol="iscsi" name="iqn.2026-12.io.nubo:vol-1/1">
                    <host name="127.0.0.1" port="3260"/>
                  </source>
                  <target dev="vdb" bus="virtio"/>
                  <serial>vol-1</serial>
                </disk>
                """;
        assertThat(writer.device(disk)).isEqualTo(golden);
        assertThat(parser.device(golden)).isEqualTo(disk);
    }

    @Test
    void iscsiNetworkDiskWithChapSecret() {
        DiskDevice disk = new DiskDevice(DiskDevice.Kind.DISK, "raw", "none",
                new NetworkSource("iscsi", "iqn.2010-10.org.openstack:volume-7/1", List.of(new Host("127.0.0.1",
                        "3260")), new Auth("vol-7", "iscsi", "3f1c2b7e-0a9d-3c4e-8f6a-1b2c3d4e5f60")),
                "vdb", "virtio", false, "7");
        String golden = """
                <disk type="network" device="disk">
                  <driver name="qemu" type="raw" cache="none"/>
                  <source protocol="iscsi" name="iqn.2010-10.org.openstack:volume-7/1">
                    <host name="127.0.0.1" port="3260"/>
                  </source>
                  <auth username="vol-7">
                    <secret type="iscsi" uuid="3f1c2b7e-0a9d-3c4e-8f6a-1b2c3d4e5f60"/>
                  </auth>
                  <target dev="vdb" bus="virtio"/>
                  <serial>7</serial>
                </disk>
                """;
        assertThat(writer.device(disk)).isEqualTo(golden);
        assertThat(parser.device(golden)).isEqualTo(disk);
    }

    @Test
    void readOnlyQcow2VolumeFile() {
        DiskDevice disk = new DiskDevice(DiskDevice.Kind.DISK, "qcow2", "none",
                new FileSource("/var/lib/nubo/volumes/volume-8"), "vdc", "virtio", true, "8");
        String golden = """
                <disk type="file" device="disk">
                  <driver name="qemu" type="qcow2" cache="none"/>
                  <source file="/var/lib/nubo/volumes/volume-8"/>
                  <target dev="vdc" bus="virtio"/>
                  <readonly/>
                  <serial>8</serial>
                </disk>
                """;
        assertThat(writer.device(disk)).isEqualTo(golden);
        assertThat(parser.device(golden)).isEqualTo(disk);
    }

    @Test
    void secretsForChapAndCephx() {
        SecretDefinition chap = new SecretDefinition("3f1c2b7e-0a9d-3c4e-8f6a-1b2c3d4e5f60",
                SecretDefinition.Usage.ISCSI, "nubo-volume-7", "CHAP secret of volume 7");
        String chapXml = """
                <secret ephemeral="no" private="yes">
                  <uuid>3f1c2b7e-0a9d-3c4e-8f6a-1b2c3d4e5f60</uuid>
                  <description>CHAP secret of volume 7</description>
                  <usage type="iscsi">
                    <target>nubo-volume-7</target>
                  </usage>
                </secret>
                """;
        assertThat(writer.secret(chap)).isEqualTo(chapXml);
        assertThat(parser.secret(chapXml)).isEqualTo(chap);
        SecretDefinition cephx = new SecretDefinition("0d4e8a5e-7f1b-4d1c-9d55-5a0b4c1e2f3a",
                SecretDefinition.Usage.CEPH, "client.cinder secret", null);
        String cephXml = """
                <secret ephemeral="no" private="yes">
                  <uuid>0d4e8a5e-7f1b-4d1c-9d55-5a0b4c1e2f3a</uuid>
                  <usage type="ceph">
                    <name>client.cinder secret</name>
                  </usage>
                </secret>
                """;
        assertThat(writer.secret(cephx)).isEqualTo(cephXml);
        // libvirt's own answer, single quotes and all
        assertThat(parser.secret("<secret ephemeral='no' private='yes'>"
                + "<uuid>0d4e8a5e-7f1b-4d1c-9d55-5a0b4c1e2f3a</uuid><usage type='ceph'><name>client.cinder secret</name>"
                + "</usage></secret>")).isEqualTo(cephx);
    }

    @Test
    void rbdNetworkDiskWithCephxSecret() {
        DiskDevice disk = new DiskDevice(DiskDevice.Kind.DISK, "raw", "writeback",
                new NetworkSource("rbd", "volumes/volume-1", List.of(new Host("10.0.0.1", "6789"),
                        new Host("10.0.0.2", null)), new Auth("cinder", "ceph", "0d4e8a5e-7f1b-4d1c-9d55-5a0b4c1e2f3a")),
                "vdc", "virtio", false, null);
        String golden = """
                <disk type="network" device="disk">
                  <driver name="qemu" type="raw" cache="writeback"/>
                  <source protocol="rbd" name="volumes/volume-1">
                    <host name="10.0.0.1" port="6789"/>
                    <host name="10.0.0.2"/>
                  </source>
                  <auth username="cinder">
                    <secret type="ceph" uuid="0d4e8a5e-7f1b-4d1c-9d55-5a0b4c1e2f3a"/>
                  </auth>
                  <target dev="vdc" bus="virtio"/>
                </disk>
                """;
        assertThat(writer.device(disk)).isEqualTo(golden);
        assertThat(parser.device(golden)).isEqualTo(disk);
        // libvirt 9 answers with <auth> inside <source>
        assertThat(parser.device("""
                <disk type='network' device='disk'><driver name='qemu' type='raw' cache='writeback'/>
                <source protocol='rbd' name='volumes/volume-1'><host name='10.0.0.1' port='6789'/><host name='10.0.0.2'/>
                <auth username='cinder'><secret type='ceph' uuid='0d4e8a5e-7f1b-4d1c-9d55-5a0b4c1e2f3a'/></auth>
                </source><target dev='vdc' bus='virtio'/></disk>""")).isEqualTo(disk);
    }

    @Test
    void rbdRootDiskClonedIntoTheInstancesPool() {
        // images.type=rbd: the root disk is <pool>/<instance>_disk on the cluster's monitors, the host's cephx secret
        DiskDevice disk = new DiskDevice(DiskDevice.Kind.DISK, "raw", "none",
                new NetworkSource("rbd", "vms/0a8f7d2e-4c1b-4b7a-9d3e-5f6a7b8c9d0e_disk",
                        List.of(new Host("127.0.0.1", "3300")),
                        new Auth("nova", "ceph", "5b67401f-dc5e-496a-8456-9a5dc40e7d3c")), "vda", "virtio", false, null);
        String golden = """
                <disk type="network" device="disk">
                  <driver name="qemu" type="raw" cache="none"/>
                  <source protocol="rbd" name="vms/0a8f7d2e-4c1b-4b7a-9d3e-5f6a7b8c9d0e_disk">
                    <host name="127.0.0.1" port="3300"/>
                  </source>
                  <auth username="nova">
                    <secret type="ceph" uuid="5b67401f-dc5e-496a-8456-9a5dc40e7d3c"/>
                  </auth>
                  <target dev="vda" bus="virtio"/>
                </disk>
                """;
        assertThat(writer.device(disk)).isEqualTo(golden);
        assertThat(parser.device(golden)).isEqualTo(disk);
        assertThat(parser.device("""
                <disk type='network' device='disk'><driver name='qemu' type='raw' cache='none'/>
                <source protocol='rbd' name='vms/0a8f7d2e-4c1b-4b7a-9d3e-5f6a7b8c9d0e_disk' index='2'>
                <host name='127.0.0.1' port='3300'/><auth username='nova'>
                <secret type='ceph' uuid='5b67401f-dc5e-496a-8456-9a5dc40e7d3c'/></auth></source>
                <target dev='vda' bus='virtio'/><alias name='virtio-disk0'/></disk>""")).isEqualTo(disk);
    }

    @Test
    void bridgeInterfaceWithFilterAndMtu() {
        InterfaceDevice nic = new InterfaceDevice("fa:16:3e:11:22:33", new InterfaceDevice.Bridge("nubo-br0"),
                "virtio", "tap1234abcd-ef", 1450, "nubo-port-1234", "ua-port-1234");
        String golden = """
                <interface type="bridge">
                  <mac address="fa:16:3e:11:22:33"/>
                  <source bridge="nubo-br0"/>
                  <target dev="tap1234abcd-ef"/>
                  <model type="virtio"/>
                  <mtu size="1450"/>
                  <filterref filter="nubo-port-1234"/>
                  <alias name="ua-port-1234"/>
                </interface>
                """;
        assertThat(writer.device(nic)).isEqualTo(golden);
        assertThat(parser.device(golden)).isEqualTo(nic);
    }

    @Test
    void aNeutronPortsNicOnItsNetworksBridge() {
        // what GuestDesigner makes of a port compute bound: Neutron's bridge and tap names, the network's MTU
        InterfaceDevice nic = new InterfaceDevice("fa:16:3e:0b:ed:00", new InterfaceDevice.Bridge("brq7b5cb4f2-26"),
                "virtio", "tap5a99e486-bb", 1450, null, "ua-port-5a99e486-bb18-49de-b84c-99e563b0f3fc");
        String golden = """
                <interface type="bridge">
                  <mac address="fa:16:3e:0b:ed:00"/>
                  <source bridge="brq7b5cb4f2-26"/>
                  <target dev="tap5a99e486-bb"/>
                  <model type="virtio"/>
                  <mtu size="1450"/>
                  <alias name="ua-port-5a99e486-bb18-49de-b84c-99e563b0f3fc"/>
                </interface>
                """;
        assertThat(writer.device(nic)).isEqualTo(golden);
        assertThat(parser.device(golden)).isEqualTo(nic);
    }

    @Test
    void libvirtNetworkInterface() {
        InterfaceDevice nic = new InterfaceDevice("52:54:00:00:00:01", new InterfaceDevice.Network("default"),
                "virtio", null, null, null, null);
        String golden = """
                <interface type="network">
                  <mac address="52:54:00:00:00:01"/>
                  <source network="default"/>
                  <model type="virtio"/>
                </interface>
                """;
        assertThat(writer.device(nic)).isEqualTo(golden);
        assertThat(parser.device(golden)).isEqualTo(nic);
    }

    @Test
    void serialConsoleLoggedToFile() {
        String golden = """
                <devices>
                  <serial type="pty">
                    <log file="/i/console.log" append="off"/>
                    <target port="0"/>
                  </serial>
                  <console type="pty">
                    <target type="serial" port="0"/>
                  </console>
                </devices>
                """;
        XmlNode devices = new XmlNode("devices");
        writer.serial(new SerialConsole("/i/console.log")).forEach(devices::add);
        assertThat(devices.toXml()).isEqualTo(golden);
        assertThat(parser.serial(xml("""
                <devices><serial type='pty'><source path='/dev/pts/3'/><log file='/i/console.log' append='off'/>
                <target type='isa-serial' port='0'><model name='isa-serial'/></target><alias name='serial0'/></serial>
                </devices>"""))).isEqualTo(new SerialConsole("/i/console.log"));
    }

    @Test
    void nuboMetadata() {
        NuboMetadata m = new NuboMetadata("abc", "web <1> & co", "p1", "u1", "m1.tiny", "img-1");
        String golden = """
                <nubo:instance xmlns:nubo="http://nubo.io/xmlns/compute-agent/1.0" id="abc">
                  <nubo:name>web &lt;1&gt; &amp; co</nubo:name>
                  <nubo:owner project="p1" user="u1"/>
                  <nubo:flavor name="m1.tiny"/>
                  <nubo:image id="img-1"/>
                </nubo:instance>
                """;
        assertThat(writer.metadata(m).toXml()).isEqualTo(golden);
        assertThat(parser.metadata(xml("<metadata>" + golden + "</metadata>"))).isEqualTo(m);
        assertThat(parser.metadata(xml("<metadata><other xmlns='urn:x'/></metadata>"))).isNull();
    }

    @Test
    void wholeDomainRoundTripAndEscaping() {
        DomainDefinition d = new DomainDefinition("qemu", "nubo-6f1c", UUID.fromString(
                "6f1c2a52-3b8e-4c3e-9a57-2f0c1c1b9e10"), 512, 2,
                new OsBoot("x86_64", "pc", null, List.of(BootDevice.HD)), new CpuSpec.HostModel(),
                new Features(true, true), "utc", new LifecycleActions("destroy", "restart", "destroy"),
                new NuboMetadata("6f1c2a52-3b8e-4c3e-9a57-2f0c1c1b9e10", "a\"b'c", "p", "u", "m1", "i"),
                List.of(new DiskDevice(DiskDevice.Kind.DISK, "qcow2", "none", new FileSource("/i/disk"), "vda", "virtio",
                        false, null)),
                List.of(new InterfaceDevice("fa:16:3e:00:00:01", new InterfaceDevice.Bridge("br0"), "virtio", null, null,
                        null, null)),
                new SerialConsole("/i/console.log"));
        String xml = writer.domain(d);
        assertThat(xml).startsWith("""
                <domain type="qemu">
                  <name>nubo-6f1c</name>
                  <uuid>6f1c2a52-3b8e-4c3e-9a57-2f0c1c1b9e10</uuid>
                  <metadata>
                """).contains("""
                  <memory unit="MiB">512</memory>
                  <vcpu>2</vcpu>
                """).contains("""
                  <clock offset="utc"/>
                  <on_poweroff>destroy</on_poweroff>
                  <on_reboot>restart</on_reboot>
                  <on_crash>destroy</on_crash>
                """);
        assertThat(parser.domain(xml)).isEqualTo(d);
    }

    @Test
    void lifecycleActionsEachFromItsOwnField() {
        DomainDefinition d = new DomainDefinition("test", "x", null, 64, 1, new OsBoot(null, null, null, List.of()),
                null, null, null, new LifecycleActions("destroy", "restart", "preserve"), null, null, null, null);
        DomainDefinition back = parser.domain(writer.domain(d));
        assertThat(back.lifecycle()).isEqualTo(new LifecycleActions("destroy", "restart", "preserve"));
    }

    @Test
    void memoryInLibvirtsUnits() {
        assertThat(parser.domain("<domain type='qemu'><name>x</name><memory unit='KiB'>524288</memory>"
                + "<os><type>hvm</type></os></domain>").memoryMib()).isEqualTo(512);
        assertThat(parser.domain("<domain type='qemu'><name>x</name><memory>1048576</memory>"
                + "<os><type>hvm</type></os></domain>").memoryMib()).isEqualTo(1024);
    }

    @Test
    void rejectsWhatIsNotADomain() {
        assertThatThrownBy(() -> parser.domain("<network/>")).hasMessageContaining("not a <domain>");
        assertThatThrownBy(() -> parser.domain("<domain")).hasMessageContaining("not well-formed");
        assertThatThrownBy(() -> parser.device("<controller/>")).hasMessageContaining("not a device");
    }
}
