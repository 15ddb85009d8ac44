package io.nubo.shared.events.compute;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.nubo.shared.events.EventContract;
import io.nubo.shared.events.Topics;

/**
 * os-getConsoleOutput: the agent answers with a {@link ConsoleOutput} carrying the same {@code actionId} (the
 * correlation id the waiting API request listens for). {@code length} is the number of lines wanted, or 0 for all
 * (the agent never returns more than 100 KiB).
 */
@EventContract(type = "compute.command.console_output", version = "1.0", topic = Topics.COMPUTE_COMMANDS)
@JsonIgnoreProperties(ignoreUnknown = true)
public record ConsoleOutputRequested(
        @JsonProperty("instance_id") String instanceId,
        @JsonProperty("host") String host,
        @JsonProperty("action_id") String actionId,
        @JsonProperty("length") int length) implements ComputeCommand {
}
