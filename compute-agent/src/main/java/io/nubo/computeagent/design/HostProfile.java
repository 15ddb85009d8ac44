package io.nubo.computeagent.design;

/**
 * What the designer needs to know of the host.
 *
 * @param virtType {@code kvm}, {@code qemu} (software emulation) or {@code test} (libvirt's test driver)
 * @param arch     the guest architecture, {@code x86_64}
 */
public record HostProfile(String virtType, String arch) {

    public boolean accelerated() {
        return "kvm".equals(virtType);
    }
}
