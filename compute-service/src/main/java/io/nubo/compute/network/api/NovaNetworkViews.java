package io.nubo.compute.network.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * Nova 2.1's nova-network shapes, served as proxies to the network service: os-security-groups,
 * os-security-group-rules, os-floating-ips and os-floating-ip-pools (api-ref, "(DEPRECATED)" sections).
 */
public final class NovaNetworkViews {

    private NovaNetworkViews() {
    }

    /** A rule's remote group: its name and project, or empty. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record GroupRef(String name, @JsonProperty("tenant_id") String tenantId) {
    }

    /** A rule's remote prefix, or empty. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record IpRange(String cidr) {
    }

    public record Rule(String id, @JsonProperty("parent_group_id") String parentGroupId,
                       @JsonProperty("ip_protocol") String ipProtocol, @JsonProperty("from_port") Integer fromPort,
                       @JsonProperty("to_port") Integer toPort, GroupRef group,
                       @JsonProperty("ip_range") IpRange ipRange) {
    }

    public record SecurityGroup(String id, String name, String description, @JsonProperty("tenant_id") String tenantId,
                                List<Rule> rules) {
    }

    public record OneGroup(@JsonProperty("security_group") SecurityGroup securityGroup) {
    }

    public record Groups(@JsonProperty("security_groups") List<SecurityGroup> securityGroups) {
    }

    public record OneRule(@JsonProperty("security_group_rule") Rule securityGroupRule) {
    }

    public record FloatingIp(String id, String ip, @JsonProperty("fixed_ip") String fixedIp,
                             @JsonProperty("instance_id") String instanceId, String pool) {
    }

    public record OneFloatingIp(@JsonProperty("floating_ip") FloatingIp floatingIp) {
    }

    public record FloatingIps(@JsonProperty("floating_ips") List<FloatingIp> floatingIps) {
    }

    public record Pool(String name) {
    }

    public record Pools(@JsonProperty("floating_ip_pools") List<Pool> floatingIpPools) {
    }
}
