package io.nubo.computeagent.command;

import io.nubo.computeagent.domain.InterfaceDevice;
import io.nubo.network.dataplane.HostNetworking;
import io.nubo.shared.events.compute.NicSpec;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The host side of a guest's NICs: before a NIC is defined, its network's bridge exists on this host (libvirt makes
 * the tap and puts it on the bridge when the guest starts, and removes it when the guest stops); after a guest goes,
 * any tap still there is taken off its bridge. Without host networking (the test driver) it does nothing.
 */
public final class NicPlumbing {

    private static final Logger log = LoggerFactory.getLogger(NicPlumbing.class);
    private static final int DEFAULT_MTU = 1500;

    private final HostNetworking host;

    /** @param host the data plane, or null when this host's bridges are not the agent's to make */
    public NicPlumbing(HostNetworking host) {
        this.host = host;
    }

    public static NicPlumbing none() {
        return new NicPlumbing(null);
    }

    /** Makes sure each NIC's network has its bridge here. */
    public void prepare(List<NicSpec> nics) {
        if (host == null || nics == null) {
            return;
        }
        for (NicSpec nic : nics) {
            host.ensureNetwork(nic.networkId(), nic.mtu() > 0 ? nic.mtu() : DEFAULT_MTU);
        }
    }

    /** Takes the guest's taps off their bridges, if any outlived the guest (best effort: it is going anyway). */
    public void release(List<InterfaceDevice> nics) {
        if (host == null) {
            return;
        }
        for (InterfaceDevice nic : nics) {
            if (nic.targetDev() != null) {
                try {
                    host.unplug(nic.targetDev());
                } catch (RuntimeException e) {
                    log.warn("Tap {} could not be taken off its bridge: {}", nic.targetDev(), e.getMessage());
                }
            }
        }
    }
}
