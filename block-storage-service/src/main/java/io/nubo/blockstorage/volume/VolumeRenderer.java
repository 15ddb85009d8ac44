package io.nubo.blockstorage.volume;

import io.nubo.blockstorage.volume.attachment.AttachmentEntity;
import io.nubo.blockstorage.volume.attachment.AttachmentRepository;
import io.nubo.blockstorage.config.BlockStorageProperties;
import io.nubo.blockstorage.volume.type.VolumeTypeEntity;
import io.nubo.blockstorage.volume.type.VolumeTypeRepository;
import io.nubo.blockstorage.volume.api.VolumeView;
import io.nubo.blockstorage.request.Caller;
import io.nubo.blockstorage.request.Policy;
import io.nubo.blockstorage.request.Views;
import io.nubo.shared.api.Link;
import io.nubo.shared.microversion.ApiVersion;
import java.util.List;
import tools.jackson.databind.node.NullNode;
import tools.jackson.databind.node.StringNode;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/** Turns volume records into Cinder's JSON, loading the type names and attachments of a page in one query each. */
@Component
public class VolumeRenderer {

    /** Cinder writes times with microseconds and no zone: {@code 2024-01-02T03:04:05.000000} */
    private final VolumeTypeRepository types;
    private final AttachmentRepository attachments;
    private final String host;

    public VolumeRenderer(VolumeTypeRepository types, AttachmentRepository attachments,
                          BlockStorageProperties properties) {
        this.types = types;
        this.attachments = attachments;
        this.host = properties.host();
    }

    /** The views of a page; {@code extended}: show and detail add the os-vol-* attributes (create and update do not). */
    public List<VolumeView> render(List<VolumeEntity> page, Caller caller, boolean extended) {
        return render(page, caller, extended, null);
    }

    /** As {@link #render(List, Caller, boolean)}, with the fields of the requested microversion (null: 3.0). */
    public List<VolumeView> render(List<VolumeEntity> page, Caller caller, boolean extended, ApiVersion version) {
        boolean groups = version != null && version.atLeast(VolumeController.GROUP_VOLUME);
        boolean providerId = version != null && version.atLeast(VolumeController.PROVIDER_ID) && caller.admin();
        Map<String, String> typeNames = types.findAllById(page.stream().map(VolumeEntity::getVolumeTypeId)
                .distinct().toList()).stream().collect(Collectors.toMap(VolumeTypeEntity::getId,
                VolumeTypeEntity::getName));
        Map<String, List<AttachmentEntity>> byVolume = page.isEmpty() ? Map.of()
                : attachments.findLiveOf(page.stream().map(VolumeEntity::getId).toList()).stream()
                .collect(Collectors.groupingBy(AttachmentEntity::getVolumeId));
        return page.stream().map(v -> view(v, typeNames.get(v.getVolumeTypeId()),
                byVolume.getOrDefault(v.getId(), List.of()), caller, extended, groups, providerId)).toList();
    }

    public VolumeView render(VolumeEntity v, Caller caller, boolean extended) {
        return render(List.of(v), caller, extended).get(0);
    }

    public VolumeView render(VolumeEntity v, Caller caller, boolean extended, ApiVersion version) {
        return render(List.of(v), caller, extended, version).get(0);
    }

    /** The user's metadata, and Cinder's admin metadata {@code readonly} once it has been set. */
    private static Map<String, String> metadata(VolumeEntity v) {
        Map<String, String> m = new TreeMap<>(v.getMetadata());
        if (v.getReadonly() != null) {
            m.put("readonly", v.getReadonly() ? "True" : "False");
        }
        return m;
    }

    private VolumeView view(VolumeEntity v, String typeName, List<AttachmentEntity> live, Caller caller,
                            boolean extended, boolean groups, boolean providerId) {
        List<VolumeView.AttachmentSummary> atts = live.stream()
                .filter(a -> a.getAttachStatus() == io.nubo.blockstorage.volume.attachment.AttachStatus.ATTACHED)
                .map(a -> new VolumeView.AttachmentSummary(v.getId(), a.getId(), v.getId(), a.getInstanceUuid(),
                        a.getAttachedHost(), a.getMountpoint(), Views.time(a.getAttachedAt())))
                .toList();
        String path = "/v3/" + v.getProjectId() + "/volumes/" + v.getId();
        List<Link> links = Views.links(path);
        boolean hostAttr = extended && caller.allows(Policy.VOLUME_HOST_ATTRIBUTE);
        return new VolumeView(v.getId(), v.getName(), v.getDescription(), v.getStatus().wire(), v.getSizeGb(),
                v.getAvailabilityZone(), Views.time(v.getCreatedAt()), Views.time(v.getUpdatedAt()), v.getUserId(),
                typeName,
                v.getSnapshotId(), v.getSourceVolid(), Boolean.toString(v.isBootable()), false, false, null, null,
                metadata(v), atts, links,
                extended ? v.getProjectId() : null,
                hostAttr ? host + "@" + v.getBackend() + "#" + v.getBackend() : null,
                extended && !v.getImageMetadata().isEmpty() ? new TreeMap<>(v.getImageMetadata()) : null,
                hostAttr ? VolumeView.AdminNull.SHOWN : null, hostAttr ? VolumeView.AdminNull.SHOWN : null,
                hostAttr ? VolumeView.AdminNull.SHOWN : null,
                !groups ? null : v.getGroupId() == null ? NullNode.getInstance() : StringNode.valueOf(v.getGroupId()),
                providerId ? VolumeView.AdminNull.SHOWN : null);
    }
}
