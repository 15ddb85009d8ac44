package io.nubo.blockstorage.volume;

import io.nubo.shared.validation.ValidatedBody;
import io.nubo.shared.validation.ValidatedQuery;
import io.nubo.blockstorage.config.BlockStorageProperties;
import io.nubo.blockstorage.volume.api.VolumeView;
import io.nubo.blockstorage.request.Caller;
import io.nubo.blockstorage.request.Json;
import io.nubo.blockstorage.request.Paging;
import io.nubo.blockstorage.request.Policy;
import io.nubo.blockstorage.request.ResourceFilters;
import io.nubo.blockstorage.error.VolumeError;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.nubo.shared.microversion.ApiVersion;
import io.nubo.shared.microversion.Microversions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/** Cinder's volumes resource: create, list (summary and detail), show, update, delete. */
@RestController
@RequestMapping("/v3/{projectId}/volumes")
public class VolumeController {

    @SuppressWarnings("rawtypes")
    private static final Map<String, Function<VolumeEntity, Comparable>> SORT_KEYS = Map.of(
            "created_at", VolumeEntity::getCreatedAt, "updated_at", VolumeEntity::getUpdatedAt,
            "id", VolumeEntity::getId, "name", VolumeEntity::getName, "display_name", VolumeEntity::getName,
            "status", v -> v.getStatus().wire(), "size", VolumeEntity::getSizeGb,
            "availability_zone", VolumeEntity::getAvailabilityZone, "bootable", VolumeEntity::isBootable);
    private static final Paging<VolumeEntity> PAGING = new Paging<>(SORT_KEYS, VolumeEntity::getId, "created_at");

    static final String LIST_BOOTABLE = "3.2";
    static final String LIST_GLANCE_METADATA = "3.4";
    static final String LIST_GROUP_ID = "3.10";
    static final String VOLUME_SUMMARY = "3.12";
    /** Microversion 3.13: generic volume groups ({@code group_id} in a volume's create and view). */
    public static final String GROUP_VOLUME = "3.13";
    /** Microversion 3.14: group snapshots, groups made from a source, a snapshot's {@code group_snapshot_id}. */
    public static final String GROUP_SNAPSHOTS = "3.14";
    /** Microversion 3.21: {@code provider_id} in a volume's detailed view, for administrators. */
    static final String PROVIDER_ID = "3.21";
    /** Microversion 3.23: {@code DELETE /volumes/{id}?force=true} (administrators: os-force_delete's rule). */
    static final String DELETE_FORCE = "3.23";
    /** Microversion 3.36: {@code metadata} in volumes/summary. */
    static final String SUMMARY_METADATA = "3.36";

    private final VolumeService volumes;
    private final VolumeRepository repository;
    private final VolumeRenderer renderer;
    private final int maxLimit;
    private final ResourceFilters filters;

    public VolumeController(VolumeService volumes, VolumeRepository repository, VolumeRenderer renderer,
                            BlockStorageProperties properties, ResourceFilters filters) {
        this.filters = filters;
        this.volumes = volumes;
        this.repository = repository;
        this.renderer = renderer;
        this.maxLimit = properties.defaultListLimit();
    }

    @PostMapping
    @ValidatedBody("block-storage/volume-create.json")
    public ResponseEntity<VolumeView.One> create(Caller caller, @RequestBody JsonNode body,
                                                 @RequestHeader("X-Auth-Token") String token, ApiVersion version) {
        VolumeEntity v = volumes.create(caller, VolumeCreateRequest.parse(body, version.atLeast(GROUP_VOLUME)),
                token);
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(new VolumeView.One(renderer.render(v, caller, false,
                version)));
    }

    @GetMapping
    @ValidatedQuery("block-storage/list-query.json")
    @Transactional(readOnly = true)
    public VolumeView.Summaries list(Caller caller, @RequestParam Map<String, String> params, ApiVersion version) {
        Paging.Page<VolumeEntity> page = page(caller, params, version);
        return new VolumeView.Summaries(page.items().stream().map(v -> {
            VolumeView view = renderer.render(v, caller, false);
            return new VolumeView.Summary(v.getId(), v.getName(), view.links());
        }).toList(), page.links());
    }

