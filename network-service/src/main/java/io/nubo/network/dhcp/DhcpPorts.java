package io.nubo.network.dhcp;

import io.nubo.network.port.PortInfo;
import io.nubo.network.port.PortService;
import io.nubo.network.port.api.FixedIp;
import io.nubo.network.subnet.SubnetHooks;
import io.nubo.network.subnet.SubnetInfo;
import java.util.List;
import java.util.Optional;
import io.nubo.network.ipam.IpAllocator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Holds a {@code network:dhcp} port on every subnet with DHCP enabled, as Neutron's DHCP agent reserves one: the
 * DHCP server's address comes out of IPAM like any other, so it is never handed to a guest. The port belongs to
 * the network's project and goes with its subnet, its network, or DHCP being switched off.
 */
@Component
class DhcpPorts implements SubnetHooks {

    private static final Logger log = LoggerFactory.getLogger(DhcpPorts.class);

    private final PortService ports;
    private final IpAllocator ipam;

    DhcpPorts(PortService ports, IpAllocator ipam) {
        this.ports = ports;
        this.ipam = ipam;
    }

    /** Neutron names the DHCP port's device after the agent's host and the network; one server per network here. */
    static String deviceId(String networkId) {
        return "dhcp-" + networkId;
    }

    @Override
    public void afterSave(SubnetInfo subnet) {
        Optional<PortInfo> held = portOn(subnet);
        if (subnet.enableDhcp() && subnet.ipVersion() == 4 && held.isEmpty()) {
            if (!ipam.hasFree(subnet.space())) {
                // a pool with no room left for the server: the subnet is still made, without DHCP on it
                log.warn("Subnet {}: no address left in its pools for a DHCP server", subnet.id());
                return;
            }
            ports.createFor(subnet.projectId(), subnet.networkId(), PortService.DHCP_OWNER,
                    deviceId(subnet.networkId()), List.of(new FixedIp(subnet.id(), null)));
        } else if (!subnet.enableDhcp() && held.isPresent()) {
            ports.deleteFor(held.get().id());
        }
    }

    @Override
    public void beforeDelete(SubnetInfo subnet) {
        portOn(subnet).ifPresent(p -> ports.deleteFor(p.id()));
    }

    private Optional<PortInfo> portOn(SubnetInfo subnet) {
        return ports.onNetwork(subnet.networkId()).stream()
                .filter(p -> PortService.DHCP_OWNER.equals(p.deviceOwner()))
                .filter(p -> p.fixedIps().stream().anyMatch(f -> subnet.id().equals(f.subnetId())))
                .findFirst();
    }
}
