package io.nubo.blockstorage.volume.type.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/** A volume type as Cinder shows it; {@code extra_specs} to admins only (access_types_extra_specs). */
public record VolumeTypeView(
        String id,
        String name,
        String description,
        @JsonProperty("is_public") boolean isPublic,
        @JsonInclude(JsonInclude.Include.NON_NULL) @JsonProperty("os-volume-type-access:is_public")
        Boolean accessIsPublic,
        @JsonInclude(JsonInclude.Include.NON_NULL) @JsonProperty("extra_specs") Map<String, String> extraSpecs) {

    public record One(@JsonProperty("volume_type") VolumeTypeView volumeType) {
    }

    public record Many(@JsonProperty("volume_types") List<VolumeTypeView> volumeTypes) {
    }

    public record Access(@JsonProperty("volume_type_access") List<Entry> entries) {
        public record Entry(@JsonProperty("volume_type_id") String volumeTypeId,
                            @JsonProperty("project_id") String projectId) {
        }
    }

    public record ExtraSpecs(@JsonProperty("extra_specs") Map<String, String> extraSpecs) {
    }
}
