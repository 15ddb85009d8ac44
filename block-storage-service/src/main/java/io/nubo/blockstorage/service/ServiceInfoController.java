package io.nubo.blockstorage.service;

import io.nubo.blockstorage.request.Views;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.nubo.blockstorage.error.VolumeError;
import io.nubo.blockstorage.request.Json;
import io.nubo.shared.validation.ValidatedBody;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import io.nubo.shared.microversion.ApiVersion;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.NullNode;
import io.nubo.blockstorage.backend.VolumeServices;
import io.nubo.blockstorage.config.BlockStorageProperties;
import io.nubo.blockstorage.request.Caller;
import io.nubo.blockstorage.request.ClusterOrHost;
import io.nubo.blockstorage.request.Policy;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * What Cinder reports about itself: its one availability zone, its services (a scheduler and one volume service
 * per configured backend, as {@code host@backend}; all in this process, so up while it answers) and the API
 * extensions it serves.
 */
@RestController
public class ServiceInfoController {

    public record Zones(List<Zone> availabilityZoneInfo) {
        public record Zone(String zoneName, ZoneState zoneState) {
        }

        public record ZoneState(boolean available) {
        }
    }

    public record Services(List<Service> services) {
        public record Service(String binary, String host, String zone, String status, String state,
                              @JsonProperty("updated_at") String updatedAt,
                              @JsonProperty("disabled_reason") String disabledReason,
                              @JsonInclude(JsonInclude.Include.NON_NULL) @JsonProperty("cluster")
                              JsonNode clusterName) {
        }
    }

    public record Extensions(List<Extension> extensions) {
        public record Extension(String alias, String name, String description, String updated, List<Object> links) {
        }
    }

    /** The extensions whose resources and attributes this service serves, with Cinder's aliases and names. */
    private static final List<Extensions.Extension> EXTENSIONS = List.of(
            ext("os-availability-zone", "AvailabilityZones", "Describe Availability Zones."),
            ext("os-quota-sets", "Quotas", "Quota management support."),
            ext("os-services", "Services", "Services support."),
            ext("os-types-manage", "TypesManage", "Types manage support."),
            ext("os-types-extra-specs", "TypesExtraSpecs", "Type extra specs support."),
            ext("os-volume-actions", "VolumeActions", "Enable volume actions."),
            ext("os-vol-host-attr", "VolumeHostAttribute", "Expose host as an attribute of a volume."),
            ext("os-vol-tenant-attr", "VolumeTenantAttribute", "Expose the internal project_id as an attribute of"
                    + " a volume."),
            ext("os-vol-image-meta", "VolumeImageMetadata", "Show image metadata associated with the volume."),
            ext("os-extended-snapshot-attributes", "ExtendedSnapshotAttributes", "Extended SnapshotAttributes"
                    + " support."),
            ext("os-admin-actions", "AdminActions", "Enable admin actions."),
            ext("os-snapshot-actions", "SnapshotActions", "Enable snapshot manager actions."),
            ext("os-hosts", "Hosts", "Admin-only host administration."),
            ext("scheduler-stats", "Scheduler_stats", "Scheduler stats support."),
            ext("capabilities", "Capabilities", "Capabilities support."),
            ext("os-quota-class-sets", "Quota_classes", "Quota classes management support."),
            ext("os-volume-type-access", "VolumeTypeAccess", "Volume type access support."),
            ext("os-volume-transfer", "VolumeTransfer", "Volume transfer management support."),
            ext("qos-specs", "Qos_specs_manage", "QoS specs support."));

    private static Extensions.Extension ext(String alias, String name, String description) {
        return new Extensions.Extension(alias, name, description, "2013-01-01T00:00:00+00:00", List.of());
    }

    private final VolumeServices services;
    private final BlockStorageProperties properties;

    public ServiceInfoController(VolumeServices services, BlockStorageProperties properties) {
        this.services = services;
        this.properties = properties;
    }

    @GetMapping("/v3/{projectId}/os-availability-zone")
    public Zones zones(Caller caller) {
        return new Zones(List.of(new Zones.Zone(properties.availabilityZone(), new Zones.ZoneState(true))));
    }

    /** {@code ?binary=} and {@code ?host=} (Cinder's host match: {@code h} also finds {@code h@backend}). */
    @GetMapping("/v3/{projectId}/os-services")
    public Services services(Caller caller, @RequestParam(required = false) String binary,
                             @RequestParam(required = false) String host, ApiVersion version) {
        // 3.7: cluster (Cinder names it so; the object field is cluster_name), null for every service (none is in a cluster: ClusterController)
        JsonNode cluster = version.atLeast(ClusterController.CLUSTERS) ? NullNode.getInstance() : null;
        caller.require(Policy.SERVICES_LIST);
        return new Services(services.all().stream()
                .filter(i -> binary == null || binary.isEmpty() || binary.equals(i.binary()))
                .filter(i -> host == null || host.isEmpty() || VolumeServices.hostMatches(host, i.host()))
                .map(i -> new Services.Service(i.binary(), i.host(), properties.availabilityZone(),
                        i.disabled() ? "disabled" : "enabled", "up", Views.time(i.updatedAt()),
                        i.disabledReason(), cluster))
                .toList());
    }

