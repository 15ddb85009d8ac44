package io.nubo.shared.events.compute;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.nubo.shared.events.EventContract;
import io.nubo.shared.events.Topics;

/** The answer to {@link ConsoleOutputRequested}: the tail of the guest's serial console log, or an error. */
@EventContract(type = "compute.agent.console_output", version = "1.0", topic = Topics.COMPUTE_AGENT)
@JsonIgnoreProperties(ignoreUnknown = true)
public record ConsoleOutput(
        @JsonProperty("instance_id") String instanceId,
        @JsonProperty("host") String host,
        @JsonProperty("action_id") String actionId,
        @JsonProperty("output") String output,
        @JsonProperty("error") String error) implements AgentReport {
}
