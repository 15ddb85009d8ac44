package io.nubo.shared.events.compute;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.nubo.shared.events.EventContract;
import io.nubo.shared.events.Topics;

/**
 * Move the running instance live from {@code host} (the source, whose agent carries it out) to
 * {@code destination}. The source agent answers with {@link MigrationProgress} reports while it copies and one
 * {@link InstanceReport} (operation {@code live_migration}) at the end: SUCCEEDED when the guest runs on the
 * destination and is gone from the source, FAILED (the guest still running on the source) otherwise.
 *
 * @param blockMigration copy the local disks too (libvirt's non-shared block migration over NBD); false when the
 *                       disks are on storage both hosts share
 */
@EventContract(type = "compute.command.live_migrate", version = "1.0", topic = Topics.COMPUTE_COMMANDS)
@JsonIgnoreProperties(ignoreUnknown = true)
public record LiveMigrateInstance(
        @JsonProperty("instance_id") String instanceId,
        @JsonProperty("host") String host,
        @JsonProperty("action_id") String actionId,
        @JsonProperty("destination") MigrationDestination destination,
        @JsonProperty("block_migration") boolean blockMigration) implements ComputeCommand {
}
