package io.nubo.shared.events.blockstorage;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.nubo.shared.events.EventContract;
import io.nubo.shared.events.Topics;
import java.time.Instant;

/** A volume is attached (in-use) to an instance, or to a host when {@code instance_id} is null. */
@EventContract(type = "block-storage.volume.attached", version = "1.0", topic = Topics.BLOCK_STORAGE)
@JsonIgnoreProperties(ignoreUnknown = true)
public record VolumeAttached(
        @JsonProperty("volume_id") String volumeId,
        @JsonProperty("project_id") String projectId,
        @JsonProperty("attachment_id") String attachmentId,
        @JsonProperty("instance_id") String instanceId,
        @JsonProperty("host") String host,
        @JsonProperty("mountpoint") String mountpoint,
        @JsonProperty("attach_mode") String attachMode,
        @JsonProperty("attached_at") Instant attachedAt) implements VolumeChange {
}
