package io.nubo.shared.events.network;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.nubo.shared.events.EventContract;
import io.nubo.shared.events.Topics;
import java.time.Instant;

/** A port was created (the snapshot is the port after the change). */
@EventContract(type = "network.port.created", version = "1.0", topic = Topics.NETWORK)
@JsonIgnoreProperties(ignoreUnknown = true)
public record PortCreated(@JsonProperty("port") PortSnapshot port, @JsonProperty("occurred_at") Instant occurredAt)
        implements NetworkChange {
}