    @GetMapping("/detail")
    @ValidatedQuery("block-storage/list-query.json")
    @Transactional(readOnly = true)
    public VolumeView.Many detail(Caller caller, @RequestParam Map<String, String> params, ApiVersion version) {
        Paging.Page<VolumeEntity> page = page(caller, params, version);
        return new VolumeView.Many(renderer.render(page.items(), caller, true, version), page.links());
    }

    public record Summary(@JsonProperty("volume-summary") Totals summary) {
        public record Totals(@JsonProperty("total_size") long totalSize, @JsonProperty("total_count") long totalCount,
                             @com.fasterxml.jackson.annotation.JsonInclude(
                                     com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
                             Map<String, List<String>> metadata) {
        }
    }

    /**
     * Microversion 3.12: how many volumes the list's filters select and their GiB; from 3.36 also every distinct
     * metadata value of the caller's volumes (all projects' with {@code all_tenants}, for admins), by key, as Cinder's
     * query, which does not filter them. Before 3.12 {@code summary} is a volume id, so Cinder's 404.
     */
    @GetMapping("/summary")
    @Microversions(min = VOLUME_SUMMARY)
    @ValidatedQuery("block-storage/list-query.json")
    @Transactional(readOnly = true)
    public Summary summary(Caller caller, @RequestParam Map<String, String> params, ApiVersion version) {
        // Cinder's summary filters without the general filtering of 3.31 and 3.34
        List<VolumeEntity> all = matching(caller, params, new ResourceFilters.Filters(params, Map.of()), version);
        Map<String, List<String>> metadata = null;
        if (version.atLeast(SUMMARY_METADATA)) {
            // Cinder's get_volume_summary: every distinct metadata value of the volumes in scope, by key
            metadata = new java.util.TreeMap<>();
            for (VolumeEntity v : inScope(caller, params)) {
                for (Map.Entry<String, String> e : v.getMetadata().entrySet()) {
                    List<String> values = metadata.computeIfAbsent(e.getKey(), k -> new java.util.ArrayList<>());
                    if (!values.contains(e.getValue())) {
                        values.add(e.getValue());
                    }
                }
            }
        }
        return new Summary(new Summary.Totals(all.stream().mapToLong(VolumeEntity::getSizeGb).sum(), all.size(),
                metadata));
    }

    @GetMapping("/{id}")
    @Transactional(readOnly = true)
    public VolumeView.One show(Caller caller, @PathVariable String id, ApiVersion version) {
        VolumeEntity v = volumes.visible(caller, id);
        caller.require(Policy.VOLUME_GET, v.getProjectId());
        return new VolumeView.One(renderer.render(v, caller, true, version));
    }

    @PutMapping("/{id}")
    @ValidatedBody("block-storage/volume-update.json")
    public VolumeView.One update(Caller caller, @PathVariable String id, @RequestBody JsonNode body,
                                 ApiVersion version) {
        JsonNode v = Json.root(body, "volume");
        String name = Json.present(v, "name") ? Json.string(v, "name") : Json.string(v, "display_name");
        String description = Json.present(v, "description") ? Json.string(v, "description")
                : Json.string(v, "display_description");
        Map<String, String> metadata = Json.stringMap(v, "metadata");
        VolumeEntity updated = volumes.update(caller, id, name, description, metadata);
        return new VolumeView.One(renderer.render(updated, caller, false, version));
    }

    @DeleteMapping("/{id}")
    public ResponseEntity<Void> delete(Caller caller, @PathVariable String id,
                                       @RequestParam(name = "cascade", required = false) String cascade,
                                       @RequestParam(name = "force", required = false) String force,
                                       ApiVersion version) {
        boolean forced = version.atLeast(DELETE_FORCE) && boolParam("force", force);
        volumes.delete(caller, id, forced, Boolean.TRUE.equals(flag(cascade)));
        return ResponseEntity.accepted().build();
    }

    /**
     * The list filters, by microversion as Cinder's: {@code bootable} strict from 3.2 (a value that is no boolean is
     * 400; before, anything but {@code false} meant true), {@code glance_metadata} (the volume's image metadata
     * holds every pair) from 3.4, {@code group_id} from 3.10; before their microversion those two are ignored, as
     * Cinder drops them. From 3.31 and 3.34 the general filtering of {@link ResourceFilters}.
     */
    private Paging.Page<VolumeEntity> page(Caller caller, Map<String, String> params, ApiVersion version) {
        ResourceFilters.Filters f = filters.of("volume", params, caller, version);
        return PAGING.page(matching(caller, params, f, version), params, maxLimit, "Marker %s could not be found.");
    }

