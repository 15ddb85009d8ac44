package io.nubo.shared.events.compute;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.nubo.shared.events.EventContract;
import io.nubo.shared.events.Topics;

/**
 * Resize an instance on its own host (Nova's resize with {@code allow_resize_to_same_host}): the guest is powered
 * off, its disks kept aside as they are (for a revert), the root disk grown to {@code flavor}'s, ephemeral and swap
 * made anew when their size changes, the guest defined again with the new vCPUs and RAM and started when it was
 * running. Answered by an {@link InstanceReport} of operation {@code resize}; {@link ConfirmResize} drops the kept
 * disks, {@link RevertResize} brings them back.
 *
 * @param flavor    the new flavor
 * @param oldFlavor the flavor the guest runs with now
 * @param image     the image the instance was booted from, or null for a volume-backed instance
 */
@EventContract(type = "compute.command.resize", version = "1.0", topic = Topics.COMPUTE_COMMANDS)
@JsonIgnoreProperties(ignoreUnknown = true)
public record ResizeInstance(
        @JsonProperty("instance_id") String instanceId,
        @JsonProperty("host") String host,
        @JsonProperty("action_id") String actionId,
        @JsonProperty("flavor") FlavorSpec flavor,
        @JsonProperty("old_flavor") FlavorSpec oldFlavor,
        @JsonProperty("image") ImageSpec image) implements ComputeCommand {
}
