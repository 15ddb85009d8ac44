package io.nubo.blockstorage.volume.group;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.nubo.blockstorage.config.BlockStorageProperties;
import io.nubo.blockstorage.error.VolumeError;
import io.nubo.blockstorage.request.Caller;
import io.nubo.blockstorage.request.Json;
import io.nubo.blockstorage.request.Paging;
import io.nubo.blockstorage.request.ResourceFilters;
import io.nubo.blockstorage.request.Views;
import io.nubo.blockstorage.volume.VolumeController;
import io.nubo.shared.api.Link;
import io.nubo.shared.microversion.ApiVersion;
import io.nubo.shared.microversion.Microversions;
import io.nubo.shared.validation.ValidatedBody;
import io.nubo.shared.validation.ValidatedQuery;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.NullNode;
import tools.jackson.databind.node.StringNode;

/**
 * Microversion 3.13: {@code /groups}, as Cinder's {@code GroupsController}: create (202, the summary), list (id and
 * name), detail and show, update (202, no body) and {@code action} {@code delete} (202); from 3.14
 * {@code POST /groups/action} {@code create-from-src} ({@link GroupFromSource}).
 */
@RestController
@RequestMapping("/v3/{projectId}/groups")
@Microversions(min = VolumeController.GROUP_VOLUME)
public class GroupController {

    public record Summary(String id, String name) {
    }

    public record Created(Summary group) {
    }

    public record GroupView(String id, String status, @JsonProperty("availability_zone") String availabilityZone,
                            @JsonProperty("created_at") String createdAt, String name, String description,
                            @JsonProperty("group_type") String groupType,
                            @JsonProperty("volume_types") List<String> volumeTypes,
                            /** from 3.14: what the group was made from (JSON null when nothing; Java null: absent) */
                            @JsonInclude(JsonInclude.Include.NON_NULL) @JsonProperty("group_snapshot_id")
                            JsonNode groupSnapshotId,
                            @JsonInclude(JsonInclude.Include.NON_NULL) @JsonProperty("source_group_id")
                            JsonNode sourceGroupId,
                            /** from 3.25 with {@code list_volume=true}: the ids of the group's volumes */
                            @JsonInclude(JsonInclude.Include.NON_NULL) List<String> volumes,
                            /** from 3.38 */
                            @JsonInclude(JsonInclude.Include.NON_NULL) @JsonProperty("replication_status")
                            String replicationStatus) {
    }

    public record One(GroupView group) {
    }

    public record Summaries(List<Summary> groups,
                            @JsonInclude(JsonInclude.Include.NON_NULL) @JsonProperty("group_links") List<Link> links) {
    }

    public record Many(List<GroupView> groups,
                       @JsonInclude(JsonInclude.Include.NON_NULL) @JsonProperty("group_links") List<Link> links) {
    }

    @SuppressWarnings("rawtypes")
    private static final Map<String, Function<GroupEntity, Comparable>> SORT_KEYS = Map.of(
            "created_at", GroupEntity::getCreatedAt, "id", GroupEntity::getId,
            "name", g -> g.getName() == null ? "" : g.getName(), "status", GroupEntity::getStatus);
    private static final Paging<GroupEntity> PAGING = new Paging<>(SORT_KEYS, GroupEntity::getId, "created_at");

    private final GroupService groups;
    private final GroupFromSource fromSource;
    private final int maxLimit;
    private final GroupReplication replication;
    private final ResourceFilters filters;

    public GroupController(GroupService groups, GroupFromSource fromSource, BlockStorageProperties properties,
                           GroupReplication replication, ResourceFilters filters) {
        this.replication = replication;
        this.filters = filters;
        this.groups = groups;
        this.fromSource = fromSource;
        this.maxLimit = properties.defaultListLimit();
    }

    static GroupView view(GroupEntity g, ApiVersion version, List<String> volumes) {
        boolean sources = version.atLeast(VolumeController.GROUP_SNAPSHOTS);
        return new GroupView(g.getId(), g.getStatus(), g.getAvailabilityZone(), Views.time(g.getCreatedAt()),
                g.getName(), g.getDescription(), g.getGroupTypeId(), List.copyOf(g.getVolumeTypeIds()),
                sources ? orNull(g.getGroupSnapshotId()) : null, sources ? orNull(g.getSourceGroupId()) : null,
                volumes, version.atLeast(GroupReplication.GROUP_REPLICATION) ? g.getReplicationStatus() : null);
    }

    /** Microversion 3.25: {@code list_volume} (Cinder's strict boolean parameter) adds the volumes to the views. */
    static final String GROUP_VOLUME_LIST = "3.25";

    private GroupView view(GroupEntity g, ApiVersion version, Map<String, String> params) {
        boolean listVolumes = version.atLeast(GROUP_VOLUME_LIST)
                && VolumeController.boolParam("list_volume", params.get("list_volume"));
        return view(g, version, listVolumes ? groups.volumeIds(g) : null);
    }

    private static JsonNode orNull(String s) {
        return s == null ? NullNode.getInstance() : StringNode.valueOf(s);
    }

    @PostMapping
    @ResponseStatus(HttpStatus.ACCEPTED)
    @ValidatedBody("block-storage/group-create.json")
    public Created create(Caller caller, @RequestBody JsonNode body) {
        JsonNode g = body.get("group");
        List<String> types = g.get("volume_types").valueStream().map(JsonNode::asString).toList();
        GroupEntity made = groups.create(caller, strip(Json.string(g, "name")), strip(Json.string(g, "description")),
                Json.string(g, "group_type"), types, Json.string(g, "availability_zone"));
        return new Created(new Summary(made.getId(), made.getName()));
    }

