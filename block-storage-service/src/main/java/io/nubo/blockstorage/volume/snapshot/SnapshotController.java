package io.nubo.blockstorage.volume.snapshot;

import io.nubo.blockstorage.request.Views;
import io.nubo.blockstorage.volume.VolumeController;
import io.nubo.shared.microversion.ApiVersion;
import tools.jackson.databind.node.NullNode;
import tools.jackson.databind.node.StringNode;
import io.nubo.shared.validation.ValidatedBody;
import io.nubo.shared.validation.ValidatedQuery;
import io.nubo.blockstorage.config.BlockStorageProperties;
import io.nubo.blockstorage.volume.snapshot.api.SnapshotView;
import io.nubo.blockstorage.request.Caller;
import io.nubo.blockstorage.request.Json;
import io.nubo.blockstorage.request.MetadataBodies.Meta;
import io.nubo.blockstorage.request.MetadataBodies.Metadata;
import io.nubo.blockstorage.request.Paging;
import io.nubo.blockstorage.request.Policy;
import io.nubo.blockstorage.request.ResourceFilters;
import io.nubo.blockstorage.error.VolumeError;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
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

/** Cinder's snapshots resource, with its metadata. */
@RestController
@RequestMapping("/v3/{projectId}/snapshots")
public class SnapshotController {

    @SuppressWarnings("rawtypes")
    private static final Map<String, Function<SnapshotEntity, Comparable>> SORT_KEYS = Map.of(
            "created_at", SnapshotEntity::getCreatedAt, "updated_at", SnapshotEntity::getUpdatedAt,
            "id", SnapshotEntity::getId, "display_name", SnapshotEntity::getName,
            "status", s -> s.getStatus().wire(),
            "size", SnapshotEntity::getSizeGb, "volume_id", SnapshotEntity::getVolumeId);
    /** Microversion 3.22: the snapshot lists take a {@code metadata} filter. */
    static final String METADATA_FILTER = "3.22";
    /** Microversion 3.30: the lists sort by {@code name} (before, only by its column name {@code display_name}). */
    static final String SORT_BY_NAME = "3.30";
    /** Microversion 3.41: {@code user_id} in a snapshot's detailed views. */
    static final String USER_ID = "3.41";
    private static final Paging<SnapshotEntity> PAGING = new Paging<>(SORT_KEYS, SnapshotEntity::getId, "created_at");
    @SuppressWarnings("rawtypes")
    private static final Paging<SnapshotEntity> PAGING_BY_NAME = new Paging<>(Paging.with(SORT_KEYS, "name",
            SnapshotEntity::getName), SnapshotEntity::getId, "created_at");

    private final SnapshotService service;
    private final SnapshotRepository snapshots;
    private final Clock clock;
    private final int maxLimit;
    private final ResourceFilters filters;
    private final String zone;

    public SnapshotController(SnapshotService service, SnapshotRepository snapshots, Clock clock,
                              BlockStorageProperties properties, ResourceFilters filters) {
        this.filters = filters;
        this.zone = properties.availabilityZone();
        this.service = service;
        this.snapshots = snapshots;
        this.clock = clock;
        this.maxLimit = properties.defaultListLimit();
    }

    public static SnapshotView view(SnapshotEntity s, boolean extended, ApiVersion version) {
        boolean groups = version != null && version.atLeast(VolumeController.GROUP_SNAPSHOTS);
        boolean user = version != null && version.atLeast(USER_ID);
        return new SnapshotView(s.getId(), s.getVolumeId(), s.getName(), s.getDescription(), s.getStatus().wire(),
                s.getSizeGb(), Views.time(s.getCreatedAt()), Views.time(s.getUpdatedAt()),
                new TreeMap<>(s.getMetadata()),
                extended ? progress(s) : null,
                extended ? s.getProjectId() : null,
                !groups ? null : s.getGroupSnapshotId() == null ? NullNode.getInstance()
                        : StringNode.valueOf(s.getGroupSnapshotId()),
                !user ? null : s.getUserId() == null ? NullNode.getInstance() : StringNode.valueOf(s.getUserId()));
    }

