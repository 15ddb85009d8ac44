package io.nubo.shared.events.compute;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.nubo.shared.events.EventContract;
import io.nubo.shared.events.Topics;

/** Hot-plug a volume into the instance (or add it to a stopped instance's definition). */
@EventContract(type = "compute.command.attach_volume", version = "1.0", topic = Topics.COMPUTE_COMMANDS)
@JsonIgnoreProperties(ignoreUnknown = true)
public record AttachVolume(
        @JsonProperty("instance_id") String instanceId,
        @JsonProperty("host") String host,
        @JsonProperty("action_id") String actionId,
        @JsonProperty("volume_id") String volumeId,
        @JsonProperty("device_name") String deviceName,
        @JsonProperty("connection") VolumeConnection connection) implements ComputeCommand {
}