    /** 3.14: a group made from a group snapshot's snapshots, or from another group's volumes (202, the summary). */
    @PostMapping("/action")
    @ResponseStatus(HttpStatus.ACCEPTED)
    @Microversions(min = VolumeController.GROUP_SNAPSHOTS)
    @ValidatedBody("block-storage/group-create-from-src.json")
    public Created createFromSource(Caller caller, @RequestBody JsonNode body) {
        JsonNode g = body.get("create-from-src");
        GroupEntity made = fromSource.create(caller, strip(Json.string(g, "name")),
                strip(Json.string(g, "description")), Json.string(g, "group_snapshot_id"),
                Json.string(g, "source_group_id"));
        return new Created(new Summary(made.getId(), made.getName()));
    }

    @GetMapping
    @ValidatedQuery("block-storage/list-query.json")
    public Summaries list(Caller caller, @RequestParam Map<String, String> params, ApiVersion version) {
        Paging.Page<GroupEntity> page = page(caller, params, version);
        return new Summaries(page.items().stream().map(g -> new Summary(g.getId(), g.getName())).toList(),
                page.links());
    }

    @GetMapping("/detail")
    @ValidatedQuery("block-storage/list-query.json")
    public Many detail(Caller caller, @RequestParam Map<String, String> params, ApiVersion version) {
        Paging.Page<GroupEntity> page = page(caller, params, version);
        return new Many(page.items().stream().map(g -> view(g, version, params)).toList(), page.links());
    }

    /**
     * Filters {@code name} and {@code status}, from 3.31 and 3.34 the general filtering of {@link ResourceFilters}
     * (like filters on those and {@code description}); {@code list_volume} is no filter.
     */
    private Paging.Page<GroupEntity> page(Caller caller, Map<String, String> params, ApiVersion version) {
        Map<String, String> rest = new HashMap<>(params);
        rest.remove("list_volume");
        ResourceFilters.Filters f = filters.of("group", rest, caller, version);
        boolean allTenants = rest.remove("all_tenants") != null;
        List<GroupEntity> matching = groups.list(caller, allTenants).stream()
                .filter(g -> f.matches("name", g.getName()) && f.matches("status", g.getStatus())
                        && f.likes("description", g.getDescription()))
                .toList();
        return PAGING.page(matching, rest, maxLimit, "Marker %s could not be found.");
    }

    @GetMapping("/{id}")
    public One show(Caller caller, @PathVariable String id, @RequestParam Map<String, String> params,
                    ApiVersion version) {
        return new One(view(groups.get(caller, id), version, params));
    }

    @PutMapping("/{id}")
    @ValidatedBody("block-storage/group-update.json")
    public ResponseEntity<Void> update(Caller caller, @PathVariable String id, @RequestBody JsonNode body) {
        JsonNode g = body.get("group");
        groups.update(caller, id, strip(Json.string(g, "name")), strip(Json.string(g, "description")),
                Json.string(g, "add_volumes"), Json.string(g, "remove_volumes"));
        return ResponseEntity.accepted().build();
    }

    @PostMapping("/{id}/action")
    @ValidatedBody("block-storage/group-action.json")
    public ResponseEntity<?> action(Caller caller, @PathVariable String id, @RequestBody JsonNode body,
                                    ApiVersion version) {
        String name = body.propertyNames().iterator().next();
        if (REPLICATION_ACTIONS.contains(name)) {
            if (!version.atLeast(GroupReplication.GROUP_REPLICATION)) {
                // before 3.38 Cinder has no such action method for the version: 404
                throw VolumeError.NOT_FOUND.exception("The resource could not be found.");
            }
            switch (name) {
                case "enable_replication" -> replication.enable(caller, id);
                case "disable_replication" -> replication.disable(caller, id);
                case "failover_replication" -> replication.failover(caller, id,
                        Boolean.TRUE.equals(Json.bool(body.get(name), "allow_attached_volume")));
                default -> {
                    return ResponseEntity.ok(replication.targets(caller, id));
                }
            }
            return ResponseEntity.accepted().build();
        }
        JsonNode delete = body.get("delete");
        JsonNode reset = body.get("reset_status");
        if (reset != null && version.atLeast(GROUP_RESET_STATUS)) {
            if (reset.isNull() || !reset.has("status") || !reset.get("status").isString()) {
                throw VolumeError.BAD_REQUEST.exception("Invalid input for field/attribute reset_status.");
            }
            groups.resetStatus(caller, id, reset.get("status").asString());
            return ResponseEntity.accepted().build();
        }
        if (reset != null) {
            // before 3.20 Cinder has no such action method for the version: 404
            throw VolumeError.NOT_FOUND.exception("The resource could not be found.");
        }
        if (delete == null) {
            throw VolumeError.BAD_REQUEST.exception("There is no such action: " + body.propertyNames().iterator()
                    .next());
        }
        groups.delete(caller, id, Boolean.TRUE.equals(Json.bool(delete, "delete-volumes")));
        return ResponseEntity.accepted().build();
    }

    /** Microversion 3.20: {@code reset_status} of a group. */
    static final String GROUP_RESET_STATUS = "3.20";
    private static final java.util.Set<String> REPLICATION_ACTIONS = java.util.Set.of("enable_replication",
            "disable_replication", "failover_replication", "list_replication_targets");

    private static String strip(String s) {
        return s == null ? null : s.strip();
    }
}
