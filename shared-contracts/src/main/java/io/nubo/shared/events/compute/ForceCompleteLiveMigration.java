package io.nubo.shared.events.compute;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.nubo.shared.events.EventContract;
import io.nubo.shared.events.Topics;

/**
 * To the source's agent ({@code host}) of the running live migration {@code actionId} (Nova's
 * {@code live_migration_force_complete}, 2.22): pause the guest so that its memory stops changing and the copy
 * converges; libvirt resumes it on the destination when the move ends. The agent reads it beside the running move
 * (its job consumer), and answers with an {@link InstanceReport} (operation
 * {@code live_migration_force_complete}) that changes no task: the move's own report ends the migration.
 */
@EventContract(type = "compute.command.live_migration_force_complete", version = "1.0",
        topic = Topics.COMPUTE_COMMANDS)
@JsonIgnoreProperties(ignoreUnknown = true)
public record ForceCompleteLiveMigration(
        @JsonProperty("instance_id") String instanceId,
        @JsonProperty("host") String host,
        @JsonProperty("action_id") String actionId) implements ComputeCommand {
}
