package io.nubo.network.router.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.nubo.shared.api.Link;
import java.util.List;
import tools.jackson.databind.JsonNode;

/** Routers as Neutron shows them, and the root wrappers of the routers API. */
public final class RouterViews {

    private RouterViews() {
    }

    public record ExternalFixedIp(@JsonProperty("subnet_id") String subnetId,
                                  @JsonProperty("ip_address") String ipAddress) {
    }

    public record Gateway(@JsonProperty("network_id") String networkId,
                          @JsonProperty("enable_snat") boolean enableSnat,
                          @JsonProperty("external_fixed_ips") List<ExternalFixedIp> externalFixedIps) {
    }

    public record Router(
            String id,
            String name,
            @JsonProperty("tenant_id") String tenantId,
            @JsonProperty("project_id") String projectId,
            @JsonProperty("admin_state_up") boolean adminStateUp,
            String status,
            @JsonProperty("external_gateway_info") Gateway externalGatewayInfo,
            String description,
            List<String> tags,
            @JsonProperty("created_at") String createdAt,
            @JsonProperty("updated_at") String updatedAt,
            @JsonProperty("revision_number") long revisionNumber) {
    }

    /** The answer of add_router_interface and remove_router_interface. */
    public record Interface(
            String id,
            @JsonProperty("tenant_id") String tenantId,
            @JsonProperty("project_id") String projectId,
            @JsonProperty("port_id") String portId,
            @JsonProperty("network_id") String networkId,
            @JsonProperty("subnet_id") String subnetId,
            @JsonProperty("subnet_ids") List<String> subnetIds) {
    }

    public record One(JsonNode router) {
    }

    public record Page(List<JsonNode> routers,
                       @JsonProperty("routers_links") @JsonInclude(JsonInclude.Include.NON_EMPTY) List<Link> links) {
    }
}
