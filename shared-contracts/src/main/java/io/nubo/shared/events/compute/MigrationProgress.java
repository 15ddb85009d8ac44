package io.nubo.shared.events.compute;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.nubo.shared.events.EventContract;
import io.nubo.shared.events.Topics;
import java.time.Instant;

/**
 * How far a live migration has come, from the source host (Nova's {@code os-migrations} progress figures), sent
 * about once a second while it runs. The end is the {@link InstanceReport} that answers the command.
 *
 * @param phase          {@code preparing}, {@code copying} or {@code switching}
 * @param dataTotal      bytes to send (memory and, in a block migration, disks), as libvirt's job reports them
 * @param dataProcessed  bytes sent so far
 * @param dataRemaining  bytes still to send
 */
@EventContract(type = "compute.agent.migration_progress", version = "1.0", topic = Topics.COMPUTE_AGENT)
@JsonIgnoreProperties(ignoreUnknown = true)
public record MigrationProgress(
        @JsonProperty("instance_id") String instanceId,
        @JsonProperty("host") String host,
        @JsonProperty("action_id") String actionId,
        @JsonProperty("destination_host") String destinationHost,
        @JsonProperty("phase") String phase,
        @JsonProperty("data_total") long dataTotal,
        @JsonProperty("data_processed") long dataProcessed,
        @JsonProperty("data_remaining") long dataRemaining,
        @JsonProperty("elapsed_ms") long elapsedMs,
        @JsonProperty("reported_at") Instant reportedAt) implements AgentReport {
}
