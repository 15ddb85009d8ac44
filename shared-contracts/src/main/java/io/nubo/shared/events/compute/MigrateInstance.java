package io.nubo.shared.events.compute;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.nubo.shared.events.EventContract;
import io.nubo.shared.events.Topics;

/**
 * Cold migration, first step, to the source's agent ({@code host}; Nova's {@code resize_instance} with no new
 * flavor): the guest is powered off and its local files (disks as self-contained images with no backing file,
 * config drive, kernel and ramdisk of a direct boot, console log) written to the destination's instance directory,
 * with the guest's definition there for the destination's agent. The source keeps its stopped guest and files
 * until {@link ConfirmMigration}. Answered by an {@link InstanceReport} (operation {@code migrate_disks}) whose
 * power state is the guest's before the move; on failure nothing is left on the destination and the guest runs
 * here again if it ran.
 */
@EventContract(type = "compute.command.migrate", version = "1.0", topic = Topics.COMPUTE_COMMANDS)
@JsonIgnoreProperties(ignoreUnknown = true)
public record MigrateInstance(
        @JsonProperty("instance_id") String instanceId,
        @JsonProperty("host") String host,
        @JsonProperty("action_id") String actionId,
        @JsonProperty("destination") MigrationDestination destination) implements ComputeCommand {
}
