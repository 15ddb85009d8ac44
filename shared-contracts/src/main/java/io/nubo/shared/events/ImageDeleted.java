package io.nubo.shared.events;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/**
 * An image is gone: usage metering stops counting its {@code size} (null when it never had data) against
 * {@code owner}; compute's image cache drops its copy.
 */
@EventContract(type = "image.deleted", version = "1.0", topic = Topics.IMAGE)
@JsonIgnoreProperties(ignoreUnknown = true)
public record ImageDeleted(
        @JsonProperty("image_id") String imageId,
        @JsonProperty("owner") String owner,
        @JsonProperty("size") Long size,
        @JsonProperty("deleted_at") Instant deletedAt) implements NuboEvent {
}
