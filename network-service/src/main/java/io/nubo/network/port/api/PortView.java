package io.nubo.network.port.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/** A port as Neutron shows it (binding details other than vnic_type are removed for non-admins). */
public record PortView(
        String id,
        String name,
        @JsonProperty("network_id") String networkId,
        @JsonProperty("tenant_id") String tenantId,
        @JsonProperty("project_id") String projectId,
        @JsonProperty("mac_address") String macAddress,
        @JsonProperty("admin_state_up") boolean adminStateUp,
        String status,
        @JsonProperty("device_id") String deviceId,
        @JsonProperty("device_owner") String deviceOwner,
        @JsonProperty("fixed_ips") List<FixedIp> fixedIps,
        @JsonProperty("allowed_address_pairs") List<AddressPair> allowedAddressPairs,
        @JsonProperty("security_groups") List<String> securityGroups,
        @JsonProperty("port_security_enabled") boolean portSecurityEnabled,
        @JsonProperty("binding:host_id") String hostId,
        @JsonProperty("binding:vif_type") String vifType,
        @JsonProperty("binding:vif_details") Map<String, Object> vifDetails,
        @JsonProperty("binding:vnic_type") String vnicType,
        @JsonProperty("binding:profile") Map<String, Object> profile,
        String description,
        List<String> tags,
        @JsonProperty("created_at") String createdAt,
        @JsonProperty("updated_at") String updatedAt,
        @JsonProperty("revision_number") long revisionNumber) {

    /** What only admins see (Neutron's {@code get_port:binding:*} rules). */
    public static final List<String> ADMIN_ONLY = List.of("binding:host_id", "binding:vif_type",
            "binding:vif_details", "binding:profile");
}
