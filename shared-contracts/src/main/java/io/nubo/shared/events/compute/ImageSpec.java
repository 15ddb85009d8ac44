package io.nubo.shared.events.compute;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;

/**
 * The image an instance boots from, as the API saw it in the image service at create time. The agent fetches the
 * data itself (once per host, into its image cache) and checks it against {@code os_hash_value}.
 * {@code properties} are the image's extra properties: {@code kernel_id}, {@code ramdisk_id},
 * {@code os_command_line}, {@code hw_*} and the rest, as strings. {@code locations} carries the image's direct
 * locations when the image service exposes them (e.g. {@code rbd://fsid/pool/image/snap}), else is empty.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ImageSpec(
        @JsonProperty("id") String id,
        @JsonProperty("name") String name,
        @JsonProperty("disk_format") String diskFormat,
        @JsonProperty("container_format") String containerFormat,
        @JsonProperty("size") long size,
        @JsonProperty("min_disk") int minDisk,
        @JsonProperty("min_ram") int minRam,
        @JsonProperty("os_hash_algo") String osHashAlgo,
        @JsonProperty("os_hash_value") String osHashValue,
        @JsonProperty("properties") Map<String, String> properties,
        @JsonProperty("locations") java.util.List<String> locations) {
}
