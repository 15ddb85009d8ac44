package io.nubo.blockstorage.volume;

import io.nubo.blockstorage.request.Views;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.nubo.blockstorage.backend.DiskFormat;
import io.nubo.blockstorage.image.ImageServiceClient;
import io.nubo.blockstorage.volume.type.VolumeTypeEntity;
import io.nubo.blockstorage.volume.type.VolumeTypeRepository;
import io.nubo.blockstorage.request.Caller;
import io.nubo.blockstorage.request.Json;
import io.nubo.blockstorage.request.Policy;
import io.nubo.blockstorage.error.VolumeError;
import io.nubo.shared.microversion.ApiVersion;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * os-volume_upload_image: the volume turns uploading, an image is created in the image service with the caller's
 * token, and its data is streamed from the backend in the background ({@link VolumeWork#upload}); the volume goes
 * back to available whether the upload succeeds or not, and a failed upload deletes its image.
 */
@Component
public class VolumeUpload {

    public record Reply(@JsonProperty("os-volume_upload_image") Upload upload) {
    }

    public record Upload(String id, @JsonProperty("updated_at") String updatedAt, String status,
                         @JsonProperty("display_description") String displayDescription, int size,
                         @JsonProperty("volume_type") TypeSummary volumeType,
                         @JsonProperty("image_id") String imageId,
                         @JsonProperty("container_format") String containerFormat,
                         @JsonProperty("disk_format") String diskFormat,
                         @JsonProperty("image_name") String imageName,
                         @JsonInclude(JsonInclude.Include.NON_NULL) String visibility,
                         @JsonInclude(JsonInclude.Include.NON_NULL) @JsonProperty("protected") Boolean isProtected) {
    }

    public record TypeSummary(String id, String name, String description,
                              @JsonProperty("is_public") boolean isPublic,
                              @JsonProperty("extra_specs") Map<String, String> extraSpecs) {
    }

    /** The microversion that added {@code visibility} and {@code protected}. */
    static final String UPLOAD_IMAGE_PARAMS = "3.1";

    private final VolumeService volumes;
    private final VolumeLifecycle lifecycle;
    private final VolumeWork work;
    private final ImageServiceClient images;
    private final VolumeTypeRepository types;

    public VolumeUpload(VolumeService volumes, VolumeLifecycle lifecycle, VolumeWork work, ImageServiceClient images,
                        VolumeTypeRepository types) {
        this.volumes = volumes;
        this.lifecycle = lifecycle;
        this.work = work;
        this.images = images;
        this.types = types;
    }

    /**
     * Microversion 3.1 adds {@code visibility} and {@code protected} (before it, the image is private and
     * unprotected and the reply does not name them); a public image needs {@link Policy#VOLUME_UPLOAD_PUBLIC}.
     */
    public Upload start(Caller caller, String volumeId, JsonNode args, String token, ApiVersion version) {
        VolumeEntity v = volumes.visible(caller, volumeId);
        caller.require(Policy.VOLUME_UPLOAD_IMAGE, v.getProjectId());
        String name = Json.string(args, "image_name");
        String diskFormat = Json.string(args, "disk_format");
        DiskFormat format = diskFormat == null ? DiskFormat.RAW : DiskFormat.fromGlance(diskFormat);
        if (format == null || format == DiskFormat.ISO) {
            throw VolumeError.INVALID_INPUT.exception("Invalid disk-format '" + diskFormat + "' is specified."
                    + " Allowed disk-formats are raw, qcow2, vmdk, vdi, vhd, vhdx.");
        }
        String container = Json.string(args, "container_format");
        container = container == null ? "bare" : container;
        boolean v31 = version.atLeast(UPLOAD_IMAGE_PARAMS);
        String visibility = v31 ? Json.string(args, "visibility") : null;
        visibility = visibility == null ? "private" : visibility;
        Boolean prot = v31 ? Json.bool(args, "protected") : null;
        if (visibility.equals("public")) {
            caller.require(Policy.VOLUME_UPLOAD_PUBLIC);
        }
        // only from available: an in-use upload (Cinder's force) would copy a running guest's disk inconsistently
        lifecycle.apply(volumeId, VolumeTransition.BEGIN_UPLOAD);
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("name", name);
        fields.put("disk_format", format.wire());
        fields.put("container_format", container);
        fields.put("visibility", visibility);
        fields.put("protected", Boolean.TRUE.equals(prot));
        String imageId;
        try {
            imageId = images.create(token, fields);
        } catch (IOException | RuntimeException e) {
            lifecycle.tryApply(volumeId, VolumeTransition.UPLOAD_ENDED);
            throw VolumeError.BACKEND_FAILURE.exception("create the image in the image service (" + e.getMessage()
                    + ")");
        }
        work.upload(v, imageId, format, token);
        VolumeTypeEntity t = types.findById(v.getVolumeTypeId()).orElseThrow();
        return new Upload(v.getId(), Views.time(v.getUpdatedAt()), VolumeStatus.UPLOADING.wire(),
                v.getDescription(), v.getSizeGb(), new TypeSummary(t.getId(), t.getName(), t.getDescription(),
                t.isPublic(), Map.copyOf(t.getExtraSpecs())), imageId, container, format.wire(), name,
                v31 ? visibility : null, v31 ? Boolean.TRUE.equals(prot) : null);
    }
}
