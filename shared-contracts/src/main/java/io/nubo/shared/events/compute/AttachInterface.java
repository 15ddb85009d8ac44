package io.nubo.shared.events.compute;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.nubo.shared.events.EventContract;
import io.nubo.shared.events.Topics;

/** Hot-plug a NIC for a port bound to the instance (os-interface). */
@EventContract(type = "compute.command.attach_interface", version = "1.0", topic = Topics.COMPUTE_COMMANDS)
@JsonIgnoreProperties(ignoreUnknown = true)
public record AttachInterface(
        @JsonProperty("instance_id") String instanceId,
        @JsonProperty("host") String host,
        @JsonProperty("action_id") String actionId,
        @JsonProperty("nic") NicSpec nic) implements ComputeCommand {
}
