package io.nubo.network.dataplane;

import java.util.List;

/**
 * What one Neutron router is on the network node: its interfaces on tenant networks (each a port holding the
 * subnet's gateway address), its gateway on an external network, SNAT for the inside, and its floating IPs.
 *
 * @param routerId   names the namespace {@code qrouter-<id>}
 * @param interfaces the router's ports on tenant networks
 * @param gateway    its port on the external network, or null
 * @param enableSnat whether traffic from the inside leaves with the gateway's address
 * @param floatingIps floating IP to fixed IP translations through the gateway
 */
public record RouterSpec(String routerId, List<Interface> interfaces, Gateway gateway, boolean enableSnat,
                         List<FloatingIp> floatingIps) {

    public RouterSpec {
        interfaces = List.copyOf(interfaces);
        floatingIps = List.copyOf(floatingIps);
    }

    /** A router port: on this network, with this MAC and address/prefix (e.g. {@code 10.0.0.1/24}). */
    public record Interface(String portId, String networkId, String mac, String cidrAddress, int mtu) {
    }

    /** The external port, and the external network's gateway (the default route; null for none). */
    public record Gateway(Interface port, String nextHop) {
    }

    /** Traffic to {@code floatingIp} goes to {@code fixedIp}; traffic from {@code fixedIp} leaves as it. */
    public record FloatingIp(String floatingIp, String fixedIp) {
    }
}
