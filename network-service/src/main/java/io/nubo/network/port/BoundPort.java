package io.nubo.network.port;

import io.nubo.network.port.api.AddressPair;
import io.nubo.network.port.api.FixedIp;
import java.util.List;

/**
 * A port bound to a host, as the host's firewall and plugging read it.
 *
 * @param pairs          allowed address pairs, each with its MAC (the port's when none was given)
 * @param securityGroups its groups (empty when port security is off)
 * @param status         {@code ACTIVE} once its device is plugged on the host, {@code DOWN} otherwise
 */
public record BoundPort(String id, String networkId, String macAddress, String deviceOwner, String hostId,
                        boolean adminStateUp, boolean portSecurityEnabled, List<FixedIp> fixedIps,
                        List<AddressPair> pairs, List<String> securityGroups, String status) {
}
