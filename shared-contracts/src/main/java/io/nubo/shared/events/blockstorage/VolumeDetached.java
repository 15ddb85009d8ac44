package io.nubo.shared.events.blockstorage;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.nubo.shared.events.EventContract;
import io.nubo.shared.events.Topics;
import java.time.Instant;

/** An attachment ended: the volume is no longer attached to that instance. */
@EventContract(type = "block-storage.volume.detached", version = "1.0", topic = Topics.BLOCK_STORAGE)
@JsonIgnoreProperties(ignoreUnknown = true)
public record VolumeDetached(
        @JsonProperty("volume_id") String volumeId,
        @JsonProperty("project_id") String projectId,
        @JsonProperty("attachment_id") String attachmentId,
        @JsonProperty("instance_id") String instanceId,
        @JsonProperty("detached_at") Instant detachedAt) implements VolumeChange {
}
