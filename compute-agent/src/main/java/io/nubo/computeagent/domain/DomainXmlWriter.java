package io.nubo.computeagent.domain;

import io.nubo.computeagent.domain.DiskDevice.BlockSource;
import io.nubo.computeagent.domain.DiskDevice.FileSource;
import io.nubo.computeagent.domain.DiskDevice.NetworkSource;
import io.nubo.computeagent.domain.InterfaceDevice.Bridge;
import io.nubo.computeagent.domain.InterfaceDevice.Network;

/** The one writer of libvirt XML: {@link DomainDefinition} and hot-plug devices to text. No policy here. */
public final class DomainXmlWriter {

    public String domain(DomainDefinition d) {
        XmlNode root = new XmlNode("domain").attr("type", d.type());
        root.textChild("name", d.name());
        root.textChild("uuid", d.uuid());
        if (d.metadata() != null) {
            root.child("metadata").add(metadata(d.metadata()));
        }
        root.child("memory").attr("unit", "MiB").text(d.memoryMib());
        root.textChild("vcpu", d.vcpus());
        root.add(os(d.os()));
        root.add(features(d.features()));
        root.add(cpu(d.cpu()));
        if (d.clockOffset() != null) {
            root.child("clock").attr("offset", d.clockOffset());
        }
        if (d.lifecycle() != null) {
            root.textChild("on_poweroff", d.lifecycle().onPoweroff());
            root.textChild("on_reboot", d.lifecycle().onReboot());
            root.textChild("on_crash", d.lifecycle().onCrash());
        }
        XmlNode devices = root.child("devices");
        d.disks().forEach(disk -> devices.add(disk(disk)));
        d.interfaces().forEach(nic -> devices.add(iface(nic)));
        if (d.console() != null) {
            serial(d.console()).forEach(devices::add);
        }
        return root.toXml();
    }

    /** One device alone, for {@code virDomainAttachDeviceFlags} / {@code DetachDeviceFlags}. */
    public String device(DeviceSpec device) {
        if (device instanceof DiskDevice disk) {
            return disk(disk).toXml();
        }
        return iface((InterfaceDevice) device).toXml();
    }

    /** A {@code <secret>} for {@code virSecretDefineXML}. */
    public String secret(SecretDefinition s) {
        XmlNode n = new XmlNode("secret").attr("ephemeral", "no").attr("private", "yes");
        n.textChild("uuid", s.uuid());
        n.textChild("description", s.description());
        n.child("usage").attr("type", s.usage().xml()).textChild(s.usage().idElement(), s.usageId());
        return n.toXml();
    }

    XmlNode metadata(NuboMetadata m) {
        String p = NuboMetadata.PREFIX + ":";
        XmlNode n = new XmlNode(p + "instance").namespace(NuboMetadata.PREFIX, NuboMetadata.NAMESPACE)
                .attr("id", m.instanceId());
        n.textChild(p + "name", m.displayName());
        if (m.projectId() != null || m.userId() != null) {
            n.child(p + "owner").attr("project", m.projectId()).attr("user", m.userId());
        }
        if (m.flavorName() != null) {
            n.child(p + "flavor").attr("name", m.flavorName());
        }
        if (m.imageId() != null) {
            n.child(p + "image").attr("id", m.imageId());
        }
        return n;
    }

    XmlNode os(OsBoot os) {
        XmlNode n = new XmlNode("os");
        n.child("type").attr("arch", os.arch()).attr("machine", os.machine()).text("hvm");
        if (os.kernel() != null) {
            n.textChild("kernel", os.kernel().kernel());
            n.textChild("initrd", os.kernel().initrd());
            n.textChild("cmdline", os.kernel().cmdline());
        }
        os.bootOrder().forEach(b -> n.child("boot").attr("dev", b.xml()));
        return n;
    }

    XmlNode features(Features f) {
        if (!f.acpi() && !f.apic()) {
            return null;
        }
        XmlNode n = new XmlNode("features");
        if (f.acpi()) {
            n.child("acpi");
        }
        if (f.apic()) {
            n.child("apic");
        }
        return n;
    }

    XmlNode cpu(CpuSpec cpu) {
        if (cpu == null) {
            return null;
        }
        if (cpu instanceof CpuSpec.HostModel) {
            return new XmlNode("cpu").attr("mode", "host-model");
        }
        if (cpu instanceof CpuSpec.HostPassthrough) {
            return new XmlNode("cpu").attr("mode", "host-passthrough");
        }
        CpuSpec.Custom c = (CpuSpec.Custom) cpu;
        XmlNode n = new XmlNode("cpu").attr("mode", "custom").attr("match", "exact");
        n.child("model").attr("fallback", "forbid").text(c.model());
        c.features().forEach(f -> n.child("feature").attr("policy", f.policy().xml()).attr("name", f.name()));
        return n;
    }

    XmlNode disk(DiskDevice d) {
        String type = d.source() instanceof BlockSource ? "block"
                : d.source() instanceof NetworkSource ? "network" : "file";
        XmlNode n = new XmlNode("disk").attr("type", type).attr("device", d.device().xml());
        n.child("driver").attr("name", "qemu").attr("type", d.driverFormat()).attr("cache", d.cache());
        if (d.source() instanceof FileSource f) {
            n.child("source").attr("file", f.path());
        } else if (d.source() instanceof BlockSource b) {
            n.child("source").attr("dev", b.dev());
        } else if (d.source() instanceof NetworkSource net) {
            XmlNode s = n.child("source").attr("protocol", net.protocol()).attr("name", net.name());
            net.hosts().forEach(h -> s.child("host").attr("name", h.name()).attr("port", h.port()));
            if (net.auth() != null) {
                n.child("auth").attr("username", net.auth().username()).child("secret")
                        .attr("type", net.auth().secretType()).attr("uuid", net.auth().secretUuid());
            }
        }
        n.child("target").attr("dev", d.targetDev()).attr("bus", d.targetBus());
        if (d.readOnly()) {
            n.child("readonly");
        }
        n.textChild("serial", d.serial());
        return n;
    }

    XmlNode iface(InterfaceDevice i) {
        XmlNode n;
        if (i.source() instanceof Bridge b) {
            n = new XmlNode("interface").attr("type", "bridge");
            n.child("mac").attr("address", i.mac());
            n.child("source").attr("bridge", b.bridge());
        } else {
            n = new XmlNode("interface").attr("type", "network");
            n.child("mac").attr("address", i.mac());
            n.child("source").attr("network", ((Network) i.source()).network());
        }
        if (i.targetDev() != null) {
            n.child("target").attr("dev", i.targetDev());
        }
        if (i.model() != null) {
            n.child("model").attr("type", i.model());
        }
        if (i.mtu() != null) {
            n.child("mtu").attr("size", i.mtu());
        }
        if (i.filterRef() != null) {
            n.child("filterref").attr("filter", i.filterRef());
        }
        if (i.alias() != null) {
            n.child("alias").attr("name", i.alias());
        }
        return n;
    }

    java.util.List<XmlNode> serial(SerialConsole c) {
        XmlNode serial = new XmlNode("serial").attr("type", "pty");
        serial.child("log").attr("file", c.logFile()).attr("append", "off");
        serial.child("target").attr("port", 0);
        XmlNode console = new XmlNode("console").attr("type", "pty");
        console.child("target").attr("type", "serial").attr("port", 0);
        return java.util.List.of(serial, console);
    }
}
