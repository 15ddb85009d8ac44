package io.nubo.network.subnet.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.nubo.network.ipam.AllocationPool;
import java.util.List;

/** A subnet as Neutron shows it. */
public record SubnetView(
        String id,
        String name,
        @JsonProperty("tenant_id") String tenantId,
        @JsonProperty("project_id") String projectId,
        @JsonProperty("network_id") String networkId,
        @JsonProperty("ip_version") int ipVersion,
        @JsonProperty("subnetpool_id") String subnetpoolId,
        @JsonProperty("enable_dhcp") boolean enableDhcp,
        @JsonProperty("ipv6_ra_mode") String ipv6RaMode,
        @JsonProperty("ipv6_address_mode") String ipv6AddressMode,
        @JsonProperty("gateway_ip") String gatewayIp,
        String cidr,
        @JsonProperty("allocation_pools") List<AllocationPool> allocationPools,
        @JsonProperty("host_routes") List<HostRoute> hostRoutes,
        @JsonProperty("dns_nameservers") List<String> dnsNameservers,
        String description,
        List<String> tags,
        @JsonProperty("created_at") String createdAt,
        @JsonProperty("updated_at") String updatedAt,
        @JsonProperty("revision_number") long revisionNumber) {
}
