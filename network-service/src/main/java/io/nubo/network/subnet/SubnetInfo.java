package io.nubo.network.subnet;

import io.nubo.network.ipam.AddressSpace;
import io.nubo.network.subnet.api.HostRoute;
import java.util.List;

/** What other features (ports, routers, the data plane) know of a subnet. */
public record SubnetInfo(String id, String projectId, String networkId, String name, int ipVersion, String cidr,
                         String gatewayIp, boolean enableDhcp, List<String> dnsNameservers,
                         List<HostRoute> hostRoutes, AddressSpace space) {
}
