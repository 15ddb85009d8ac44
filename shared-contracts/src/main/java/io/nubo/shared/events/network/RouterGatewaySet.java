package io.nubo.shared.events.network;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.nubo.shared.events.EventContract;
import io.nubo.shared.events.Topics;
import java.time.Instant;
import java.util.List;

/** A router got (or changed) its gateway on an external network: its SNAT address is the first external fixed IP. */
@EventContract(type = "network.router.gateway_set", version = "1.0", topic = Topics.NETWORK)
@JsonIgnoreProperties(ignoreUnknown = true)
public record RouterGatewaySet(
        @JsonProperty("router_id") String routerId,
        @JsonProperty("project_id") String projectId,
        @JsonProperty("network_id") String networkId,
        @JsonProperty("gateway_port_id") String gatewayPortId,
        @JsonProperty("enable_snat") boolean enableSnat,
        @JsonProperty("external_fixed_ips") List<PortSnapshot.FixedIp> externalFixedIps,
        @JsonProperty("occurred_at") Instant occurredAt) implements NetworkChange {
}
