package io.nubo.computeagent.domain;

import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * A libvirt {@code <domain>}: only the elements Nubo uses, as data (no policy here: the {@code GuestDesigner}
 * decides what a guest gets). Written by {@link DomainXmlWriter}, read back by {@link DomainXmlParser}.
 *
 * @param type      {@code qemu} (software emulation), {@code kvm} or {@code test}
 * @param cpu       the {@code <cpu>} element, or null for the hypervisor's default CPU
 * @param metadata  Nubo's own {@code <metadata>}, or null for a guest Nubo did not define
 * @param console   the serial console, or null
 */
public record DomainDefinition(String type, String name, UUID uuid, long memoryMib, int vcpus, OsBoot os,
                               CpuSpec cpu, Features features, String clockOffset, LifecycleActions lifecycle,
                               NuboMetadata metadata, List<DiskDevice> disks, List<InterfaceDevice> interfaces,
                               SerialConsole console) {

    public DomainDefinition {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(os, "os");
        features = features == null ? new Features(false, false) : features;
        disks = disks == null ? List.of() : List.copyOf(disks);
        interfaces = interfaces == null ? List.of() : List.copyOf(interfaces);
    }
}
