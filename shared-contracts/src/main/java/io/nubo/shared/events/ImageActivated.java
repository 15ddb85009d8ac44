package io.nubo.shared.events;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/**
 * An image's data is stored and readable: its upload or import finished. Usage metering counts {@code size}
 * against {@code owner}; compute's image cache may fetch it ahead of a boot and checks what it fetched against
 * {@code os_hash_value}.
 */
@EventContract(type = "image.activated", version = "1.0", topic = Topics.IMAGE)
@JsonIgnoreProperties(ignoreUnknown = true)
public record ImageActivated(
        @JsonProperty("image_id") String imageId,
        @JsonProperty("owner") String owner,
        @JsonProperty("size") long size,
        @JsonProperty("checksum") String checksum,
        @JsonProperty("os_hash_algo") String osHashAlgo,
        @JsonProperty("os_hash_value") String osHashValue,
        @JsonProperty("disk_format") String diskFormat,
        @JsonProperty("container_format") String containerFormat,
        @JsonProperty("store") String store,
        @JsonProperty("activated_at") Instant activatedAt) implements NuboEvent {
}
