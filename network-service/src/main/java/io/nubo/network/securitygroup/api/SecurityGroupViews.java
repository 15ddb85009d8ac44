package io.nubo.network.securitygroup.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.nubo.shared.api.Link;
import java.util.List;
import tools.jackson.databind.JsonNode;

/** Security groups and rules as Neutron shows them, and the root wrappers of their APIs. */
public final class SecurityGroupViews {

    private SecurityGroupViews() {
    }

    public record Group(
            String id,
            String name,
            String description,
            @JsonProperty("tenant_id") String tenantId,
            @JsonProperty("project_id") String projectId,
            boolean stateful,
            @JsonProperty("security_group_rules") List<Rule> rules,
            List<String> tags,
            @JsonProperty("created_at") String createdAt,
            @JsonProperty("updated_at") String updatedAt,
            @JsonProperty("revision_number") long revisionNumber) {
    }

    public record Rule(
            String id,
            @JsonProperty("tenant_id") String tenantId,
            @JsonProperty("project_id") String projectId,
            @JsonProperty("security_group_id") String securityGroupId,
            String direction,
            String ethertype,
            String protocol,
            @JsonProperty("port_range_min") Integer portRangeMin,
            @JsonProperty("port_range_max") Integer portRangeMax,
            @JsonProperty("remote_ip_prefix") String remoteIpPrefix,
            @JsonProperty("normalized_cidr") String normalizedCidr,
            @JsonProperty("remote_group_id") String remoteGroupId,
            String description,
            @JsonProperty("created_at") String createdAt,
            @JsonProperty("updated_at") String updatedAt,
            @JsonProperty("revision_number") long revisionNumber) {
    }

    public record One(@JsonProperty("security_group") JsonNode group) {
    }

    public record Page(@JsonProperty("security_groups") List<JsonNode> groups,
                       @JsonProperty("security_groups_links") @JsonInclude(JsonInclude.Include.NON_EMPTY)
                       List<Link> links) {
    }

    public record OneRule(@JsonProperty("security_group_rule") JsonNode rule) {
    }

    public record ManyRules(@JsonProperty("security_group_rules") JsonNode rules) {
    }

    public record RulePage(@JsonProperty("security_group_rules") List<JsonNode> rules,
                           @JsonProperty("security_group_rules_links") @JsonInclude(JsonInclude.Include.NON_EMPTY)
                           List<Link> links) {
    }
}
