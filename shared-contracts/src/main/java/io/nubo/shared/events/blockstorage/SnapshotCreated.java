package io.nubo.shared.events.blockstorage;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.nubo.shared.events.EventContract;
import io.nubo.shared.events.Topics;
import java.time.Instant;

/** A snapshot became available; it counts {@code size_gb} (its volume's size when taken) until deleted. */
@EventContract(type = "block-storage.snapshot.created", version = "1.0", topic = Topics.BLOCK_STORAGE)
@JsonIgnoreProperties(ignoreUnknown = true)
public record SnapshotCreated(
        @JsonProperty("snapshot_id") String snapshotId,
        @JsonProperty("volume_id") String volumeId,
        @JsonProperty("project_id") String projectId,
        @JsonProperty("size_gb") int sizeGb,
        @JsonProperty("created_at") Instant createdAt) implements VolumeChange {
}
