package io.nubo.computeagent.domain;

import java.util.Objects;

/**
 * {@code <interface>}: one NIC, on a bridge or a libvirt network.
 *
 * @param model     {@code virtio}, {@code e1000}, ...
 * @param targetDev the host-side tap name, or null to let libvirt choose
 * @param mtu       the MTU, or null
 * @param filterRef an nwfilter name ({@code <filterref filter=.../>}), or null
 * @param alias     a user alias ({@code <alias name='ua-...'/>}, kept by libvirt): Nubo names the port there
 */
public record InterfaceDevice(String mac, InterfaceSource source, String model, String targetDev, Integer mtu,
                              String filterRef, String alias) implements DeviceSpec {

    public InterfaceDevice {
        Objects.requireNonNull(mac, "mac");
        Objects.requireNonNull(source, "source");
    }

    public sealed interface InterfaceSource permits Bridge, Network {
    }

    /** {@code <interface type='bridge'><source bridge=.../>}. */
    public record Bridge(String bridge) implements InterfaceSource {
    }

    /** {@code <interface type='network'><source network=.../>}. */
    public record Network(String network) implements InterfaceSource {
    }
}