    /** What a backend or os-update_snapshot_status reported; else 100% once available, 0% before. */
    static String progress(SnapshotEntity s) {
        if (s.getProgress() != null) {
            return s.getProgress();
        }
        return s.getStatus() == SnapshotStatus.AVAILABLE ? "100%" : "0%";
    }

    @PostMapping
    @ValidatedBody("block-storage/snapshot-create.json")
    public ResponseEntity<SnapshotView.One> create(Caller caller, @RequestBody JsonNode body, ApiVersion version) {
        JsonNode s = Json.root(body, "snapshot");
        String volumeId = Json.string(s, "volume_id");
        if (volumeId == null) {
            // Cinder looks the volume up by the missing id and answers 404 (Tempest checks it)
            throw VolumeError.VOLUME_NOT_FOUND.exception("None");
        }
        String name = Json.present(s, "name") ? Json.string(s, "name") : Json.string(s, "display_name");
        String description = Json.present(s, "description") ? Json.string(s, "description")
                : Json.string(s, "display_description");
        SnapshotEntity made = service.create(caller, volumeId, Boolean.TRUE.equals(Json.bool(s, "force")), name,
                description, Json.stringMap(s, "metadata"));
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(new SnapshotView.One(view(made, false, version)));
    }

    @GetMapping
    @ValidatedQuery("block-storage/list-query.json")
    @Transactional(readOnly = true)
    public SnapshotView.Many list(Caller caller, @RequestParam Map<String, String> params, ApiVersion version) {
        Paging.Page<SnapshotEntity> p = page(caller, params, version);
        // Cinder's summary list has no group_snapshot_id (its v3 view adds it to the detailed view only)
        return new SnapshotView.Many(p.items().stream().map(s -> view(s, false, null)).toList(), p.links());
    }

    @GetMapping("/detail")
    @ValidatedQuery("block-storage/list-query.json")
    @Transactional(readOnly = true)
    public SnapshotView.Many detail(Caller caller, @RequestParam Map<String, String> params, ApiVersion version) {
        Paging.Page<SnapshotEntity> p = page(caller, params, version);
        return new SnapshotView.Many(p.items().stream().map(s -> view(s, true, version)).toList(), p.links());
    }

    @GetMapping("/{id}")
    @Transactional(readOnly = true)
    public SnapshotView.One show(Caller caller, @PathVariable String id, ApiVersion version) {
        SnapshotEntity s = service.visible(caller, id);
        caller.require(Policy.SNAPSHOT_GET, s.getProjectId());
        return new SnapshotView.One(view(s, true, version));
    }

    @PutMapping("/{id}")
    @ValidatedBody("block-storage/snapshot-update.json")
    @Transactional
    public SnapshotView.One update(Caller caller, @PathVariable String id, @RequestBody JsonNode body,
                                   ApiVersion version) {
        JsonNode u = Json.root(body, "snapshot");
        SnapshotEntity s = writable(caller, id);
        String name = Json.present(u, "name") ? Json.string(u, "name") : Json.string(u, "display_name");
        String description = Json.present(u, "description") ? Json.string(u, "description")
                : Json.string(u, "display_description");
        if (name != null) {
            s.setName(name);
        }
        if (description != null) {
            s.setDescription(description);
        }
        s.setUpdatedAt(clock.instant());
        return new SnapshotView.One(view(s, false, version));
    }

    @DeleteMapping("/{id}")
    public ResponseEntity<Void> delete(Caller caller, @PathVariable String id) {
        service.delete(caller, id);
        return ResponseEntity.accepted().build();
    }

    @GetMapping("/{id}/metadata")
    @Transactional(readOnly = true)
    public Metadata metadata(Caller caller, @PathVariable String id) {
        SnapshotEntity s = service.visible(caller, id);
        caller.require(Policy.SNAPSHOT_GET, s.getProjectId());
        return new Metadata(new TreeMap<>(s.getMetadata()));
    }

