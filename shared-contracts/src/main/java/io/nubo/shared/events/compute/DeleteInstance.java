package io.nubo.shared.events.compute;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.nubo.shared.events.EventContract;
import io.nubo.shared.events.Topics;

/** Destroy and undefine the guest and remove everything the agent made for it (disks, config drive, secrets). */
@EventContract(type = "compute.command.delete", version = "1.0", topic = Topics.COMPUTE_COMMANDS)
@JsonIgnoreProperties(ignoreUnknown = true)
public record DeleteInstance(
        @JsonProperty("instance_id") String instanceId,
        @JsonProperty("host") String host,
        @JsonProperty("action_id") String actionId) implements ComputeCommand {
}
