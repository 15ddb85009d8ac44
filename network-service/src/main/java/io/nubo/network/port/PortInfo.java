package io.nubo.network.port;

import io.nubo.network.port.api.FixedIp;
import java.util.List;

/**
 * What other features (routers, floating IPs, DHCP) know of a port.
 *
 * @param hostId the host it is bound to ({@code binding:host_id}), empty when unbound
 */
public record PortInfo(String id, String projectId, String networkId, String macAddress, String deviceId,
                       String deviceOwner, List<FixedIp> fixedIps, String hostId, boolean adminStateUp) {
}
