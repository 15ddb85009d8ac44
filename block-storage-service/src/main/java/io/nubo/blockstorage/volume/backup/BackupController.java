package io.nubo.blockstorage.volume.backup;

import io.nubo.blockstorage.request.Views;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.nubo.blockstorage.request.Policy;
import io.nubo.shared.microversion.ApiVersion;
import io.nubo.blockstorage.config.BlockStorageProperties;
import io.nubo.blockstorage.request.Caller;
import io.nubo.blockstorage.request.Json;
import io.nubo.blockstorage.request.Paging;
import io.nubo.blockstorage.request.ResourceFilters;
import io.nubo.shared.validation.ValidatedQuery;
import java.util.function.Function;
import io.nubo.blockstorage.volume.VolumeEntity;
import io.nubo.shared.api.Link;
import io.nubo.shared.validation.ValidatedBody;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import io.nubo.shared.microversion.Microversions;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * Cinder's backups (3.0): create, list (summary and detail; filtered, sorted, paged), show, restore, delete,
 * os-reset_status.
 */
@RestController
@RequestMapping("/v3/{projectId}/backups")
public class BackupController {

    public record BackupView(String id, String name, String description, String status, int size,
                             @JsonProperty("volume_id") String volumeId,
                             @JsonProperty("snapshot_id") String snapshotId,
                             @JsonProperty("availability_zone") String availabilityZone, String container,
                             @JsonProperty("object_count") int objectCount,
                             @JsonProperty("fail_reason") String failReason,
                             @JsonProperty("created_at") String createdAt,
                             @JsonProperty("updated_at") String updatedAt,
                             @JsonProperty("data_timestamp") String dataTimestamp,
                             @JsonProperty("is_incremental") boolean incremental,
                             @JsonProperty("has_dependent_backups") boolean hasDependentBackups, List<Link> links,
                             /** from 3.18, to whom {@code backup:backup_project_attribute} allows (admins) */
                             @JsonInclude(JsonInclude.Include.NON_NULL)
                             @JsonProperty("os-backup-project-attr:project_id") String projectAttribute) {
    }

    public record Summary(String id, String name, List<Link> links) {
    }

    public record One(BackupView backup) {
    }

    public record Created(Summary backup) {
    }

    public record Many(List<BackupView> backups,
                       @JsonInclude(JsonInclude.Include.NON_NULL) @JsonProperty("backups_links") List<Link> links) {
    }

    public record Summaries(List<Summary> backups,
                            @JsonInclude(JsonInclude.Include.NON_NULL) @JsonProperty("backups_links")
                            List<Link> links) {
    }

    public record Restore(RestoreBody restore) {
        public record RestoreBody(@JsonProperty("backup_id") String backupId,
                                  @JsonProperty("volume_id") String volumeId,
                                  @JsonProperty("volume_name") String volumeName) {
        }
    }

    static final String BACKUP_UPDATE = "3.9";
    /** Microversion 3.18: {@code os-backup-project-attr:project_id} in show and detail, for admins. */
    static final String BACKUP_PROJECT = "3.18";
    /** Microversion 3.37: the lists sort by {@code name} (before, only by its column name {@code display_name}). */
    static final String SORT_BY_NAME = "3.37";

    @SuppressWarnings("rawtypes")
    private static final Map<String, Function<BackupEntity, Comparable>> SORT_KEYS = Map.of(
            "created_at", BackupEntity::getCreatedAt, "updated_at", BackupEntity::getUpdatedAt,
            "id", BackupEntity::getId, "display_name", BackupEntity::getName, "status", b -> b.getStatus().wire(),
            "size", BackupEntity::getSizeGb, "volume_id", BackupEntity::getVolumeId);
    private static final Paging<BackupEntity> PAGING = new Paging<>(SORT_KEYS, BackupEntity::getId, "created_at");
    private static final Paging<BackupEntity> PAGING_BY_NAME = new Paging<>(Paging.with(SORT_KEYS, "name",
            BackupEntity::getName), BackupEntity::getId, "created_at");

    private final BackupService backups;
    private final String zone;
    private final int maxLimit;
    private final ResourceFilters filters;

    public BackupController(BackupService backups, BlockStorageProperties properties, ResourceFilters filters) {
        this.backups = backups;
        this.zone = properties.availabilityZone();
        this.maxLimit = properties.defaultListLimit();
        this.filters = filters;
    }

    static List<Link> links(BackupEntity b) {
        String path = "/v3/" + b.getProjectId() + "/backups/" + b.getId();
        return Views.links(path);
    }

    BackupView view(BackupEntity b) {
        return view(b, null);
    }

    /** The backup; with its project from 3.18 when the caller may see it (Cinder's show and detail only). */
    private BackupView view(BackupEntity b, Caller caller, ApiVersion version) {
        boolean project = version.atLeast(BACKUP_PROJECT) && caller.allows(Policy.BACKUP_PROJECT_ATTRIBUTE);
        return view(b, project ? b.getProjectId() : null);
    }