    @PostMapping("/{id}/metadata")
    @ValidatedBody("block-storage/snapshot-metadata.json")
    @Transactional
    public Metadata mergeMetadata(Caller caller, @PathVariable String id, @RequestBody JsonNode body) {
        SnapshotEntity s = writable(caller, id);
        s.getMetadata().putAll(Json.stringMap(body, "metadata"));
        return new Metadata(new TreeMap<>(s.getMetadata()));
    }

    @PutMapping("/{id}/metadata")
    @ValidatedBody("block-storage/snapshot-metadata.json")
    @Transactional
    public Metadata replaceMetadata(Caller caller, @PathVariable String id, @RequestBody JsonNode body) {
        SnapshotEntity s = writable(caller, id);
        Map<String, String> m = Json.stringMap(body, "metadata");
        s.getMetadata().clear();
        s.getMetadata().putAll(m);
        return new Metadata(new TreeMap<>(s.getMetadata()));
    }

    @GetMapping("/{id}/metadata/{key}")
    @Transactional(readOnly = true)
    public Meta metadataItem(Caller caller, @PathVariable String id, @PathVariable String key) {
        SnapshotEntity s = service.visible(caller, id);
        String v = s.getMetadata().get(key);
        if (v == null) {
            throw VolumeError.METADATA_NOT_FOUND.exception();
        }
        return new Meta(Map.of(key, v));
    }

    @PutMapping("/{id}/metadata/{key}")
    @ValidatedBody("block-storage/snapshot-metadata-item.json")
    @Transactional
    public Meta putMetadataItem(Caller caller, @PathVariable String id, @PathVariable String key,
                                @RequestBody JsonNode body) {
        SnapshotEntity s = writable(caller, id);
        Map<String, String> m = Json.metaItem(body, key);
        s.getMetadata().putAll(m);
        return new Meta(m);
    }

    @DeleteMapping("/{id}/metadata/{key}")
    @Transactional
    public void deleteMetadataItem(Caller caller, @PathVariable String id, @PathVariable String key) {
        SnapshotEntity s = writable(caller, id);
        if (s.getMetadata().remove(key) == null) {
            throw VolumeError.METADATA_NOT_FOUND.exception();
        }
    }

    private SnapshotEntity writable(Caller caller, String id) {
        SnapshotEntity s = service.visible(caller, id);
        caller.require(Policy.SNAPSHOT_UPDATE, s.getProjectId());
        return s;
    }

    /**
     * The list filters: status, name, volume_id; from 3.22 {@code metadata} (every pair held), dropped before; from
     * 3.31 and 3.34 the general filtering of {@link ResourceFilters} (like filters on name, description, status,
     * volume_id). Sorted by {@code name} from 3.30.
     */
    private Paging.Page<SnapshotEntity> page(Caller caller, Map<String, String> params, ApiVersion version) {
        ResourceFilters.Filters f = filters.of("snapshot", params, caller, version);
        // the volume's zone (every volume is in the one zone): a configured filter from 3.31, before an
        // administrator's only (Cinder drops it from a user's query)
        boolean zoned = version.atLeast(ResourceFilters.RESOURCE_FILTER) || caller.admin();
        String wantedZone = zoned ? f.get("availability_zone") : null;
        Map<String, String> metadata = version.atLeast(METADATA_FILTER)
                ? VolumeController.metadataFilter(params.get("metadata")) : Map.of();
        boolean all = "true".equalsIgnoreCase(params.get("all_tenants")) && caller.allows(Policy.VOLUME_ALL_TENANTS);
        List<SnapshotEntity> matching = snapshots.findLiveIn(all ? params.get("project_id") : caller.projectId())
                .stream()
                .filter(s -> f.matches("status", s.getStatus().wire()) && f.matches("name", s.getName())
                        && f.matches("volume_id", s.getVolumeId()) && f.likes("description", s.getDescription())
                        && (wantedZone == null || wantedZone.equals(zone)))
                .filter(s -> metadata.entrySet().stream().allMatch(e -> e.getValue().equals(s.getMetadata()
                        .get(e.getKey()))))
                .toList();
        return (version.atLeast(SORT_BY_NAME) ? PAGING_BY_NAME : PAGING).page(matching, params, maxLimit,
                "Marker %s could not be found.");
    }
}
