package io.nubo.shared.events.compute;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;

/**
 * How a host reaches a volume, as Cinder's {@code os-initialize_connection} answers it: {@code driver_volume_type}
 * {@code file}, {@code iscsi} or {@code rbd}, and that type's {@code data} (a path; target portal, iqn and lun; or
 * monitors, pool, image name, cephx user and secret uuid).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record VolumeConnection(
        @JsonProperty("driver_volume_type") String driverVolumeType,
        @JsonProperty("data") Map<String, String> data) {
}
