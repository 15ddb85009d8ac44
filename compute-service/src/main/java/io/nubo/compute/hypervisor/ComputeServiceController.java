package io.nubo.compute.hypervisor;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.nubo.compute.config.ComputeProperties;
import io.nubo.compute.error.ComputeError;
import io.nubo.compute.host.ComputeHost;
import io.nubo.compute.host.HostStore;
import io.nubo.compute.scheduler.Scheduler;
import io.nubo.compute.wire.Access;
import io.nubo.compute.wire.Caller;
import io.nubo.compute.wire.ComputePolicy;
import io.nubo.compute.wire.RequestBody;
import io.nubo.compute.wire.WireTime;
import io.nubo.shared.microversion.ApiVersion;
import io.nubo.shared.microversion.Microversions;
import io.nubo.shared.validation.ValidatedBody;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * Nova's os-services (with {@code forced_down} and {@code force-down} from 2.11) for the compute hosts: {@code nova-compute} per registered host, up while its agent's
 * heartbeats arrive; an operator disables one (with a reason) to keep the scheduler off it.
 */
@RestController
@RequestMapping("/v2.1/os-services")
class ComputeServiceController {

    static final String BINARY = "nova-compute";

    record ServiceView(long id, String binary, String host, String zone, String status, String state,
                       @JsonProperty("updated_at") String updatedAt,
                       @JsonProperty("disabled_reason") String disabledReason,
                       @JsonProperty("forced_down") @JsonInclude(JsonInclude.Include.NON_NULL) Boolean forcedDown) {
    }

    /** The answer of {@code force-down} (2.11). */
    record ForcedDown(String host, String binary, @JsonProperty("forced_down") boolean forcedDown) {
    }

    record ForcedDownOne(ForcedDown service) {
    }

    record ServiceList(List<ServiceView> services) {
    }

    record Changed(String host, String binary, String status,
                   @JsonProperty("disabled_reason") @JsonInclude(JsonInclude.Include.NON_NULL) String disabledReason) {
    }

    record ChangedOne(Changed service) {
    }

    private final HostStore hosts;
    private final Scheduler scheduler;
    private final Access access;
    private final ComputeProperties props;
    private final Clock clock;

    ComputeServiceController(HostStore hosts, Scheduler scheduler, Access access, ComputeProperties props,
                             Clock clock) {
        this.hosts = hosts;
        this.scheduler = scheduler;
        this.access = access;
        this.props = props;
        this.clock = clock;
    }

    @GetMapping
    ServiceList list(Caller caller, ApiVersion version, @RequestParam Map<String, String> params) {
        access.check(ComputePolicy.SERVICES, caller);
        String binary = params.get("binary");
        String host = params.get("host");
        if (binary != null && !binary.equals(BINARY)) {
            return new ServiceList(List.of());
        }
        return new ServiceList(hosts.all().stream().filter(h -> host == null || host.equals(h.host()))
                .map(h -> view(h, version)).toList());
    }

    /** {@code forced_down} from 2.11 on. */
    private ServiceView view(ComputeHost h, ApiVersion version) {
        return new ServiceView(h.id(), BINARY, h.host(), scheduler.zoneOf(h.host()),
                h.disabled() ? "disabled" : "enabled", h.up(clock.instant(), props.heartbeatTimeout()) ? "up" : "down",
                WireTime.micros(h.lastSeenAt()), h.disabledReason(),
                version.atLeast("2.11") ? h.forcedDown() : null);
    }

    /** 2.11: an operator (or an external fencing tool) says the host is down, so its servers may be evacuated. */
    @PutMapping("/force-down")
    @Microversions(min = "2.11")
    @ValidatedBody("compute/service-update-v211.json")
    ForcedDownOne forceDown(Caller caller, @org.springframework.web.bind.annotation.RequestBody JsonNode body) {
        access.check(ComputePolicy.SERVICES, caller);
        RequestBody b = RequestBody.of(body);
        String host = b.string("host", true, 1, 255, null);
        String binary = b.string("binary", true, 1, 255, null);
        Boolean down = b.bool("forced_down");
        if (down == null) {
            throw ComputeError.BAD_REQUEST.exception("Missing forced_down field");
        }
        if (!BINARY.equals(binary) || hosts.byName(host).isEmpty()) {
            throw ComputeError.HOST_NOT_FOUND.exception(host);
        }
        hosts.setForcedDown(host, down, clock.instant());
        return new ForcedDownOne(new ForcedDown(host, binary, down));
    }

    @PutMapping("/{action}")
    @ValidatedBody(value = "compute/service-update.json", until = "2.10")
    @ValidatedBody(value = "compute/service-update-v211.json", since = "2.11")
    ChangedOne change(Caller caller, @PathVariable String action,
                      @org.springframework.web.bind.annotation.RequestBody JsonNode body) {
        access.check(ComputePolicy.SERVICES, caller);
        RequestBody b = RequestBody.of(body);
        String host = b.string("host", true, 1, 255, null);
        String binary = b.string("binary", true, 1, 255, null);
        if (!BINARY.equals(binary) || hosts.byName(host).isEmpty()) {
            throw ComputeError.HOST_NOT_FOUND.exception(host);
        }
        String reason = b.string("disabled_reason", false, 1, 255, null);
        switch (action) {
            case "enable" -> hosts.setDisabled(host, false, null, clock.instant());
            case "disable" -> hosts.setDisabled(host, true, null, clock.instant());
            case "disable-log-reason" -> {
                if (reason == null) {
                    throw ComputeError.BAD_REQUEST.exception("Missing disabled reason field");
                }
                hosts.setDisabled(host, true, reason, clock.instant());
            }
            default -> throw ComputeError.NOT_FOUND.exception("Unknown action");
        }
        return new ChangedOne(new Changed(host, binary, action.equals("enable") ? "enabled" : "disabled",
                action.equals("disable-log-reason") ? reason : null));
    }

    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(Caller caller, @PathVariable String id) {
        access.check(ComputePolicy.SERVICES, caller);
        ComputeHost h;
        try {
            h = hosts.byId(Long.parseLong(id)).orElseThrow(() -> ComputeError.SERVICE_NOT_FOUND.exception(id));
        } catch (NumberFormatException e) {
            throw ComputeError.SERVICE_NOT_FOUND.exception(id);
        }
        hosts.delete(h.host());
    }

}
