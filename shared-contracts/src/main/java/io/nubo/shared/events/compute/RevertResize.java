package io.nubo.shared.events.compute;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.nubo.shared.events.EventContract;
import io.nubo.shared.events.Topics;

/**
 * revertResize: the guest is powered off, the disks a {@link ResizeInstance} kept aside put back, the guest defined
 * again with {@code flavor} (the one before the resize) and started when it was running; answered as
 * {@code revert_resize}.
 *
 * @param image the image the instance was booted from, or null for a volume-backed instance
 */
@EventContract(type = "compute.command.revert_resize", version = "1.0", topic = Topics.COMPUTE_COMMANDS)
@JsonIgnoreProperties(ignoreUnknown = true)
public record RevertResize(
        @JsonProperty("instance_id") String instanceId,
        @JsonProperty("host") String host,
        @JsonProperty("action_id") String actionId,
        @JsonProperty("flavor") FlavorSpec flavor,
        @JsonProperty("image") ImageSpec image) implements ComputeCommand {
}
