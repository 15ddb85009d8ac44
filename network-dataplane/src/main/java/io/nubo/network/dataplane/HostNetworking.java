package io.nubo.network.dataplane;

import java.util.List;

/**
 * What one compute host does for Neutron networks, behind one interface (the compute agent calls it; the network
 * service's port events say what to do). Every operation is idempotent: called again with the same arguments it
 * changes nothing, so an agent can replay events after a restart. The host itself never gets an address on a
 * tenant network: bridges carry no address, and the DHCP server's address lives inside its own namespace.
 */
public interface HostNetworking {

    /** The network's Linux bridge, up, with no address. */
    void ensureNetwork(String networkId, int mtu);

    /**
     * The network's DHCP server: namespace {@code qdhcp-<network>} joined to the bridge by a veth pair, holding
     * {@code subnet.serverAddress()}, running dnsmasq that answers only the hosts listed (a static lease per MAC).
     * Called again with other hosts, it rewrites the hosts file and tells dnsmasq to read it again.
     */
    void ensureDhcp(String networkId, DhcpSubnet subnet, List<DhcpHost> hosts);

    /** Puts an existing device (a guest's tap, a veth end) on the network's bridge. */
    void plug(String networkId, String device);

    /** Takes the device off its bridge (the device itself belongs to whoever made it). */
    void unplug(String device);

    /** The devices on this host that are ports of a bridge, each with its bridge (how a host sees what is plugged). */
    java.util.Map<String, String> bridgePorts();

    /** Removes everything {@link #ensureNetwork} and {@link #ensureDhcp} made for the network: nothing is left. */
    void teardown(String networkId);

    /** The bridge's name for a network ({@code brq} and the first 11 characters of its id, as Neutron's). */
    static String bridgeName(String networkId) {
        return "brq" + networkId.substring(0, Math.min(11, networkId.length()));
    }

    /** The DHCP namespace of a network. */
    static String dhcpNamespace(String networkId) {
        return "qdhcp-" + networkId;
    }

    /**
     * A subnet as DHCP serves it.
     *
     * @param cidr          e.g. {@code 10.0.0.0/24}
     * @param serverAddress the DHCP server's own address in the subnet (Neutron's DHCP port)
     * @param gateway       the router option, or null
     * @param dns           DNS servers handed out
     * @param mtu           the interface MTU handed out (option 26)
     */
    record DhcpSubnet(String cidr, String serverAddress, String gateway, List<String> dns, int mtu) {
    }

    /** A static lease: this MAC gets this address. */
    record DhcpHost(String mac, String ipAddress) {
    }
}
