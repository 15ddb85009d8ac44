package io.nubo.blockstorage.volume.manage;

import io.nubo.shared.microversion.ApiVersion;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.nubo.blockstorage.backend.VolumeBackend;
import io.nubo.blockstorage.backend.VolumeBackends;
import io.nubo.blockstorage.backend.VolumeServices;
import io.nubo.blockstorage.error.VolumeError;
import io.nubo.blockstorage.request.Caller;
import io.nubo.blockstorage.request.ClusterOrHost;
import io.nubo.blockstorage.request.Json;
import io.nubo.blockstorage.request.Policy;
import io.nubo.blockstorage.volume.VolumeEntity;
import io.nubo.blockstorage.volume.VolumeRenderer;
import io.nubo.blockstorage.volume.VolumeService;
import io.nubo.blockstorage.volume.api.VolumeView;
import io.nubo.blockstorage.volume.snapshot.SnapshotController;
import io.nubo.blockstorage.volume.snapshot.SnapshotEntity;
import io.nubo.blockstorage.volume.snapshot.SnapshotService;
import io.nubo.blockstorage.volume.snapshot.api.SnapshotView;
import io.nubo.shared.microversion.Microversions;
import io.nubo.shared.validation.ValidatedBody;
import io.nubo.shared.validation.ValidatedQuery;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * Microversion 3.8: Cinder's manage extensions as {@code /manageable_volumes} and {@code /manageable_snapshots}
 * (administrators only). The lists ask the backend of the named host's volume service what it could adopt; a manage
 * request records the volume ({@code managing}) or snapshot and asks the backend to adopt the storage object. Nubo's
 * drivers are Cinder's base driver here: they list nothing, and an adoption fails (volume {@code error_managing},
 * snapshot {@code error}), as Cinder answers for a driver without manage support.
 */
@RestController
@RequestMapping("/v3/{projectId}")
@Microversions(min = ManageableController.MANAGE_EXISTING_LIST)
public class ManageableController {

    static final String MANAGE_EXISTING_LIST = "3.8";
    /** Microversion 3.16 (Cinder's VOLUME_MIGRATE_CLUSTER): manage takes {@code cluster} instead of {@code host}. */
    static final String MANAGE_CLUSTER = "3.16";
    /** Microversion 3.17 (MANAGE_EXISTING_CLUSTER): the manageable lists take {@code cluster} too. */
    static final String LIST_CLUSTER = "3.17";
    private static final Set<String> SORT_KEYS = Set.of("reference", "size");
    private static final Set<String> SORT_DIRS = Set.of("asc", "desc");

    public record Volumes(@JsonProperty("manageable-volumes") List<Object> volumes) {
    }

    public record Snapshots(@JsonProperty("manageable-snapshots") List<Object> snapshots) {
    }

    private final VolumeServices services;
    private final VolumeBackends backends;
    private final VolumeService volumes;
    private final SnapshotService snapshots;
    private final VolumeRenderer renderer;

    public ManageableController(VolumeServices services, VolumeBackends backends, VolumeService volumes,
                                SnapshotService snapshots, VolumeRenderer renderer) {
        this.services = services;
        this.backends = backends;
        this.volumes = volumes;
        this.snapshots = snapshots;
        this.renderer = renderer;
    }

    @GetMapping({"/manageable_volumes", "/manageable_volumes/detail"})
    @ValidatedQuery("block-storage/list-query.json")
    public Volumes listVolumes(Caller caller, @RequestParam Map<String, String> params, ApiVersion version) {
        caller.require(Policy.VOLUME_LIST_MANAGEABLE);
        return new Volumes(manageable(params, version, VolumeBackend::manageableVolumes));
    }

    @GetMapping({"/manageable_snapshots", "/manageable_snapshots/detail"})
    @ValidatedQuery("block-storage/list-query.json")
    public Snapshots listSnapshots(Caller caller, @RequestParam Map<String, String> params, ApiVersion version) {
        caller.require(Policy.SNAPSHOT_LIST_MANAGEABLE);
        return new Snapshots(manageable(params, version, VolumeBackend::manageableSnapshots));
    }

