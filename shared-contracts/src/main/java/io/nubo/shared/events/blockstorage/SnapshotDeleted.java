package io.nubo.shared.events.blockstorage;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.nubo.shared.events.EventContract;
import io.nubo.shared.events.Topics;
import java.time.Instant;

/** A snapshot is gone from its backend. */
@EventContract(type = "block-storage.snapshot.deleted", version = "1.0", topic = Topics.BLOCK_STORAGE)
@JsonIgnoreProperties(ignoreUnknown = true)
public record SnapshotDeleted(
        @JsonProperty("snapshot_id") String snapshotId,
        @JsonProperty("volume_id") String volumeId,
        @JsonProperty("project_id") String projectId,
        @JsonProperty("size_gb") int sizeGb,
        @JsonProperty("deleted_at") Instant deletedAt) implements VolumeChange {
}
