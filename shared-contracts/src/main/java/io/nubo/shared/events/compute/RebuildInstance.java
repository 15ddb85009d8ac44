package io.nubo.shared.events.compute;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.nubo.shared.events.EventContract;
import io.nubo.shared.events.Topics;
import java.util.Map;

/**
 * Rebuild an instance's root disk from {@code image} and boot it again (Nova's rebuild), same host and flavor.
 * {@code powerOn} false (1.1; absent means true) leaves the rebuilt guest shut off: Nova keeps a server that was
 * stopped before its rebuild stopped after it.
 */
@EventContract(type = "compute.command.rebuild", version = "1.1", topic = Topics.COMPUTE_COMMANDS)
@JsonIgnoreProperties(ignoreUnknown = true)
public record RebuildInstance(
        @JsonProperty("instance_id") String instanceId,
        @JsonProperty("host") String host,
        @JsonProperty("action_id") String actionId,
        @JsonProperty("image") ImageSpec image,
        @JsonProperty("flavor") FlavorSpec flavor,
        @JsonProperty("display_name") String displayName,
        @JsonProperty("metadata") Map<String, String> metadata,
        @JsonProperty("power_on") Boolean powerOn) implements ComputeCommand {

    /** Whether the rebuilt guest is started (commands of 1.0 carry no flag and always start it). */
    public boolean startsGuest() {
        return powerOn == null || powerOn;
    }
}
