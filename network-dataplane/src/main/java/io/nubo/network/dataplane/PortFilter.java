package io.nubo.network.dataplane;

import java.util.List;
import java.util.Map;

/**
 * What one port's security groups allow, as the host enforces it (Neutron's firewall driver input): the port's own
 * addresses (anti-spoofing), the rules of all its groups, and the member addresses of every group a rule names as
 * its remote group.
 *
 * @param portId       the port (names its table)
 * @param device       the host device of the port ({@code tap<port id[:11]>}); it need not exist yet
 * @param mac          the port's MAC address
 * @param fixedIps     the port's fixed IPs (IPv4 and IPv6)
 * @param pairs        allowed address pairs: the MAC may also send from this address or prefix
 * @param rules        the rules of the port's security groups (none: all traffic but replies is dropped)
 * @param remoteGroups for each remote group a rule names, the fixed IPs and pair addresses of its member ports
 */
public record PortFilter(String portId, String device, String mac, List<String> fixedIps, List<Pair> pairs,
                         List<Rule> rules, Map<String, List<String>> remoteGroups) {

    public PortFilter {
        fixedIps = List.copyOf(fixedIps);
        pairs = List.copyOf(pairs);
        rules = List.copyOf(rules);
        remoteGroups = Map.copyOf(remoteGroups);
    }

    /** An allowed address pair: an address or a prefix, with the MAC it may come from. */
    public record Pair(String mac, String ipAddress) {
    }

    /**
     * A security group rule as Neutron stores it.
     *
     * @param direction     {@code ingress} or {@code egress}
     * @param ethertype     {@code IPv4} or {@code IPv6}
     * @param protocol      a name ({@code tcp}, {@code icmp}, ...) or number as given, null for any
     * @param portRangeMin  first port, or the ICMP type
     * @param portRangeMax  last port, or the ICMP code
     * @param remoteIpPrefix the far end's prefix, or null
     * @param remoteGroupId the far end's group, or null
     */
    public record Rule(String id, String direction, String ethertype, String protocol, Integer portRangeMin,
                       Integer portRangeMax, String remoteIpPrefix, String remoteGroupId) {
    }
}
