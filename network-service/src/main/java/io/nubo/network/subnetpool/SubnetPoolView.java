package io.nubo.network.subnetpool;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** A subnet pool as Neutron shows it ({@code subnet_allocation}); address scopes and pool quotas are not served. */
public record SubnetPoolView(
        String id,
        String name,
        @JsonProperty("tenant_id") String tenantId,
        @JsonProperty("project_id") String projectId,
        @JsonProperty("ip_version") int ipVersion,
        List<String> prefixes,
        @JsonProperty("default_prefixlen") int defaultPrefixlen,
        @JsonProperty("min_prefixlen") int minPrefixlen,
        @JsonProperty("max_prefixlen") int maxPrefixlen,
        boolean shared,
        @JsonProperty("is_default") boolean isDefault,
        @JsonProperty("address_scope_id") String addressScopeId,
        @JsonProperty("default_quota") Integer defaultQuota,
        String description,
        List<String> tags,
        @JsonProperty("created_at") String createdAt,
        @JsonProperty("updated_at") String updatedAt,
        @JsonProperty("revision_number") long revisionNumber) {
}