    private List<VolumeEntity> inScope(Caller caller, Map<String, String> params) {
        caller.require(Policy.VOLUME_GET_ALL);
        boolean allTenants = Boolean.TRUE.equals(flag(params.get("all_tenants")))
                && caller.allows(Policy.VOLUME_ALL_TENANTS);
        return repository.findLiveIn(allTenants ? params.get("project_id") : caller.projectId());
    }

    /** The volumes in scope that pass the filters (from 3.34 also like filters on name, description, status, zone). */
    private List<VolumeEntity> matching(Caller caller, Map<String, String> params, ResourceFilters.Filters f,
                                        ApiVersion version) {
        List<VolumeEntity> all = inScope(caller, params);
        Map<String, String> metadata = metadataFilter(params.get("metadata"));
        Boolean bootable = bootableFilter(params.get("bootable"), version.atLeast(LIST_BOOTABLE));
        Map<String, String> glance = version.atLeast(LIST_GLANCE_METADATA)
                ? metadataFilter(params.get("glance_metadata")) : Map.of();
        String groupId = version.atLeast(LIST_GROUP_ID) ? params.get("group_id") : null;
        return all.stream()
                .filter(v -> f.matches("status", v.getStatus().wire()) && f.matches("name", v.getName())
                        && f.likes("description", v.getDescription())
                        && f.matches("availability_zone", v.getAvailabilityZone())
                        // no volume migrates here: its migration_status is null, so a value matches none
                        && f.matches("migration_status", null))
                .filter(v -> bootable == null || v.isBootable() == bootable)
                .filter(v -> metadata.entrySet().stream().allMatch(e -> e.getValue().equals(v.getMetadata()
                        .get(e.getKey()))))
                .filter(v -> glance.entrySet().stream().allMatch(e -> e.getValue().equals(v.getImageMetadata()
                        .get(e.getKey()))))
                .filter(v -> groupId == null || groupId.equals(v.getGroupId()))
                .toList();
    }

    /** Cinder's {@code _check_boolean_filter_value}: strict (3.2) or the old reading. */
    static Boolean bootableFilter(String s, boolean strict) {
        if (s == null) {
            return null;
        }
        if (!strict) {
            return !s.equals("False") && !s.equals("false") && !s.equals("FALSE") && !s.isEmpty();
        }
        if (s.trim().matches("(?i)1|t|true|on|y|yes")) {
            return true;
        }
        if (s.trim().matches("(?i)0|f|false|off|n|no")) {
            return false;
        }
        throw VolumeError.INVALID_INPUT.exception("'bootable = " + s + "'");
    }

    /** Cinder's {@code utils.get_bool_param}: absent is false, a value that is no boolean string is 400. */
    public static boolean boolParam(String name, String s) {
        if (s == null) {
            return false;
        }
        if (s.trim().matches("(?i)1|t|true|on|y|yes")) {
            return true;
        }
        if (s.trim().matches("(?i)0|f|false|off|n|no")) {
            return false;
        }
        throw VolumeError.BAD_REQUEST.exception("Value '" + s + "' for '" + name + "' is not a boolean.");
    }

    private static Boolean flag(String s) {
        if (s == null) {
            return null;
        }
        return s.matches("(?i)true|1|t|yes|y|on");
    }

    /** Cinder's {@code metadata} filter is a Python-ish dict literal: {@code {'k': 'v'}} or JSON. */
    public static Map<String, String> metadataFilter(String s) {
        Map<String, String> m = new LinkedHashMap<>();
        if (s == null || s.isBlank()) {
            return m;
        }
        var matcher = java.util.regex.Pattern.compile("[\"']([^\"']+)[\"']\\s*:\\s*[\"']([^\"']*)[\"']").matcher(s);
        while (matcher.find()) {
            m.put(matcher.group(1), matcher.group(2));
        }
        if (m.isEmpty()) {
            throw VolumeError.INVALID_INPUT.exception("Invalid metadata filter: " + s);
        }
        return m;
    }
}
