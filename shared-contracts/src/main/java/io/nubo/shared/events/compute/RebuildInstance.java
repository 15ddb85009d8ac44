package io.nubo.shared.events.compute;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.nubo.shared.events.EventContract;
import io.nubo.shared.events.Topics;
import java.util.Map;

/** Rebuild an instance's root disk from {@code image} and boot it again (Nova's rebuild), same host and flavor. */
@EventContract(type = "compute.command.rebuild", version = "1.0", topic = Topics.COMPUTE_COMMANDS)
@JsonIgnoreProperties(ignoreUnknown = true)
public record RebuildInstance(
        @JsonProperty("instance_id") String instanceId,
        @JsonProperty("host") String host,
        @JsonProperty("action_id") String actionId,
        @JsonProperty("image") ImageSpec image,
        @JsonProperty("flavor") FlavorSpec flavor,
        @JsonProperty("display_name") String displayName,
        @JsonProperty("metadata") Map<String, String> metadata) implements ComputeCommand {
}
