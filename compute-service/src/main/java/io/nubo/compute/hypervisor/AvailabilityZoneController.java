package io.nubo.compute.hypervisor;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.nubo.compute.config.ComputeProperties;
import io.nubo.compute.host.ComputeHost;
import io.nubo.compute.host.HostStore;
import io.nubo.compute.scheduler.Scheduler;
import io.nubo.compute.wire.Access;
import io.nubo.compute.wire.Caller;
import io.nubo.compute.wire.ComputePolicy;
import io.nubo.compute.wire.WireTime;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Nova's os-availability-zone: the zones of enabled hosts, available while one of them is up. */
@RestController
@RequestMapping("/v2.1/os-availability-zone")
class AvailabilityZoneController {

    record ZoneState(boolean available) {
    }

    record ServiceState(boolean available, boolean active, @JsonProperty("updated_at") String updatedAt) {
    }

    record Zone(String zoneName, ZoneState zoneState, @JsonInclude(JsonInclude.Include.ALWAYS)
                Map<String, Map<String, ServiceState>> hosts) {
    }

    record ZoneList(List<Zone> availabilityZoneInfo) {
    }

    private final HostStore hosts;
    private final Scheduler scheduler;
    private final Access access;
    private final ComputeProperties props;
    private final Clock clock;

    AvailabilityZoneController(HostStore hosts, Scheduler scheduler, Access access, ComputeProperties props,
                               Clock clock) {
        this.hosts = hosts;
        this.scheduler = scheduler;
        this.access = access;
        this.props = props;
        this.clock = clock;
    }

    private Map<String, List<ComputeHost>> byZone() {
        Map<String, List<ComputeHost>> zones = new TreeMap<>();
        for (ComputeHost h : hosts.all()) {
            if (!h.disabled()) {
                zones.computeIfAbsent(scheduler.zoneOf(h.host()), z -> new java.util.ArrayList<>()).add(h);
            }
        }
        return zones;
    }

    private boolean up(ComputeHost h) {
        return h.up(clock.instant(), props.heartbeatTimeout());
    }

    @GetMapping
    ZoneList list() {
        return new ZoneList(byZone().entrySet().stream().map(e -> new Zone(e.getKey(),
                new ZoneState(e.getValue().stream().anyMatch(this::up)), null)).toList());
    }

    @GetMapping("/detail")
    ZoneList detail(Caller caller) {
        access.check(ComputePolicy.AVAILABILITY_ZONE_DETAIL, caller);
        return new ZoneList(byZone().entrySet().stream().map(e -> {
            Map<String, Map<String, ServiceState>> hostMap = new LinkedHashMap<>();
            for (ComputeHost h : e.getValue()) {
                hostMap.put(h.host(), Map.of(ComputeServiceController.BINARY, new ServiceState(up(h), !h.disabled(),
                        WireTime.micros(h.lastSeenAt()))));
            }
            return new Zone(e.getKey(), new ZoneState(e.getValue().stream().anyMatch(this::up)), hostMap);
        }).toList());
    }
}
