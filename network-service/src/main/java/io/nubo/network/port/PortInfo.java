package io.nubo.network.port;

import io.nubo.network.port.api.FixedIp;
import java.util.List;

/** What other features (routers, floating IPs) know of a port. */
public record PortInfo(String id, String projectId, String networkId, String macAddress, String deviceId,
                       String deviceOwner, List<FixedIp> fixedIps) {
}
