package io.nubo.network.router;

import java.util.List;

/** What floating IPs know of a router: its owner, its gateway network and the subnets of its interfaces. */
public record RouterInfo(String id, String projectId, String gatewayNetworkId, List<String> interfaceSubnetIds) {
}
