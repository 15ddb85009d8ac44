package io.nubo.computeagent.design;

import io.nubo.computeagent.domain.CpuSpec;
import io.nubo.computeagent.domain.DiskDevice;
import io.nubo.computeagent.domain.DiskDevice.FileSource;
import io.nubo.computeagent.domain.DomainDefinition;
import io.nubo.computeagent.domain.Features;
import io.nubo.computeagent.domain.InterfaceDevice;
import io.nubo.computeagent.domain.LifecycleActions;
import io.nubo.computeagent.domain.NuboMetadata;
import io.nubo.computeagent.domain.OsBoot;
import io.nubo.computeagent.domain.OsBoot.BootDevice;
import io.nubo.computeagent.domain.SerialConsole;
import io.nubo.shared.events.compute.NicSpec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * All guest policy: flavor + image properties + host + operator configuration in, a libvirt domain out. The
 * records it builds hold no policy; the handlers only prepare files and call libvirt.
 *
 * <p>What it decides, following Nova's libvirt driver: the domain type (kvm, or qemu when the host cannot
 * accelerate); the CPU (the operator's mode, and on qemu only what qemu can do: host-model and host-passthrough need
 * KVM, so they become the hypervisor's default, with a note); ACPI and APIC always (hot-plug and clean shutdown need
 * ACPI); how the guest boots ({@link BootSource}; from its root volume when it has one); disks on virtio ({@code vda}
 * root, the root volume's disk, the image's overlay or its RBD clone, then ephemeral, then swap), a
 * CD-ROM root and the config drive on IDE (the {@code pc} machine's CD-ROM bus); one virtio NIC per port on the
 * bridge its binding names; a serial console logged to a file.
 */
public final class GuestDesigner {

    static final String DEFAULT_KERNEL_CMDLINE = "root=/dev/vda console=tty0 console=ttyS0";

    private final CpuPolicy cpuPolicy;

    public GuestDesigner(CpuPolicy cpuPolicy) {
        this.cpuPolicy = cpuPolicy;
    }

    public GuestDesign design(GuestRequest request, HostProfile host, GuestFiles files) {
        List<String> notes = new ArrayList<>();
        Map<String, String> props = request.image() == null || request.image().properties() == null ? Map.of()
                : request.image().properties();
        // booted from a volume: the firmware boots the volume's disk, vda
        BootSource boot = request.image() == null ? new BootSource.Disk() : BootSource.of(request.image());
        String machine = props.getOrDefault("hw_machine_type", "pc");
        OsBoot os = switchBoot(boot, files, machine, host);
        List<DiskDevice> disks = disks(boot, files, request.rootVolume());
        List<InterfaceDevice> nics = new ArrayList<>();
        for (NicSpec nic : request.nics()) {
            InterfaceDevice d = nic(nic);
            if (d == null) {
                notes.add("port " + nic.portId() + " has no bridge in its binding: the guest gets no NIC for it");
            } else {
                nics.add(d);
            }
        }
        DomainDefinition domain = new DomainDefinition(host.virtType(), GuestNames.domainName(request.instanceId()),
                parseUuid(request.instanceId()), request.flavor().ramMb(), Math.max(1, request.flavor().vcpus()), os,
                cpu(host, notes), new Features(true, true), "utc",
                new LifecycleActions("destroy", "restart", "destroy"),
                new NuboMetadata(request.instanceId(), request.displayName(), request.projectId(), request.userId(),
                        request.flavor().name(), request.image() == null ? null : request.image().id()),
                disks, nics, new SerialConsole(files.consoleLog().toString()));
        return new GuestDesign(domain, notes);
    }

    private static OsBoot switchBoot(BootSource boot, GuestFiles files, String machine, HostProfile host) {
        if (boot instanceof BootSource.Kernel k) {
            return new OsBoot(host.arch(), machine, new OsBoot.KernelBoot(files.kernel().toString(),
                    files.ramdisk() == null ? null : files.ramdisk().toString(),
                    k.commandLine() == null ? DEFAULT_KERNEL_CMDLINE : k.commandLine()), List.of());
        }
        if (boot instanceof BootSource.Cdrom) {
            return new OsBoot(host.arch(), machine, null, List.of(BootDevice.CDROM, BootDevice.HD));
        }
        return new OsBoot(host.arch(), machine, null, List.of(BootDevice.HD));
    }

    private static List<DiskDevice> disks(BootSource boot, GuestFiles files, DiskDevice rootVolume) {
        List<DiskDevice> disks = new ArrayList<>();
        RbdPlacement rbd = files.rbd();
        char next = 'a';
        if (rootVolume != null) {
            disks.add(rootVolume);
            next++;
        } else if (boot instanceof BootSource.Cdrom) {
            // the root CD-ROM is a qcow2 overlay on the cached ISO, like every root disk
            disks.add(cdrom(files.root(), "hda", "qcow2"));
        } else if (rbd != null && rbd.root() != null) {
            disks.add(rbd(rbd, rbd.root(), next++));
        } else if (files.root() != null) {
            disks.add(virtio(files.root(), next++));
        }
        if (rbd != null && rbd.ephemeral() != null) {
            disks.add(rbd(rbd, rbd.ephemeral(), next++));
        } else if (files.ephemeral() != null) {
            disks.add(virtio(files.ephemeral(), next++));
        }
        if (rbd != null && rbd.swap() != null) {
            disks.add(rbd(rbd, rbd.swap(), next));
        } else if (files.swap() != null) {
            disks.add(virtio(files.swap(), next));
        }
        if (files.configDrive() != null) {
            disks.add(cdrom(files.configDrive(), "hdd", "raw"));
        }
        return disks;
    }

    private static DiskDevice virtio(Path file, char letter) {
        return new DiskDevice(DiskDevice.Kind.DISK, "qcow2", "none", new FileSource(file.toString()), "vd" + letter,
                "virtio", false, null);
    }

    /** An RBD image: raw (RBD layering is the copy-on-write), cache none as for every shared disk. */
    private static DiskDevice rbd(RbdPlacement rbd, String image, char letter) {
        return new DiskDevice(DiskDevice.Kind.DISK, "raw", "none", rbd.source(image), "vd" + letter, "virtio", false,
                null);
    }

    private static DiskDevice cdrom(Path file, String dev, String format) {
        return new DiskDevice(DiskDevice.Kind.CDROM, format, null, new FileSource(file.toString()), dev, "ide", true,
                null);
    }

    /** A NIC for a port, or null when its binding names no bridge (the network service fills bindings in). */
    public static InterfaceDevice nic(NicSpec nic) {
        Map<String, String> b = nic.binding() == null ? Map.of() : nic.binding();
        String bridge = first(b, "bridge_name", "bridge");
        if (bridge == null) {
            return null;
        }
        return new InterfaceDevice(nic.macAddress(), new InterfaceDevice.Bridge(bridge), "virtio",
                first(b, "devname", "tap_name"), nic.mtu() > 0 ? nic.mtu() : null, first(b, "filter_ref", "filter"),
                portAlias(nic.portId()));
    }

    /** The user alias that names a port's NIC in the domain, so detach finds it by port id. */
    public static String portAlias(String portId) {
        return portId == null ? null : "ua-port-" + portId;
    }

    private CpuSpec cpu(HostProfile host, List<String> notes) {
        if ("test".equals(host.virtType())) {
            return null;
        }
        switch (cpuPolicy.mode()) {
            case HOST_MODEL:
            case HOST_PASSTHROUGH:
                if (!host.accelerated()) {
                    notes.add("cpu-mode " + cpuPolicy.mode() + " needs KVM; this host emulates (qemu), so the guest "
                            + "gets the hypervisor's default CPU");
                    return null;
                }
                return cpuPolicy.mode() == CpuPolicy.Mode.HOST_MODEL ? new CpuSpec.HostModel()
                        : new CpuSpec.HostPassthrough();
            case CUSTOM:
                List<CpuSpec.Feature> features = new ArrayList<>();
                for (String flag : cpuPolicy.extraFlags()) {
                    String f = flag.trim().toLowerCase(java.util.Locale.ROOT);
                    if (f.startsWith("-")) {
                        features.add(new CpuSpec.Feature(f.substring(1), CpuSpec.Policy.DISABLE));
                    } else {
                        features.add(new CpuSpec.Feature(f.startsWith("+") ? f.substring(1) : f,
                                CpuSpec.Policy.REQUIRE));
                    }
                }
                return new CpuSpec.Custom(cpuPolicy.models().get(0), features);
            default:
                return null;
        }
    }

    private static String first(Map<String, String> m, String... keys) {
        for (String k : keys) {
            String v = m.get(k);
            if (v != null && !v.isBlank()) {
                return v;
            }
        }
        return null;
    }

    private static UUID parseUuid(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException notAUuid) {
            return null;
        }
    }
}
