package io.nubo.shared.events.compute;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.nubo.shared.events.EventContract;
import io.nubo.shared.events.Topics;
import java.util.List;

/**
 * After a live migration failed with the guest still on the source, to the destination's agent ({@code host};
 * Nova's {@code rollback_live_migration_at_destination}): remove what {@link PrepareLiveMigration} made there for
 * the instance (the secrets of its volumes), unless the guest runs there after all. Answered by an
 * {@link InstanceReport} (operation {@code rollback_live_migration}), which changes no task.
 */
@EventContract(type = "compute.command.rollback_live_migration", version = "1.0",
        topic = Topics.COMPUTE_COMMANDS)
@JsonIgnoreProperties(ignoreUnknown = true)
public record RollbackLiveMigrationAtDestination(
        @JsonProperty("instance_id") String instanceId,
        @JsonProperty("host") String host,
        @JsonProperty("action_id") String actionId,
        @JsonProperty("volume_ids") List<String> volumeIds) implements ComputeCommand {

    public RollbackLiveMigrationAtDestination {
        volumeIds = volumeIds == null ? List.of() : List.copyOf(volumeIds);
    }
}
