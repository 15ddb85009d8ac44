package io.nubo.shared.events.compute;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;

/** The flavor an instance is built with, embedded in the command (the agent never reads the API's tables). */
@JsonIgnoreProperties(ignoreUnknown = true)
public record FlavorSpec(
        @JsonProperty("id") String id,
        @JsonProperty("name") String name,
        @JsonProperty("vcpus") int vcpus,
        @JsonProperty("ram_mb") int ramMb,
        @JsonProperty("disk_gb") int diskGb,
        @JsonProperty("ephemeral_gb") int ephemeralGb,
        @JsonProperty("swap_mb") int swapMb,
        @JsonProperty("extra_specs") Map<String, String> extraSpecs) {
}
