package io.nubo.shared.events.blockstorage;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.nubo.shared.events.EventContract;
import io.nubo.shared.events.Topics;
import java.time.Instant;

/** A volume became available (its bytes exist on its backend): metering starts counting its size from here. */
@EventContract(type = "block-storage.volume.created", version = "1.0", topic = Topics.BLOCK_STORAGE)
@JsonIgnoreProperties(ignoreUnknown = true)
public record VolumeCreated(
        @JsonProperty("volume_id") String volumeId,
        @JsonProperty("project_id") String projectId,
        @JsonProperty("user_id") String userId,
        @JsonProperty("size_gb") int sizeGb,
        @JsonProperty("volume_type_id") String volumeTypeId,
        @JsonProperty("backend") String backend,
        @JsonProperty("availability_zone") String availabilityZone,
        @JsonProperty("created_at") Instant createdAt) implements VolumeChange {
}
