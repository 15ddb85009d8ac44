package io.nubo.shared.events.compute;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.nubo.shared.events.EventContract;
import io.nubo.shared.events.Topics;

/**
 * Revert of a cold migration, first step, to the destination's agent ({@code host}; Nova's {@code revert_resize}
 * on the destination): the guest there is powered off and undefined, and its files deleted. Answered by an
 * {@link InstanceReport} (operation {@code revert_migration}) that carries {@code powerState}, the instance's power
 * before the revert (the power this host's guest had, which the lifecycle event of its stop must not decide), after
 * which the source gets {@link FinishRevertMigration}.
 */
@EventContract(type = "compute.command.revert_migration", version = "1.0", topic = Topics.COMPUTE_COMMANDS)
@JsonIgnoreProperties(ignoreUnknown = true)
public record RevertMigration(
        @JsonProperty("instance_id") String instanceId,
        @JsonProperty("host") String host,
        @JsonProperty("action_id") String actionId,
        @JsonProperty("power_state") PowerState powerState) implements ComputeCommand {
}
