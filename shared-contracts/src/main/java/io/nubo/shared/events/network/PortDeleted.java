package io.nubo.shared.events.network;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.nubo.shared.events.EventContract;
import io.nubo.shared.events.Topics;
import java.time.Instant;

/** A port was deleted (the snapshot is the port as it was before). */
@EventContract(type = "network.port.deleted", version = "1.0", topic = Topics.NETWORK)
@JsonIgnoreProperties(ignoreUnknown = true)
public record PortDeleted(@JsonProperty("port") PortSnapshot port, @JsonProperty("occurred_at") Instant occurredAt)
        implements NetworkChange {
}
