package io.nubo.shared.events.compute;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/** A volume attached at boot (block device mapping with {@code destination_type: volume}). */
@JsonIgnoreProperties(ignoreUnknown = true)
public record BlockDeviceSpec(
        @JsonProperty("volume_id") String volumeId,
        @JsonProperty("device_name") String deviceName,
        @JsonProperty("boot_index") Integer bootIndex,
        @JsonProperty("delete_on_termination") boolean deleteOnTermination,
        @JsonProperty("connection") VolumeConnection connection) {
}
