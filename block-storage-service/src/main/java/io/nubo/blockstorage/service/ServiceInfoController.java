package io.nubo.blockstorage.service;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.nubo.blockstorage.backend.VolumeBackend;
import io.nubo.blockstorage.backend.VolumeBackends;
import io.nubo.blockstorage.config.BlockStorageProperties;
import io.nubo.blockstorage.volume.VolumeRenderer;
import io.nubo.blockstorage.request.Caller;
import io.nubo.blockstorage.request.Policy;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
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
                              @JsonProperty("disabled_reason") String disabledReason) {
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
                    + " support."));

    private static Extensions.Extension ext(String alias, String name, String description) {
        return new Extensions.Extension(alias, name, description, "2013-01-01T00:00:00+00:00", List.of());
    }

    private final VolumeBackends backends;
    private final BlockStorageProperties properties;
    private final Clock clock;

    public ServiceInfoController(VolumeBackends backends, BlockStorageProperties properties, Clock clock) {
        this.backends = backends;
        this.properties = properties;
        this.clock = clock;
    }

    @GetMapping("/v3/{projectId}/os-availability-zone")
    public Zones zones(Caller caller) {
        return new Zones(List.of(new Zones.Zone(properties.availabilityZone(), new Zones.ZoneState(true))));
    }

    @GetMapping("/v3/{projectId}/os-services")
    public Services services(Caller caller) {
        caller.require(Policy.SERVICES_LIST);
        String now = VolumeRenderer.time(clock.instant());
        List<Services.Service> all = new ArrayList<>();
        all.add(new Services.Service("cinder-scheduler", properties.host(), properties.availabilityZone(), "enabled",
                "up", now, null));
        for (VolumeBackend b : backends.all()) {
            all.add(new Services.Service("cinder-volume", properties.host() + "@" + b.driver(),
                    properties.availabilityZone(), "enabled", "up", now, null));
        }
        return new Services(all);
    }

    @GetMapping("/v3/{projectId}/extensions")
    public Extensions extensions(Caller caller) {
        return new Extensions(EXTENSIONS);
    }
}
