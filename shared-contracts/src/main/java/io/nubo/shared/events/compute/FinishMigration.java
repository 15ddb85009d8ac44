package io.nubo.shared.events.compute;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.nubo.shared.events.EventContract;
import io.nubo.shared.events.Topics;

/**
 * Cold migration, second step, to the destination's agent ({@code host}; Nova's {@code finish_resize}): the guest
 * whose files {@link MigrateInstance} wrote here is defined, and started when {@code powerOn} (the instance ran
 * before its move). The volumes and NIC bridges were prepared by {@link PrepareLiveMigration}. Answered by an
 * {@link InstanceReport} (operation {@code migrate}); on failure the agent removes the guest and files here.
 *
 * @param source the host the guest comes from
 */
@EventContract(type = "compute.command.finish_migration", version = "1.0", topic = Topics.COMPUTE_COMMANDS)
@JsonIgnoreProperties(ignoreUnknown = true)
public record FinishMigration(
        @JsonProperty("instance_id") String instanceId,
        @JsonProperty("host") String host,
        @JsonProperty("action_id") String actionId,
        @JsonProperty("source") String source,
        @JsonProperty("power_on") boolean powerOn) implements ComputeCommand {
}