    @PostMapping("/manageable_volumes")
    @ValidatedBody("block-storage/volume-manage.json")
    public ResponseEntity<VolumeView.One> manageVolume(Caller caller, @RequestBody JsonNode body,
                                                       ApiVersion version) {
        JsonNode v = body.get("volume");
        String host = clusterOrHost(Json.string(v, "cluster"), Json.string(v, "host"),
                version.atLeast(MANAGE_CLUSTER));
        Boolean bootable = Json.bool(v, "bootable");
        VolumeEntity made = volumes.manage(caller, host, ref(v.get("ref")), Json.string(v, "name"),
                Json.string(v, "description"), Json.string(v, "volume_type"), Json.stringMap(v, "metadata"),
                Json.string(v, "availability_zone"), Boolean.TRUE.equals(bootable));
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(new VolumeView.One(renderer.render(made, caller,
                true)));
    }

    @PostMapping("/manageable_snapshots")
    @ValidatedBody("block-storage/snapshot-manage.json")
    public ResponseEntity<SnapshotView.One> manageSnapshot(Caller caller, @RequestBody JsonNode body,
                                                           ApiVersion version) {
        JsonNode s = body.get("snapshot");
        SnapshotEntity made = snapshots.manage(caller, Json.string(s, "volume_id"), Json.string(s, "name"),
                Json.string(s, "description"), Json.stringMap(s, "metadata"));
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(new SnapshotView.One(SnapshotController.view(made,
                false, version)));
    }

    /** Cinder's {@code get_manageable_resources}: host required, sort by reference or size, the service found. */
    private List<Object> manageable(Map<String, String> params, ApiVersion version,
                                    Function<VolumeBackend, List<Object>> list) {
        String host = clusterOrHost(params.get("cluster"), params.get("host"), version.atLeast(LIST_CLUSTER));
        List<String> keys = new ArrayList<>();
        List<String> dirs = new ArrayList<>();
        if (params.get("sort") != null) {
            for (String part : params.get("sort").split(",")) {
                String[] kd = part.trim().split(":", 2);
                keys.add(kd[0].trim());
                dirs.add(kd.length > 1 ? kd[1].trim().toLowerCase(java.util.Locale.ROOT) : "desc");
            }
        } else {
            if (params.get("sort_key") != null) {
                keys.add(params.get("sort_key").trim());
            }
            if (params.get("sort_dir") != null) {
                dirs.add(params.get("sort_dir").trim().toLowerCase(java.util.Locale.ROOT));
            }
        }
        List<String> badKeys = keys.stream().filter(k -> !SORT_KEYS.contains(k)).toList();
        if (!badKeys.isEmpty()) {
            throw VolumeError.BAD_REQUEST.exception("Invalid sort keys passed: " + String.join(", ", badKeys));
        }
        List<String> badDirs = dirs.stream().filter(d -> !SORT_DIRS.contains(d)).toList();
        if (!badDirs.isEmpty()) {
            throw VolumeError.BAD_REQUEST.exception("Invalid sort dirs passed: " + String.join(", ", badDirs));
        }
        VolumeServices.Info service = services.volumeService(host).orElseThrow(() -> VolumeError.NOT_FOUND
                .exception("Service None could not be found on host " + host + "."));
        return list.apply(backends.get(service.backend()));
    }

    /** No volume service is in a cluster here: a named cluster's service is Cinder's {@code ServiceNotFound}. */
    private static String clusterOrHost(String cluster, String host, boolean clusterServed) {
        if (ClusterOrHost.cluster(cluster, host, clusterServed) != null) {
            throw VolumeError.NOT_FOUND.exception("Service None could not be found.");
        }
        return host;
    }

    /** The driver-specific reference: an object (source-name, source-id), or a string, given to the driver. */
    private static Map<String, String> ref(JsonNode ref) {
        Map<String, String> m = new LinkedHashMap<>();
        if (ref == null || ref.isNull() || ref.isString()) {
            m.put("ref", ref == null || ref.isNull() ? null : ref.asString());
            return m;
        }
        ref.properties().forEach(e -> m.put(e.getKey(), e.getValue().isString() ? e.getValue().asString()
                : e.getValue().toString()));
        return m;
    }
}
