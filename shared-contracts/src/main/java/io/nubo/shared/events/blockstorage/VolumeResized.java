package io.nubo.shared.events.blockstorage;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.nubo.shared.events.EventContract;
import io.nubo.shared.events.Topics;
import java.time.Instant;

/** A volume grew (os-extend): metering counts the new size from {@code resized_at}. */
@EventContract(type = "block-storage.volume.resized", version = "1.0", topic = Topics.BLOCK_STORAGE)
@JsonIgnoreProperties(ignoreUnknown = true)
public record VolumeResized(
        @JsonProperty("volume_id") String volumeId,
        @JsonProperty("project_id") String projectId,
        @JsonProperty("old_size_gb") int oldSizeGb,
        @JsonProperty("new_size_gb") int newSizeGb,
        @JsonProperty("resized_at") Instant resizedAt) implements VolumeChange {
}
