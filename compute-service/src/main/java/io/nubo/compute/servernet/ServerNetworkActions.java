package io.nubo.compute.servernet;

import io.nubo.compute.error.ComputeError;
import io.nubo.compute.network.FloatingIpProxy;
import io.nubo.compute.network.SecurityGroupProxy;
import io.nubo.compute.server.Instance;
import io.nubo.compute.server.ServerActionExtension;
import io.nubo.compute.wire.Access;
import io.nubo.compute.wire.Caller;
import io.nubo.compute.wire.ComputePolicy;
import java.util.Set;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * Nova 2.1's server actions of the nova-network proxies: addSecurityGroup / removeSecurityGroup (the group on or off
 * every port of the server) and addFloatingIp / removeFloatingIp (the address associated with one of its ports),
 * all through the network service with the caller's token; 202 as Nova.
 */
@Component
class ServerNetworkActions implements ServerActionExtension {

    private final SecurityGroupProxy groups;
    private final FloatingIpProxy floatingIps;
    private final Access access;

    ServerNetworkActions(SecurityGroupProxy groups, FloatingIpProxy floatingIps, Access access) {
        this.groups = groups;
        this.floatingIps = floatingIps;
        this.access = access;
    }

    @Override
    public Set<String> actions() {
        return Set.of("addSecurityGroup", "removeSecurityGroup", "addFloatingIp", "removeFloatingIp");
    }

    @Override
    public ResponseEntity<Object> handle(Caller caller, Instance server, String action, JsonNode body) {
        switch (action) {
            case "addSecurityGroup", "removeSecurityGroup" -> {
                access.check(ComputePolicy.SECURITY_GROUPS, caller, server.projectId());
                String name = groupName(body);
                if (action.equals("addSecurityGroup")) {
                    groups.addToInstance(caller, server.id(), name);
                } else {
                    groups.removeFromInstance(caller, server.id(), name);
                }
            }
            default -> {
                access.check(ComputePolicy.FLOATING_IPS, caller, server.projectId());
                String address = body == null || !body.path("address").isString() ? null
                        : body.path("address").asString();
                if (address == null || address.isBlank()) {
                    throw ComputeError.BAD_REQUEST.exception("Invalid input for field/attribute address. Value: None."
                            + " 'address' is a required property");
                }
                if (action.equals("addFloatingIp")) {
                    String fixed = body.path("fixed_address").isString() ? body.path("fixed_address").asString() : null;
                    floatingIps.associate(caller, server.id(), address, fixed);
                } else {
                    floatingIps.disassociate(caller, server.id(), address);
                }
            }
        }
        return ResponseEntity.accepted().build();
    }

    /** Nova's _parse for the security group actions. */
    private static String groupName(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw ComputeError.BAD_REQUEST.exception("Missing parameter dict");
        }
        if (!body.has("name")) {
            throw ComputeError.BAD_REQUEST.exception("Security group not specified");
        }
        String name = body.path("name").isString() ? body.path("name").asString() : null;
        if (name == null || name.isBlank()) {
            throw ComputeError.BAD_REQUEST.exception("Security group name cannot be empty");
        }
        return name.strip();
    }
}
