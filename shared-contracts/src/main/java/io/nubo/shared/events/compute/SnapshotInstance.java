package io.nubo.shared.events.compute;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.nubo.shared.events.EventContract;
import io.nubo.shared.events.Topics;

/**
 * createImage: the API has already created the image record {@code imageId} (status queued) in the image service;
 * the agent converts the root disk ({@code qemu-img convert}) and uploads the data to that image.
 */
@EventContract(type = "compute.command.snapshot", version = "1.0", topic = Topics.COMPUTE_COMMANDS)
@JsonIgnoreProperties(ignoreUnknown = true)
public record SnapshotInstance(
        @JsonProperty("instance_id") String instanceId,
        @JsonProperty("host") String host,
        @JsonProperty("action_id") String actionId,
        @JsonProperty("image_id") String imageId,
        @JsonProperty("disk_format") String diskFormat) implements ComputeCommand {
}
