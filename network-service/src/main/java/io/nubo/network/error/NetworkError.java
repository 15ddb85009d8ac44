package io.nubo.network.error;

import io.nubo.shared.web.OpenStackException;
import org.springframework.http.HttpStatus;

/** Every error the network service answers, with Neutron's status, {@code type} and message. */
public enum NetworkError {
    BAD_REQUEST(HttpStatus.BAD_REQUEST, "HTTPBadRequest", "%s"),
    INVALID_ATTRIBUTE(HttpStatus.BAD_REQUEST, "HTTPBadRequest", "Invalid input for %s. Reason: %s."),
    INVALID_INPUT(HttpStatus.BAD_REQUEST, "InvalidInput", "Invalid input for operation: %s."),
    READ_ONLY_ATTRIBUTE(HttpStatus.BAD_REQUEST, "HTTPBadRequest", "Attribute '%s' not allowed in %s"),
    POLICY(HttpStatus.FORBIDDEN, "PolicyNotAuthorized", "(rule:%s) is disallowed by policy"),
    NOT_FOUND(HttpStatus.NOT_FOUND, "HTTPNotFound", "%s"),
    NETWORK_NOT_FOUND(HttpStatus.NOT_FOUND, "NetworkNotFound", "Network %s could not be found."),
    SUBNET_NOT_FOUND(HttpStatus.NOT_FOUND, "SubnetNotFound", "Subnet %s could not be found."),
    PORT_NOT_FOUND(HttpStatus.NOT_FOUND, "PortNotFound", "Port %s could not be found."),
    SECURITY_GROUP_NOT_FOUND(HttpStatus.NOT_FOUND, "SecurityGroupNotFound", "Security group %s does not exist"),
    SECURITY_GROUP_RULE_NOT_FOUND(HttpStatus.NOT_FOUND, "SecurityGroupRuleNotFound",
            "Security group rule %s does not exist"),
    ROUTER_NOT_FOUND(HttpStatus.NOT_FOUND, "RouterNotFound", "Router %s could not be found"),
    FLOATING_IP_NOT_FOUND(HttpStatus.NOT_FOUND, "FloatingIPNotFound", "Floating IP %s could not be found"),
    AGENT_NOT_FOUND(HttpStatus.NOT_FOUND, "AgentNotFound", "Agent %s could not be found."),
    EXTENSION_NOT_FOUND(HttpStatus.NOT_FOUND, "ExtensionNotFound", "Extension with alias %s does not exist"),
    TAG_NOT_FOUND(HttpStatus.NOT_FOUND, "TagNotFound", "Tag %s could not be found for %s %s."),
    ROUTER_INTERFACE_NOT_FOUND(HttpStatus.NOT_FOUND, "RouterInterfaceNotFoundForSubnet",
            "Router %s has no interface on subnet %s"),
    ROUTER_INTERFACE_PORT_NOT_FOUND(HttpStatus.NOT_FOUND, "RouterInterfaceNotFound",
            "Router %s does not have an interface with id %s"),
    EXTERNAL_GATEWAY_NOT_FOUND(HttpStatus.NOT_FOUND, "ExternalGatewayForFloatingIPNotFound",
            "External network %s is not reachable from subnet %s.  Therefore, cannot associate Port %s with a"
                    + " Floating IP."),
    NETWORK_IN_USE(HttpStatus.CONFLICT, "NetworkInUse",
            "Unable to complete operation on network %s. There are one or more ports still in use on the network."),
    SUBNETPOOL_NOT_FOUND(HttpStatus.NOT_FOUND, "SubnetPoolNotFound", "Subnet pool %s could not be found."),
    SUBNETPOOL_IN_USE(HttpStatus.CONFLICT, "SubnetPoolInUse",
            "Unable to complete operation on subnet pool %s. Subnets are allocated from it."),
    SUBNET_ALLOCATION_FAILED(HttpStatus.CONFLICT, "SubnetAllocationError", "Failed to allocate subnet: %s."),
    SUBNET_IN_USE(HttpStatus.CONFLICT, "SubnetInUse",
            "Unable to complete operation on subnet %s: One or more ports have an IP allocation from this subnet."),
    SECURITY_GROUP_IN_USE(HttpStatus.CONFLICT, "SecurityGroupInUse", "Security Group %s in use."),
    DEFAULT_SECURITY_GROUP(HttpStatus.CONFLICT, "SecurityGroupCannotRemoveDefault",
            "Insufficient rights for removing default security group."),
    SECURITY_GROUP_RULE_EXISTS(HttpStatus.CONFLICT, "SecurityGroupRuleExists",
            "Security group rule already exists. Rule id is %s."),
    IP_IN_USE(HttpStatus.CONFLICT, "IpAddressInUse",
            "Unable to complete operation for network %s. The IP address %s is in use."),
    MAC_IN_USE(HttpStatus.CONFLICT, "MacAddressInUse",
            "Unable to complete operation for network %s. The mac address %s is in use."),
    IP_EXHAUSTED(HttpStatus.CONFLICT, "IpAddressGenerationFailure", "No more IP addresses available on network %s."),
    ROUTER_IN_USE(HttpStatus.CONFLICT, "RouterInUse", "Router %s %s"),
    ROUTER_PORT_IN_USE(HttpStatus.CONFLICT, "PortInUse", "Unable to complete operation on port %s for network %s."
            + " Port already has an attached device %s."),
    ROUTER_INTERFACE_IN_USE(HttpStatus.BAD_REQUEST, "BadRequest",
            "Bad router request: Router already has a port on subnet %s."),
    FLOATING_IP_ASSOCIATED(HttpStatus.CONFLICT, "FloatingIPPortAlreadyAssociated",
            "Cannot associate floating IP %s (%s) with port %s using fixed IP %s, as that fixed IP already has a"
                    + " floating IP on external network %s."),
    ROUTER_GATEWAY_IN_USE(HttpStatus.CONFLICT, "RouterExternalGatewayInUseByFloatingIp",
            "Gateway cannot be updated for router %s, since a gateway to external network %s is required by one or"
                    + " more floating IPs."),
    OVER_QUOTA(HttpStatus.CONFLICT, "OverQuota", "Quota exceeded for resources: ['%s']."),
    CONFLICT(HttpStatus.CONFLICT, "Conflict", "%s"),
    IN_USE_BY_ROUTER(HttpStatus.CONFLICT, "PortInUse", "Port %s cannot be deleted directly via the port API: has"
            + " device owner %s.");

    private final HttpStatus status;
    private final String type;
    private final String template;

    NetworkError(HttpStatus status, String type, String template) {
        this.status = status;
        this.type = type;
        this.template = template;
    }

    public OpenStackException exception(Object... args) {
        return new OpenStackException(status, type, String.format(template, args));
    }
}
