package io.nubo.network.ipam;

import java.util.List;

/**
 * What IPAM needs to know of a subnet: its prefix, the pools it hands addresses out of, and how IPv6 addresses are
 * chosen ({@code slaac} and {@code dhcpv6-stateless} derive them from the MAC, as Neutron does).
 */
public record AddressSpace(String subnetId, String networkId, Cidr cidr, List<AllocationPool> pools,
                           String ipv6AddressMode) {

    public boolean autoAddress() {
        return cidr.version() == 6 && ("slaac".equals(ipv6AddressMode) || "dhcpv6-stateless".equals(ipv6AddressMode));
    }

    public boolean inPools(String address) {
        java.math.BigInteger a = Cidr.toNumber(address);
        return pools.stream().anyMatch(p -> a.compareTo(Cidr.toNumber(p.start())) >= 0
                && a.compareTo(Cidr.toNumber(p.end())) <= 0);
    }
}
