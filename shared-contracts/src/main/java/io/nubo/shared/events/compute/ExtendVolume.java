package io.nubo.shared.events.compute;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.nubo.shared.events.EventContract;
import io.nubo.shared.events.Topics;

/**
 * An attached volume grew (block storage's {@code block-storage.volume.resized}, Cinder's {@code volume-extended}
 * external event): the running guest's disk whose serial is the volume id is resized to {@code new_size_bytes}, so
 * the guest sees the new capacity (Nova's compute {@code extend_volume}).
 */
@EventContract(type = "compute.command.extend_volume", version = "1.0", topic = Topics.COMPUTE_COMMANDS)
@JsonIgnoreProperties(ignoreUnknown = true)
public record ExtendVolume(
        @JsonProperty("instance_id") String instanceId,
        @JsonProperty("host") String host,
        @JsonProperty("action_id") String actionId,
        @JsonProperty("volume_id") String volumeId,
        @JsonProperty("new_size_bytes") long newSizeBytes) implements ComputeCommand {
}
