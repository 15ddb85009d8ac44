package io.nubo.blockstorage.volume;

import io.nubo.blockstorage.request.Json;
import io.nubo.blockstorage.error.VolumeError;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/** {@code POST /volumes}, checked field by field as Cinder's schema does. */
public record VolumeCreateRequest(Integer size, String name, String description, String volumeType,
                                  String availabilityZone, String snapshotId, String sourceVolid, String imageRef,
                                  Map<String, String> metadata) {

    public static VolumeCreateRequest parse(JsonNode body) {
        JsonNode v = Json.root(body, "volume");
        Integer size = Json.integer(v, "size", "Volume size '" + v.path("size") + "'");
        if (Json.present(v, "size")) {
            VolumeService.checkSize(size);
        }
        if (Boolean.TRUE.equals(Json.bool(v, "multiattach"))) {
            throw VolumeError.INVALID_INPUT.exception("multiattach volumes are not supported here.");
        }
        String name = Json.present(v, "name") ? Json.string(v, "name", 255) : Json.string(v, "display_name", 255);
        String description = Json.present(v, "description") ? Json.string(v, "description", 255)
                : Json.string(v, "display_description", 255);
        String image = Json.present(v, "imageRef") ? Json.id(v, "imageRef") : Json.id(v, "image_id");
        return new VolumeCreateRequest(size, name, description, Json.string(v, "volume_type", 255),
                Json.string(v, "availability_zone", 255), Json.id(v, "snapshot_id"), Json.id(v, "source_volid"),
                image, Json.stringMap(v, "metadata"));
    }
}
