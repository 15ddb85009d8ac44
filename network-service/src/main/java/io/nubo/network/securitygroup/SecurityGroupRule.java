package io.nubo.network.securitygroup;

/**
 * A rule as the data plane reads it: what traffic it lets in or out. Protocol is Neutron's name or number as given
 * (null: any); for ICMP the port range is type and code.
 */
public record SecurityGroupRule(String id, String securityGroupId, String direction, String ethertype,
                                String protocol, Integer portRangeMin, Integer portRangeMax, String remoteIpPrefix,
                                String remoteGroupId) {
}
