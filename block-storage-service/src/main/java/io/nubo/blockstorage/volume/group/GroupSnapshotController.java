package io.nubo.blockstorage.volume.group;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.nubo.blockstorage.request.Caller;
import io.nubo.blockstorage.config.BlockStorageProperties;
import io.nubo.blockstorage.request.Json;
import io.nubo.blockstorage.request.Paging;
import io.nubo.blockstorage.request.ResourceFilters;
import io.nubo.shared.api.Link;
import io.nubo.shared.microversion.ApiVersion;
import io.nubo.shared.validation.ValidatedQuery;
import java.util.Map;
import java.util.function.Function;
import com.fasterxml.jackson.annotation.JsonInclude;
import org.springframework.web.bind.annotation.RequestParam;
import io.nubo.blockstorage.request.Views;
import io.nubo.blockstorage.volume.VolumeController;
import io.nubo.shared.microversion.Microversions;
import io.nubo.shared.validation.ValidatedBody;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * Microversion 3.14: {@code /group_snapshots}, as Cinder's {@code GroupSnapshotsController}: create (202, the
 * summary with {@code group_type_id}), list (id and name), detail and show, delete (202). Before 3.29 Cinder's list
 * takes no filter, sort or page; from 3.29 it does. From 3.19 {@code action} {@code reset_status} (administrators,
 * 202); {@code project_id}
 * is 3.58, not served here.
 */
@RestController
@RequestMapping("/v3/{projectId}/group_snapshots")
@Microversions(min = VolumeController.GROUP_SNAPSHOTS)
public class GroupSnapshotController {

    public record Summary(String id, String name) {
    }

    public record CreatedSummary(String id, String name, @JsonProperty("group_type_id") String groupTypeId) {
    }

    public record Created(@JsonProperty("group_snapshot") CreatedSummary groupSnapshot) {
    }

    public record View(String id, @JsonProperty("group_id") String groupId,
                       @JsonProperty("group_type_id") String groupTypeId, String status,
                       @JsonProperty("created_at") String createdAt, String name, String description) {
    }

    public record One(@JsonProperty("group_snapshot") View groupSnapshot) {
    }

    public record Summaries(@JsonProperty("group_snapshots") List<Summary> groupSnapshots,
                            @JsonInclude(JsonInclude.Include.NON_NULL) @JsonProperty("group_snapshot_links")
                            List<Link> links) {
    }

    public record Many(@JsonProperty("group_snapshots") List<View> groupSnapshots,
                       @JsonInclude(JsonInclude.Include.NON_NULL) @JsonProperty("group_snapshot_links")
                       List<Link> links) {
    }

    /** Microversion 3.29: the lists filter, sort and page. */
    static final String PAGINATION = "3.29";

    @SuppressWarnings("rawtypes")
    private static final Map<String, Function<GroupSnapshotEntity, Comparable>> SORT_KEYS = Map.of(
            "created_at", GroupSnapshotEntity::getCreatedAt, "id", GroupSnapshotEntity::getId,
            "name", g -> g.getName() == null ? "" : g.getName(), "status", g -> g.getStatus().wire(),
            "group_id", GroupSnapshotEntity::getGroupId, "group_type_id", GroupSnapshotEntity::getGroupTypeId,
            "description", g -> g.getDescription() == null ? "" : g.getDescription());
    private static final Paging<GroupSnapshotEntity> PAGING = new Paging<>(SORT_KEYS, GroupSnapshotEntity::getId,
            "created_at");

    private final GroupSnapshotService groupSnapshots;
    private final ResourceFilters filters;
    private final int maxLimit;

    public GroupSnapshotController(GroupSnapshotService groupSnapshots, ResourceFilters filters,
                                   BlockStorageProperties properties) {
        this.groupSnapshots = groupSnapshots;
        this.filters = filters;
        this.maxLimit = properties.defaultListLimit();
    }

    static View view(GroupSnapshotEntity g) {
        return new View(g.getId(), g.getGroupId(), g.getGroupTypeId(), g.getStatus().wire(),
                Views.time(g.getCreatedAt()), g.getName(), g.getDescription());
    }

    @PostMapping
    @ResponseStatus(HttpStatus.ACCEPTED)
    @ValidatedBody("block-storage/group-snapshot-create.json")
    public Created create(Caller caller, @RequestBody JsonNode body) {
        JsonNode g = body.get("group_snapshot");
        GroupSnapshotEntity made = groupSnapshots.create(caller, Json.string(g, "group_id"), Json.string(g, "name"),
                Json.string(g, "description"));
        return new Created(new CreatedSummary(made.getId(), made.getName(), made.getGroupTypeId()));
    }

    @GetMapping
    @ValidatedQuery("block-storage/list-query.json")
    public Summaries list(Caller caller, @RequestParam Map<String, String> params, ApiVersion version) {
        Paging.Page<GroupSnapshotEntity> page = page(caller, params, version);
        return new Summaries(page.items().stream().map(g -> new Summary(g.getId(), g.getName())).toList(),
                page.links());
    }

    @GetMapping("/detail")
    @ValidatedQuery("block-storage/list-query.json")
    public Many detail(Caller caller, @RequestParam Map<String, String> params, ApiVersion version) {
        Paging.Page<GroupSnapshotEntity> page = page(caller, params, version);
        return new Many(page.items().stream().map(GroupSnapshotController::view).toList(), page.links());
    }

    /**
     * Before 3.29 every group snapshot of the project, newest first, whatever the query says; from 3.29 filtered
     * ({@code name}, {@code status}, {@code group_id}, {@code group_type_id}), sorted and paged as the other lists;
     * from 3.31 and 3.34 the general filtering of {@link ResourceFilters}.
     */
    private Paging.Page<GroupSnapshotEntity> page(Caller caller, Map<String, String> params, ApiVersion version) {
        List<GroupSnapshotEntity> all = groupSnapshots.list(caller);
        if (!version.atLeast(PAGINATION)) {
            return new Paging.Page<>(all, null);
        }
        ResourceFilters.Filters f = filters.of("group_snapshot", params, caller, version);
        List<GroupSnapshotEntity> matching = all.stream()
                .filter(g -> f.matches("name", g.getName()) && f.matches("status", g.getStatus().wire())
                        && f.matches("group_id", g.getGroupId()) && f.matches("group_type_id", g.getGroupTypeId())
                        && f.likes("description", g.getDescription()))
                .toList();
        return PAGING.page(matching, params, maxLimit, "Marker %s could not be found.");
    }

    @GetMapping("/{id}")
    public One show(Caller caller, @PathVariable String id) {
        return new One(view(groupSnapshots.get(caller, id)));
    }

    /** Microversion 3.19: an administrator sets a group snapshot's status (202, no body). */
    @PostMapping("/{id}/action")
    @Microversions(min = "3.19")
    @ValidatedBody("block-storage/group-snapshot-action.json")
    public ResponseEntity<Void> action(Caller caller, @PathVariable String id, @RequestBody JsonNode body) {
        groupSnapshots.resetStatus(caller, id, body.get("reset_status").get("status").asString());
        return ResponseEntity.accepted().build();
    }

    @DeleteMapping("/{id}")
    public ResponseEntity<Void> delete(Caller caller, @PathVariable String id) {
        groupSnapshots.delete(caller, id);
        return ResponseEntity.accepted().build();
    }
}
