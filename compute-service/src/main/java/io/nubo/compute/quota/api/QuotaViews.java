package io.nubo.compute.quota.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** Nova's os-quota-sets and limits JSON shapes at 2.1. */
public final class QuotaViews {

    private QuotaViews() {
    }

    /** One quota set: every resource, as limits ({@link Integer}) or as {@link Detail}s; {@code id} on reads. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record QuotaSet<T>(String id, T instances, T cores, T ram,
                              @JsonProperty("floating_ips") T floatingIps, @JsonProperty("fixed_ips") T fixedIps,
                              @JsonProperty("metadata_items") T metadataItems, @JsonProperty("key_pairs") T keyPairs,
                              @JsonProperty("security_groups") T securityGroups,
                              @JsonProperty("security_group_rules") T securityGroupRules,
                              @JsonProperty("server_groups") T serverGroups,
                              @JsonProperty("server_group_members") T serverGroupMembers,
                              @JsonProperty("injected_files") T injectedFiles,
                              @JsonProperty("injected_file_content_bytes") T injectedFileContentBytes,
                              @JsonProperty("injected_file_path_bytes") T injectedFilePathBytes) {
    }

    public record Detail(int limit, @JsonProperty("in_use") int inUse, int reserved) {
    }

    public record One<T>(@JsonProperty("quota_set") QuotaSet<T> quotaSet) {
    }

    public record Absolute(
            int maxTotalInstances, int maxTotalCores, int maxTotalRAMSize, int maxTotalKeypairs,
            int maxServerMeta, int maxImageMeta, int maxPersonality, int maxPersonalitySize,
            int maxTotalFloatingIps, int maxSecurityGroups, int maxSecurityGroupRules,
            int maxServerGroups, int maxServerGroupMembers,
            int totalInstancesUsed, int totalCoresUsed, int totalRAMUsed, int totalFloatingIpsUsed,
            int totalSecurityGroupsUsed, int totalServerGroupsUsed) {
    }

    public record Limits(List<Object> rate, Absolute absolute) {
    }

    public record LimitsOne(Limits limits) {
    }
}
