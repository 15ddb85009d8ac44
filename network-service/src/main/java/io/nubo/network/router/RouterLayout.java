package io.nubo.network.router;

import io.nubo.network.port.PortInfo;
import java.util.List;

/**
 * A router as the network node builds it: its gateway port on the external network (null: none), SNAT, and its
 * interface ports on tenant networks (each holding a subnet's gateway address).
 */
public record RouterLayout(String id, boolean adminStateUp, String gatewayNetworkId, String gatewayPortId,
                           boolean enableSnat, List<PortInfo> interfaces) {
}
