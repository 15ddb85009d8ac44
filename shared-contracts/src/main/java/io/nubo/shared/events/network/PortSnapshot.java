package io.nubo.shared.events.network;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * A port as it is after a change: what a host needs to plug it (network, segment, MTU, MAC, addresses) and to
 * filter it (port security, security groups, allowed address pairs).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record PortSnapshot(
        @JsonProperty("port_id") String portId,
        @JsonProperty("network_id") String networkId,
        @JsonProperty("project_id") String projectId,
        @JsonProperty("mac_address") String macAddress,
        @JsonProperty("fixed_ips") List<FixedIp> fixedIps,
        @JsonProperty("device_id") String deviceId,
        @JsonProperty("device_owner") String deviceOwner,
        @JsonProperty("host_id") String hostId,
        @JsonProperty("admin_state_up") boolean adminStateUp,
        @JsonProperty("mtu") int mtu,
        @JsonProperty("port_security_enabled") boolean portSecurityEnabled,
        @JsonProperty("security_group_ids") List<String> securityGroupIds,
        @JsonProperty("allowed_address_pairs") List<AddressPair> allowedAddressPairs) {

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record FixedIp(@JsonProperty("subnet_id") String subnetId, @JsonProperty("ip_address") String ipAddress) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record AddressPair(@JsonProperty("ip_address") String ipAddress,
                              @JsonProperty("mac_address") String macAddress) {
    }
}
