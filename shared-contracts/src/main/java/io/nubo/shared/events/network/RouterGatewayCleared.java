package io.nubo.shared.events.network;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.nubo.shared.events.EventContract;
import io.nubo.shared.events.Topics;
import java.time.Instant;

/** A router lost its gateway (cleared, or the router was deleted). */
@EventContract(type = "network.router.gateway_cleared", version = "1.0", topic = Topics.NETWORK)
@JsonIgnoreProperties(ignoreUnknown = true)
public record RouterGatewayCleared(
        @JsonProperty("router_id") String routerId,
        @JsonProperty("project_id") String projectId,
        @JsonProperty("network_id") String networkId,
        @JsonProperty("occurred_at") Instant occurredAt) implements NetworkChange {
}
