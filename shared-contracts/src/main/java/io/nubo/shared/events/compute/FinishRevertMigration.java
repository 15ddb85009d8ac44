package io.nubo.shared.events.compute;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.nubo.shared.events.EventContract;
import io.nubo.shared.events.Topics;

/**
 * The source's guest runs again, to the source's agent ({@code host}; Nova's {@code finish_revert_resize}): the
 * stopped guest it kept since {@link MigrateInstance} is started when {@code powerOn}. Sent after a revert (then
 * answered as {@code revert_resize}) and after a cold migration that failed once the guest was off here (answered
 * as {@code migrate_restore}, which changes no task).
 */
@EventContract(type = "compute.command.finish_revert_migration", version = "1.0",
        topic = Topics.COMPUTE_COMMANDS)
@JsonIgnoreProperties(ignoreUnknown = true)
public record FinishRevertMigration(
        @JsonProperty("instance_id") String instanceId,
        @JsonProperty("host") String host,
        @JsonProperty("action_id") String actionId,
        @JsonProperty("power_on") boolean powerOn,
        @JsonProperty("operation") String operation) implements ComputeCommand {
}