    /** Cinder's answer to enable and disable-log-reason (disable's has no {@code disabled_reason}). */
    public record ServiceUpdate(String host, String service, String binary, boolean disabled, String status,
                                @JsonProperty("disabled_reason") String disabledReason) {
    }

    public record ServiceDisabled(String host, String service, String binary, boolean disabled, String status) {
    }

    /** Microversion 3.26: {@code failover}, and {@code cluster} in freeze, thaw and failover. */
    static final String REPLICATION_CLUSTER = "3.26";

    /**
     * {@code PUT os-services/enable|disable|disable-log-reason|freeze|thaw|failover_host} and, from 3.26,
     * {@code failover}. Freeze, thaw and failover belong to replication, which Nubo's backends do not do: the host
     * or (3.26) cluster is looked up as Cinder's {@code _get_cluster_and_services_for_replication} does (no service
     * is in a cluster, so a cluster is Cinder's "No service found with cluster=..."); a volume service found cannot
     * fail over, Cinder's answer for a backend whose replication_status is not enabled; freeze and thaw are 400.
     */
    @PutMapping("/v3/{projectId}/os-services/{action}")
    @ValidatedBody("block-storage/service-update.json")
    public ResponseEntity<?> update(Caller caller, @PathVariable String action, @RequestBody JsonNode body,
                                    ApiVersion version) {
        caller.require(Policy.SERVICES_UPDATE);
        String host = Json.string(body, "host");
        String binary = Json.present(body, "binary") ? Json.string(body, "binary") : Json.string(body, "service");
        boolean clustered = version.atLeast(REPLICATION_CLUSTER);
        switch (action) {
            case "freeze", "thaw" -> {
                String h = replicationHost(clusterOrHost(Json.string(body, "cluster"), host, clustered));
                throw VolumeError.INVALID_INPUT.exception("Host " + h + " has no backend that replicates, so it"
                        + " cannot be " + (action.equals("freeze") ? "frozen" : "thawed") + ".");
            }
            case "failover_host", "failover" -> {
                if (action.equals("failover") && !clustered) {
                    throw VolumeError.NOT_FOUND.exception("Unknown action " + action + ".");
                }
                String h = replicationHost(clusterOrHost(Json.string(body, "cluster"), host, clustered));
                throw VolumeError.INVALID_INPUT.exception("No service could be changed: replication_status in ['"
                        + h + "'] must be ['enabled', 'failed-over'] and must be up to failover.");
            }
            case "enable", "disable", "disable-log-reason" -> {
                if (host == null || binary == null) {
                    throw VolumeError.INVALID_INPUT.exception("Missing required element 'host' or 'binary' in"
                            + " request body.");
                }
                String reason = Json.string(body, "disabled_reason");
                if (action.equals("disable-log-reason") && (reason == null || reason.isBlank())) {
                    throw VolumeError.INVALID_INPUT.exception("Disabled reason contains invalid characters or is"
                            + " too long");
                }
                boolean disable = !action.equals("enable");
                VolumeServices.Info i = services.set(host, binary, disable, disable ? reason : null);
                String status = i.disabled() ? "disabled" : "enabled";
                return ResponseEntity.ok(action.equals("disable")
                        ? new ServiceDisabled(i.host(), i.binary(), i.binary(), i.disabled(), status)
                        : new ServiceUpdate(i.host(), i.binary(), i.binary(), i.disabled(), status, i.disabledReason()));
            }
            default -> throw VolumeError.NOT_FOUND.exception("Unknown action " + action + ".");
        }
    }

    /** No service is in a cluster here: a named one is Cinder's ServiceNotFound, which the API turns into a 400. */
    private static String clusterOrHost(String cluster, String host, boolean clustered) {
        String c = ClusterOrHost.cluster(cluster, host, clustered);
        if (c != null) {
            throw VolumeError.INVALID_INPUT.exception("No service found with cluster=" + c);
        }
        return host;
    }

    /** The one volume service a replication request names by host (Cinder's 400s when none or several). */
    private String replicationHost(String host) {
        List<String> hosts = services.all().stream().filter(i -> VolumeServices.VOLUME.equals(i.binary()))
                .map(VolumeServices.Info::host).filter(h -> VolumeServices.hostMatches(host, h)).toList();
        if (hosts.isEmpty()) {
            throw VolumeError.INVALID_INPUT.exception("No service found with host=" + host);
        }
        if (hosts.size() > 1) {
            throw VolumeError.BAD_REQUEST.exception("Services from different clusters found.");
        }
        return hosts.get(0);
    }

    @GetMapping("/v3/{projectId}/extensions")
    public Extensions extensions(Caller caller) {
        return new Extensions(EXTENSIONS);
    }
}
