package io.nubo.blockstorage.service;

import io.nubo.blockstorage.request.ResourceFilters;
import io.nubo.blockstorage.volume.VolumeController;
import io.nubo.blockstorage.volume.type.VolumeTypeService;
import io.nubo.shared.microversion.ApiVersion;
import io.nubo.shared.validation.ValidatedQuery;
import java.util.LinkedHashMap;

import io.nubo.blockstorage.request.Views;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.nubo.blockstorage.backend.BackendCapabilities;
import io.nubo.blockstorage.backend.VolumeBackend;
import io.nubo.blockstorage.backend.VolumeBackends;
import io.nubo.blockstorage.config.BlockStorageProperties;
import io.nubo.blockstorage.error.VolumeError;
import io.nubo.blockstorage.request.Caller;
import io.nubo.blockstorage.request.Policy;
import io.nubo.blockstorage.backend.VolumeServices;
import io.nubo.blockstorage.volume.VolumeUsage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The admin views of the backends: {@code os-hosts} (the services and, per volume host, its usage by project),
 * {@code scheduler-stats/get_pools} (one pool per backend, {@code host@backend#backend}, as volumes'
 * {@code os-vol-host-attr:host} names it) and {@code capabilities/{host}}. Capacity is reported as Cinder's
 * {@code unknown}: the drivers do not measure it.
 */
@RestController
public class HostsController {

    public record Hosts(List<Host> hosts) {
        public record Host(@JsonProperty("host_name") String hostName, String service, String zone,
                           @JsonProperty("service-status") String serviceStatus,
                           @JsonProperty("service-state") String serviceState,
                           @JsonProperty("last-update") String lastUpdate) {
        }
    }

    public record HostUsage(List<Entry> host) {
        public record Entry(Resource resource) {
        }

        public record Resource(String host, String project, @JsonProperty("volume_count") String volumeCount,
                               @JsonProperty("total_volume_gb") String totalVolumeGb,
                               @JsonProperty("snapshot_count") String snapshotCount,
                               @JsonProperty("total_snapshot_gb") String totalSnapshotGb) {
        }
    }

    public record Pools(List<Pool> pools) {
        public record Pool(String name, @com.fasterxml.jackson.annotation.JsonInclude(
                com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL) Map<String, Object> capabilities) {
        }
    }

    public record Capabilities(@JsonProperty("pool_name") String poolName, String description,
                               @JsonProperty("volume_backend_name") String volumeBackendName, String namespace,
                               String visibility, @JsonProperty("driver_version") String driverVersion,
                               @JsonProperty("vendor_name") String vendorName, Map<String, Object> properties,
                               @JsonProperty("storage_protocol") String storageProtocol,
                               @JsonProperty("replication_targets") List<Object> replicationTargets,
                               @JsonProperty("display_name") String displayName) {
    }

    static final String VENDOR = BackendCapabilities.VENDOR;
    static final String DRIVER_VERSION = BackendCapabilities.DRIVER_VERSION;

    private final VolumeServices services;
    private final VolumeBackends backends;
    private final VolumeUsage usage;
    private final String zone;
    private final ResourceFilters filters;
    private final VolumeTypeService volumeTypes;

    public HostsController(VolumeServices services, VolumeBackends backends, VolumeUsage usage,
                           BlockStorageProperties properties, ResourceFilters filters, VolumeTypeService volumeTypes) {
        this.filters = filters;
        this.volumeTypes = volumeTypes;
        this.services = services;
        this.backends = backends;
        this.usage = usage;
        this.zone = properties.availabilityZone();
    }

    @GetMapping("/v3/{projectId}/os-hosts")
    public Hosts hosts(Caller caller) {
        caller.require(Policy.HOSTS);
        return new Hosts(services.all().stream().map(i -> new Hosts.Host(i.host(), i.binary(), zone, "available",
                i.disabled() ? "disabled" : "enabled", Views.time(i.updatedAt()))).toList());
    }

    /** A volume host's usage: the total first ({@code (total)}), then one entry per project, as Cinder. */
    @GetMapping("/v3/{projectId}/os-hosts/{host}")
    public HostUsage host(Caller caller, @PathVariable String host) {
        caller.require(Policy.HOSTS);
        VolumeServices.Info service = services.all().stream()
                .filter(i -> VolumeServices.VOLUME.equals(i.binary()) && i.host().equals(host) && !i.disabled())
                .findFirst().orElseThrow(() -> VolumeError.NOT_FOUND.exception("Host " + host + " could not be found."));
        Map<String, VolumeUsage.Usage> byProject = usage.onBackend(service.backend());
        List<HostUsage.Entry> entries = new ArrayList<>();
        entries.add(entry(host, "(total)", VolumeUsage.total(byProject)));
        byProject.forEach((p, u) -> entries.add(entry(host, p, u)));
        return new HostUsage(entries);
    }

    private static HostUsage.Entry entry(String host, String project, VolumeUsage.Usage u) {
        return new HostUsage.Entry(new HostUsage.Resource(host, project, Long.toString(u.volumes()),
                Long.toString(u.volumeGb()), Long.toString(u.snapshots()), Long.toString(u.snapshotGb())));
    }

    /** Microversion 3.28: get_pools filters ({@code name} and the capabilities). */
    static final String POOL_FILTER = "3.28";
    /** Microversion 3.35: the {@code volume_type} filter of get_pools. */
    static final String POOL_TYPE_FILTER = "3.35";

    /**
     * Cinder's get_pools: before 3.28 every pool, whatever the query; from 3.28 {@code name} (the pool's) and any
     * other key compared with the pool's capability of that name (Cinder's {@code _equal_after_convert}: a pool
     * without it never matches); from 3.31 only the configured {@code pool} filters, from anyone (Cinder's
     * {@code reject_invalid_filters} checks the pools' also for administrators); from 3.35 {@code volume_type}
     * (name or id, 404 if none) keeps the pools that the scheduler would place that type's volumes in.
     */
    @GetMapping("/v3/{projectId}/scheduler-stats/get_pools")
    @ValidatedQuery("block-storage/list-query.json")
    public Pools pools(Caller caller, @RequestParam Map<String, String> params, ApiVersion version) {
        caller.require(Policy.POOLS);
        boolean detailed = VolumeController.boolParam("detail", params.get("detail"));
        Map<String, String> given = new LinkedHashMap<>(params);
        given.remove("detail");
        if (!version.atLeast(POOL_FILTER)) {
            given.clear();
        }
        Map<String, String> f = given.isEmpty() ? Map.of() : filters.of("pool", given, caller, version).exact();
        Map<String, String> rest = new LinkedHashMap<>(f);
        String name = rest.remove("name");
        String typeName = rest.remove("volume_type");
        Map<String, String> type = typeName == null || !version.atLeast(POOL_TYPE_FILTER) ? null
                : volumeTypes.extraSpecsByNameOrId(typeName);
        String now = Views.time(java.time.Instant.now());
        List<Pools.Pool> pools = new ArrayList<>();
        for (VolumeBackend b : backends.all()) {
            String pool = services.backendHost(b) + "#" + b.driver();
            Map<String, Object> c = capabilities(b, now);
            if (name != null && !name.equals(pool) || !rest.entrySet().stream().allMatch(e -> equal(c.get(e.getKey()),
                    e.getValue())) || type != null && !BackendCapabilities.satisfies(b, type)) {
                continue;
            }
            pools.add(new Pools.Pool(pool, detailed ? c : null));
        }
        return new Pools(pools);
    }

    private static Map<String, Object> capabilities(VolumeBackend b, String now) {
        Map<String, Object> c = new TreeMap<>();
        c.put("volume_backend_name", b.driver());
        c.put("vendor_name", VENDOR);
        c.put("driver_version", DRIVER_VERSION);
        c.put("storage_protocol", protocol(b));
        c.put("total_capacity_gb", "unknown");
        c.put("free_capacity_gb", "unknown");
        c.put("reserved_percentage", 0);
        c.put("QoS_support", false);
        c.put("timestamp", now);
        return c;
    }

    /** Cinder's {@code _equal_after_convert}: a boolean capability reads the value as one, else both as strings. */
    private static boolean equal(Object capability, String value) {
        if (capability == null) {
            return false;
        }
        if (capability instanceof Boolean bool) {
            return bool == value.trim().toLowerCase(java.util.Locale.ROOT).matches("1|t|true|on|y|yes");
        }
        return String.valueOf(capability).equals(value);
    }

    /** {@code host@backend} (a pool's {@code #pool} is cut off by HTTP clients as a fragment; ignored if sent). */
    @GetMapping("/v3/{projectId}/capabilities/{host}")
    public Capabilities capabilities(Caller caller, @PathVariable String host) {
        caller.require(Policy.CAPABILITIES);
        String h = host.contains("#") ? host.substring(0, host.indexOf('#')) : host;
        VolumeBackend b = backends.all().stream().filter(x -> services.backendHost(x).equals(h)).findFirst()
                .orElseThrow(() -> VolumeError.NOT_FOUND.exception("Host " + host + " could not be found."));
        return new Capabilities(null, null, b.driver(), "OS::Storage::Capabilities::" + h, null, DRIVER_VERSION,
                VENDOR, Map.of(), protocol(b), List.of(), null);
    }

    static String protocol(VolumeBackend b) {
        return BackendCapabilities.protocol(b);
    }
}
