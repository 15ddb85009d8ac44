package io.nubo.shared.events.compute;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.nubo.shared.events.EventContract;
import io.nubo.shared.events.Topics;

/**
 * To the source's agent ({@code host}) of the running live migration {@code actionId} (Nova's
 * {@code live_migration_abort}, 2.24): abort libvirt's migration job, so that the guest goes on running on the
 * source. The move's own report then fails (the migration {@code cancelled}, the destination's preparation
 * undone). Read beside the running move (the agent's job consumer); answered by an {@link InstanceReport}
 * (operation {@code live_migration_abort}) that changes no task.
 */
@EventContract(type = "compute.command.live_migration_abort", version = "1.0", topic = Topics.COMPUTE_COMMANDS)
@JsonIgnoreProperties(ignoreUnknown = true)
public record AbortLiveMigration(
        @JsonProperty("instance_id") String instanceId,
        @JsonProperty("host") String host,
        @JsonProperty("action_id") String actionId) implements ComputeCommand {
}
