package io.nubo.shared.events.compute;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.nubo.shared.events.EventContract;
import io.nubo.shared.events.Topics;

/**
 * Confirm of a cold migration, to the source's agent ({@code host}; Nova's {@code confirm_resize} on the source):
 * the stopped guest the source kept is undefined and its files deleted, with the secrets of its iSCSI volumes.
 * Answered by an {@link InstanceReport} (operation {@code confirm_resize}) that carries {@code powerState}, the
 * instance's power on the destination (the source's guest is off, and the confirm keeps the instance's power);
 * a guest already gone is no failure.
 */
@EventContract(type = "compute.command.confirm_migration", version = "1.0", topic = Topics.COMPUTE_COMMANDS)
@JsonIgnoreProperties(ignoreUnknown = true)
public record ConfirmMigration(
        @JsonProperty("instance_id") String instanceId,
        @JsonProperty("host") String host,
        @JsonProperty("action_id") String actionId,
        @JsonProperty("power_state") PowerState powerState) implements ComputeCommand {
}
