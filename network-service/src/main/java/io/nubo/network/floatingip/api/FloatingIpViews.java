package io.nubo.network.floatingip.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.nubo.shared.api.Link;
import java.util.List;
import tools.jackson.databind.JsonNode;

/** Floating IPs as Neutron shows them, and the root wrappers of their API. */
public final class FloatingIpViews {

    private FloatingIpViews() {
    }

    public record FloatingIp(
            String id,
            @JsonProperty("tenant_id") String tenantId,
            @JsonProperty("project_id") String projectId,
            @JsonProperty("floating_network_id") String floatingNetworkId,
            @JsonProperty("floating_ip_address") String floatingIpAddress,
            @JsonProperty("router_id") String routerId,
            @JsonProperty("port_id") String portId,
            @JsonProperty("fixed_ip_address") String fixedIpAddress,
            String status,
            String description,
            List<String> tags,
            @JsonProperty("created_at") String createdAt,
            @JsonProperty("updated_at") String updatedAt,
            @JsonProperty("revision_number") long revisionNumber) {
    }

    public record One(JsonNode floatingip) {
    }

    public record Page(List<JsonNode> floatingips,
                       @JsonProperty("floatingips_links") @JsonInclude(JsonInclude.Include.NON_EMPTY) List<Link> links) {
    }
}
