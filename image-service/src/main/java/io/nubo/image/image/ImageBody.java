package io.nubo.image.image;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * An image on the wire, as Glance v2 renders it: fixed fields (null when unset), then every custom property as a
 * top-level string field. Links are relative, as Glance writes them.
 */
public record ImageBody(
        String id,
        String name,
        String status,
        String visibility,
        @JsonProperty("protected") boolean isProtected,
        @JsonProperty("os_hidden") boolean osHidden,
        String checksum,
        @JsonProperty("os_hash_algo") String osHashAlgo,
        @JsonProperty("os_hash_value") String osHashValue,
        String owner,
        Long size,
        @JsonProperty("virtual_size") Long virtualSize,
        @JsonProperty("min_ram") int minRam,
        @JsonProperty("min_disk") int minDisk,
        @JsonProperty("disk_format") String diskFormat,
        @JsonProperty("container_format") String containerFormat,
        @JsonProperty("created_at") String createdAt,
        @JsonProperty("updated_at") String updatedAt,
        List<String> tags,
        String self,
        String file,
        String schema,
        @JsonInclude(JsonInclude.Include.NON_NULL) List<ImageLocations.LocationBody> locations,
        @JsonInclude(JsonInclude.Include.NON_NULL) @JsonProperty("direct_url") String directUrl,
        @JsonAnyGetter Map<String, String> properties) {
}