    private BackupView view(BackupEntity b, String projectAttribute) {
        return new BackupView(b.getId(), b.getName(), b.getDescription(), b.getStatus().wire(), b.getSizeGb(),
                b.getVolumeId(), b.getSnapshotId(), zone, b.getContainer(), b.getObjectCount(), b.getFailure(),
                Views.time(b.getCreatedAt()), Views.time(b.getUpdatedAt()),
                Views.time(b.getDataTimestamp()), false, false, links(b), projectAttribute);
    }

    @PostMapping
    @ValidatedBody("block-storage/backup-create.json")
    public ResponseEntity<Created> create(Caller caller, @RequestBody JsonNode body) {
        JsonNode b = Json.root(body, "backup");
        if (Json.string(b, "snapshot_id") != null || Boolean.TRUE.equals(Json.bool(b, "incremental"))) {
            throw io.nubo.blockstorage.error.VolumeError.INVALID_INPUT.exception("Backups of snapshots and"
                    + " incremental backups are not served yet: back the volume itself up.");
        }
        BackupEntity made = backups.create(caller, Json.string(b, "volume_id"), Json.string(b, "name"),
                Json.string(b, "description"), Boolean.TRUE.equals(Json.bool(b, "force")), Json.string(b, "container"));
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(new Created(new Summary(made.getId(), made.getName(),
                links(made))));
    }

    @GetMapping
    @ValidatedQuery("block-storage/list-query.json")
    @Transactional(readOnly = true)
    public Summaries list(Caller caller, @RequestParam Map<String, String> params, ApiVersion version) {
        Paging.Page<BackupEntity> page = page(caller, params, version);
        return new Summaries(page.items().stream().map(b -> new Summary(b.getId(), b.getName(), links(b))).toList(),
                page.links());
    }

    @GetMapping("/detail")
    @ValidatedQuery("block-storage/list-query.json")
    @Transactional(readOnly = true)
    public Many detail(Caller caller, @RequestParam Map<String, String> params, ApiVersion version) {
        Paging.Page<BackupEntity> page = page(caller, params, version);
        return new Many(page.items().stream().map(b -> view(b, caller, version)).toList(), page.links());
    }

    /**
     * Cinder's backup lists: filters {@code name}, {@code status}, {@code volume_id} (others dropped), from 3.31 and
     * 3.34 the general filtering of {@link ResourceFilters} (like filters on those and {@code description}); paged
     * and sorted as the other lists, by {@code name} from 3.37.
     */
    private Paging.Page<BackupEntity> page(Caller caller, Map<String, String> params, ApiVersion version) {
        ResourceFilters.Filters f = filters.of("backup", params, caller, version);
        List<BackupEntity> matching = backups.list(caller, "true".equalsIgnoreCase(params.get("all_tenants")))
                .stream()
                .filter(b -> f.matches("name", b.getName()) && f.matches("status", b.getStatus().wire())
                        && f.matches("volume_id", b.getVolumeId()) && f.likes("description", b.getDescription()))
                .toList();
        return (version.atLeast(SORT_BY_NAME) ? PAGING_BY_NAME : PAGING).page(matching, params, maxLimit,
                "Marker %s could not be found.");
    }

    @GetMapping("/{id}")
    @Transactional(readOnly = true)
    public One show(Caller caller, @PathVariable String id, ApiVersion version) {
        return new One(view(backups.visible(caller, id), caller, version));
    }

    @PostMapping("/{id}/restore")
    @ValidatedBody("block-storage/backup-restore.json")
    public ResponseEntity<Restore> restore(Caller caller, @PathVariable String id, @RequestBody JsonNode body,
                                           @RequestHeader("X-Auth-Token") String token) {
        JsonNode r = body.get("restore");
        String volumeId = r == null || r.isNull() ? null : Json.string(r, "volume_id");
        String name = r == null || r.isNull() ? null : Json.string(r, "name");
        VolumeEntity v = backups.restore(caller, id, volumeId, name, token);
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(new Restore(new Restore.RestoreBody(id, v.getId(),
                v.getName())));
    }

    /** Microversion 3.9: a backup's name and description change; Cinder answers with the summary. */
    @PutMapping("/{id}")
    @Microversions(min = BACKUP_UPDATE)
    @ValidatedBody("block-storage/backup-update.json")
    public Created update(Caller caller, @PathVariable String id, @RequestBody JsonNode body) {
        JsonNode b = body.get("backup");
        BackupEntity updated = backups.update(caller, id, Json.present(b, "name"), Json.string(b, "name"),
                Json.present(b, "description"), Json.string(b, "description"));
        return new Created(new Summary(updated.getId(), updated.getName(), links(updated)));
    }

    @DeleteMapping("/{id}")
    public ResponseEntity<Void> delete(Caller caller, @PathVariable String id) {
        backups.delete(caller, id, false);
        return ResponseEntity.accepted().build();
    }

    @PostMapping("/{id}/action")
    @ValidatedBody("block-storage/backup-action.json")
    public ResponseEntity<Void> action(Caller caller, @PathVariable String id, @RequestBody JsonNode body) {
        if (body.has("os-reset_status")) {
            backups.resetStatus(caller, id, Json.string(body.get("os-reset_status"), "status"));
        } else {
            backups.delete(caller, id, true);
        }
        return ResponseEntity.accepted().build();
    }
}
