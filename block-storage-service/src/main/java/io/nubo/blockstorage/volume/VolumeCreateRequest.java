package io.nubo.blockstorage.volume;

import io.nubo.blockstorage.request.Json;
import io.nubo.blockstorage.error.VolumeError;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/** {@code POST /volumes}, read after {@code volume-create.json} checked it as Cinder's schema does. */
public record VolumeCreateRequest(Integer size, String name, String description, String volumeType,
                                  String availabilityZone, String snapshotId, String sourceVolid, String imageRef,
                                  Map<String, String> metadata, String groupId) {

    /** {@code groups}: from microversion 3.13 {@code group_id} puts the volume in a generic group. */
    public static VolumeCreateRequest parse(JsonNode body, boolean groups) {
        JsonNode v = Json.root(body, "volume");
        Integer size = Json.integer(v, "size");
        if (Boolean.TRUE.equals(Json.bool(v, "multiattach"))) {
            throw VolumeError.INVALID_INPUT.exception("multiattach volumes are not supported here.");
        }
        String name = Json.present(v, "name") ? Json.string(v, "name") : Json.string(v, "display_name");
        String description = Json.present(v, "description") ? Json.string(v, "description")
                : Json.string(v, "display_description");
        String image = Json.present(v, "imageRef") ? Json.string(v, "imageRef") : Json.string(v, "image_id");
        return new VolumeCreateRequest(size, name, description, Json.string(v, "volume_type"),
                Json.string(v, "availability_zone"), Json.string(v, "snapshot_id"), Json.string(v, "source_volid"),
                image, Json.stringMap(v, "metadata"), groups ? Json.string(v, "group_id") : null);
    }
}
