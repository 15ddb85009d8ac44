package io.nubo.shared.events.network;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.nubo.shared.events.EventContract;
import io.nubo.shared.events.Topics;
import java.time.Instant;

/**
 * A floating IP was disassociated from the port it pointed at (port and fixed IP are the ones it had); metering counts
 * associated floating IPs per project.
 */
@EventContract(type = "network.floatingip.disassociated", version = "1.0", topic = Topics.NETWORK)
@JsonIgnoreProperties(ignoreUnknown = true)
public record FloatingIpDisassociated(
        @JsonProperty("floatingip_id") String floatingIpId,
        @JsonProperty("project_id") String projectId,
        @JsonProperty("floating_network_id") String floatingNetworkId,
        @JsonProperty("floating_ip_address") String floatingIpAddress,
        @JsonProperty("port_id") String portId,
        @JsonProperty("fixed_ip_address") String fixedIpAddress,
        @JsonProperty("router_id") String routerId,
        @JsonProperty("occurred_at") Instant occurredAt) implements NetworkChange {
}
