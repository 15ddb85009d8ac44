package io.nubo.network.subnet;

import io.nubo.network.common.Json;
import io.nubo.network.common.StandardAttributes;
import io.nubo.network.ipam.AddressSpace;
import io.nubo.network.ipam.AllocationPool;
import io.nubo.network.ipam.Cidr;
import io.nubo.network.subnet.api.HostRoute;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.util.List;

/** A subnet row; pools, DNS servers and host routes are small ordered lists kept as JSON text. */
@Entity
@Table(name = "subnets")
class SubnetEntity extends StandardAttributes {

    @Column(name = "network_id", updatable = false)
    String networkId;
    String name = "";
    @Column(name = "ip_version", updatable = false)
    int ipVersion;
    @Column(updatable = false)
    String cidr;
    @Column(name = "gateway_ip")
    String gatewayIp;
    @Column(name = "enable_dhcp")
    boolean enableDhcp = true;
    @Column(name = "ipv6_ra_mode", updatable = false)
    String ipv6RaMode;
    @Column(name = "ipv6_address_mode", updatable = false)
    String ipv6AddressMode;
    @Column(name = "allocation_pools")
    String allocationPools = "[]";
    @Column(name = "dns_nameservers")
    String dnsNameservers = "[]";
    @Column(name = "host_routes")
    String hostRoutes = "[]";
    @Column(name = "subnetpool_id", updatable = false)
    String subnetpoolId;

    protected SubnetEntity() {
    }

    SubnetEntity(String projectId) {
        super(projectId);
    }

    List<AllocationPool> pools() {
        return Json.readList(allocationPools, AllocationPool.class);
    }

    List<String> dns() {
        return Json.readList(dnsNameservers, String.class);
    }

    List<HostRoute> routes() {
        return Json.readList(hostRoutes, HostRoute.class);
    }

    SubnetInfo info() {
        return new SubnetInfo(getId(), getProjectId(), networkId, name, ipVersion, cidr, gatewayIp, enableDhcp,
                dns(), routes(), new AddressSpace(getId(), networkId, Cidr.parse(cidr), pools(), ipv6AddressMode));
    }
}
