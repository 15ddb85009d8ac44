package io.nubo.network.network.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** A network as Neutron shows it (provider attributes are removed for non-admins by the renderer). */
public record NetworkView(
        String id,
        String name,
        @JsonProperty("tenant_id") String tenantId,
        @JsonProperty("project_id") String projectId,
        @JsonProperty("admin_state_up") boolean adminStateUp,
        int mtu,
        String status,
        List<String> subnets,
        boolean shared,
        @JsonProperty("port_security_enabled") boolean portSecurityEnabled,
        @JsonProperty("router:external") boolean external,
        @JsonProperty("provider:network_type") String networkType,
        @JsonProperty("provider:physical_network") String physicalNetwork,
        @JsonProperty("provider:segmentation_id") Integer segmentationId,
        String description,
        List<String> tags,
        @JsonProperty("created_at") String createdAt,
        @JsonProperty("updated_at") String updatedAt,
        @JsonProperty("revision_number") long revisionNumber) {

    public static final List<String> PROVIDER = List.of("provider:network_type", "provider:physical_network",
            "provider:segmentation_id");
}
