package io.nubo.blockstorage.volume.attachment;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.nubo.blockstorage.config.BlockStorageProperties;
import io.nubo.blockstorage.error.VolumeError;
import io.nubo.blockstorage.request.Caller;
import io.nubo.blockstorage.request.Json;
import io.nubo.blockstorage.request.Paging;
import io.nubo.blockstorage.request.Policy;
import io.nubo.shared.microversion.ApiVersion;
import io.nubo.blockstorage.request.ResourceFilters;
import io.nubo.blockstorage.request.Views;
import io.nubo.blockstorage.volume.VolumeEntity;
import io.nubo.blockstorage.volume.VolumeService;
import io.nubo.shared.microversion.Microversions;
import io.nubo.shared.validation.ValidatedBody;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Microversion 3.27: Cinder's v3 attachments API, {@code /attachments}: create (200, the detailed view; reserved
 * without a connector, connected with one), show and {@code detail} (with {@code attach_mode}, the times and the
 * {@code connection_info}), list (summary: {@code id}, {@code status}, {@code instance}, {@code volume_id}), update
 * with a connector (200, the detailed view), delete (200, the volume's attachments left). The records are those the
 * os-* actions keep (compute attaches through them), so an attachment made either way is seen by both: a volume's
 * {@code attachments} list the attached ones, these views every live one. {@code os-complete} is 3.44, not served.
 */
@RestController
@RequestMapping("/v3/{projectId}/attachments")
@Microversions(min = AttachmentController.NEW_ATTACH)
public class AttachmentController {

    static final String NEW_ATTACH = "3.27";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    public record Summary(String id, String status, String instance, @JsonProperty("volume_id") String volumeId) {
    }

    public record Detail(String id, String status, String instance, @JsonProperty("volume_id") String volumeId,
                         @JsonProperty("attached_at") String attachedAt,
                         @JsonProperty("detached_at") String detachedAt,
                         @JsonProperty("attach_mode") String attachMode,
                         @JsonProperty("connection_info") JsonNode connectionInfo) {
    }

    public record One(Detail attachment) {
    }

    public record Summaries(List<Summary> attachments) {
    }

    public record Details(List<Detail> attachments) {
    }

    @SuppressWarnings("rawtypes")
    private static final Map<String, Function<AttachmentEntity, Comparable>> SORT_KEYS = Map.of(
            "created_at", AttachmentEntity::getCreatedAt, "id", AttachmentEntity::getId,
            "volume_id", AttachmentEntity::getVolumeId, "attach_status", a -> a.getAttachStatus().wire(),
            "instance_uuid", a -> a.getInstanceUuid() == null ? "" : a.getInstanceUuid());
    private static final Paging<AttachmentEntity> PAGING = new Paging<>(SORT_KEYS, AttachmentEntity::getId,
            "created_at");

    private final AttachmentService service;
    private final AttachmentRepository attachments;
    private final VolumeService volumes;
    private final int maxLimit;
    private final ResourceFilters filters;

    public AttachmentController(AttachmentService service, AttachmentRepository attachments, VolumeService volumes,
                                BlockStorageProperties properties, ResourceFilters filters) {
        this.filters = filters;
        this.service = service;
        this.attachments = attachments;
        this.volumes = volumes;
        this.maxLimit = properties.defaultListLimit();
    }

    static Summary summary(AttachmentEntity a) {
        return new Summary(a.getId(), a.getAttachStatus().wire(), a.getInstanceUuid(), a.getVolumeId());
    }

    /** Cinder's detailed view: times as Cinder normalizes them ({@code ""} when none), {@code {}} before a connector. */
    static Detail detail(AttachmentEntity a) {
        JsonNode info = a.getConnectionInfo() == null ? JSON.createObjectNode() : JSON.readTree(a.getConnectionInfo());
        return new Detail(a.getId(), a.getAttachStatus().wire(), a.getInstanceUuid(), a.getVolumeId(),
                a.getAttachedAt() == null ? "" : Views.time(a.getAttachedAt()),
                a.getDetachedAt() == null ? "" : Views.time(a.getDetachedAt()), a.getAttachMode(), info);
    }

    @PostMapping
    @ValidatedBody("block-storage/attachment-create.json")
    public One create(Caller caller, @RequestBody JsonNode body) {
        JsonNode a = body.get("attachment");
        VolumeEntity v = volumes.visible(caller, Json.string(a, "volume_uuid"));
        caller.require(Policy.ATTACHMENT_CREATE, v.getProjectId());
        return new One(detail(service.create(v, Json.string(a, "instance_uuid"), a.get("connector"))));
    }

    @GetMapping
    @Transactional(readOnly = true)
    public Summaries list(Caller caller, @RequestParam Map<String, String> params, ApiVersion version) {
        return new Summaries(page(caller, params, version).items().stream().map(AttachmentController::summary)
                .toList());
    }

    @GetMapping("/detail")
    @Transactional(readOnly = true)
    public Details detailList(Caller caller, @RequestParam Map<String, String> params, ApiVersion version) {
        return new Details(page(caller, params, version).items().stream().map(AttachmentController::detail).toList());
    }

    @GetMapping("/{id}")
    @Transactional(readOnly = true)
    public One show(Caller caller, @PathVariable String id) {
        return new One(detail(visible(caller, id)));
    }

    @PutMapping("/{id}")
    @ValidatedBody("block-storage/attachment-update.json")
    public One update(Caller caller, @PathVariable String id, @RequestBody JsonNode body) {
        AttachmentEntity a = visible(caller, id);
        caller.require(Policy.ATTACHMENT_UPDATE, a.getProjectId());
        VolumeEntity v = volumes.visible(caller, a.getVolumeId());
        return new One(detail(service.connect(v, a.getId(), body.get("attachment").get("connector"))));
    }

    @DeleteMapping("/{id}")
    public Summaries delete(Caller caller, @PathVariable String id) {
        AttachmentEntity a = visible(caller, id);
        caller.require(Policy.ATTACHMENT_DELETE, a.getProjectId());
        VolumeEntity v = volumes.visible(caller, a.getVolumeId());
        boolean serviceCall = caller.principal().hasRole("service");
        return new Summaries(service.delete(v, a, serviceCall).stream().map(AttachmentController::summary)
                .toList());
    }

    /** A live attachment of the caller's project (any for an admin); Cinder's 404 otherwise. */
    private AttachmentEntity visible(Caller caller, String id) {
        return attachments.findById(id).filter(a -> a.getAttachStatus() != AttachStatus.DETACHED)
                .filter(a -> caller.admin() || caller.owns(a.getProjectId()))
                .orElseThrow(() -> VolumeError.NOT_FOUND.exception("Volume attachment could not be found with"
                        + " filter: attachment_id = " + id + "."));
    }

    /**
     * Cinder's {@code _items}: the filters {@code volume_id}, {@code status} / {@code attach_status},
     * {@code instance_id} (others ignored, as Cinder drops them), the project's attachments or, for an admin
     * with {@code all_tenants}, every project's; sorted and paged as the other lists. From 3.31 and 3.34 the general
     * filtering of {@link ResourceFilters}.
     */
    private Paging.Page<AttachmentEntity> page(Caller caller, Map<String, String> params, ApiVersion version) {
        ResourceFilters.Filters f = filters.of("attachment", params, caller, version);
        Map<String, String> rest = new HashMap<>(params);
        boolean all = rest.remove("all_tenants") != null && caller.admin();
        rest.keySet().retainAll(java.util.Set.of("limit", "marker", "offset", "sort", "sort_key", "sort_dir"));
        List<AttachmentEntity> matching = (all ? attachments.findAllLive() : attachments.findLiveIn(caller
                .projectId())).stream()
                .filter(a -> f.matches("volume_id", a.getVolumeId())
                        && f.matches("status", a.getAttachStatus().wire())
                        && f.matches("attach_status", a.getAttachStatus().wire())
                        && f.matches("instance_id", a.getInstanceUuid()))
                .toList();
        return PAGING.page(matching, rest, maxLimit, "Marker %s could not be found.");
    }
}
