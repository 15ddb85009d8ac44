package io.nubo.compute.usage;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.nubo.compute.error.ComputeError;
import io.nubo.compute.server.Instance;
import io.nubo.compute.server.ServerService;
import io.nubo.compute.wire.Access;
import io.nubo.compute.wire.Caller;
import io.nubo.compute.wire.ComputePolicy;
import io.nubo.compute.wire.WireTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Nova's os-simple-tenant-usage: per project and per server, the hours each instance ran within [start, end)
 * (from launch to termination, or to now) and the vCPU, RAM and disk hours that makes, as Nova reports them.
 */
@RestController
@RequestMapping("/v2.1/os-simple-tenant-usage")
class UsageController {

    record ServerUsage(@JsonProperty("instance_id") String instanceId, String name, double hours,
                       @JsonProperty("memory_mb") int memoryMb, @JsonProperty("local_gb") int localGb, int vcpus,
                       @JsonProperty("tenant_id") String tenantId, String flavor,
                       @JsonProperty("started_at") String startedAt, @JsonProperty("ended_at") String endedAt,
                       String state, long uptime) {
    }

    record TenantUsage(@JsonProperty("tenant_id") String tenantId, String start, String stop,
                       @JsonProperty("total_hours") double totalHours,
                       @JsonProperty("total_vcpus_usage") double totalVcpusUsage,
                       @JsonProperty("total_memory_mb_usage") double totalMemoryMbUsage,
                       @JsonProperty("total_local_gb_usage") double totalLocalGbUsage,
                       @JsonProperty("server_usages") @JsonInclude(JsonInclude.Include.NON_NULL)
                       List<ServerUsage> serverUsages) {
    }

    record UsageList(@JsonProperty("tenant_usages") List<TenantUsage> tenantUsages) {
    }

    record UsageOne(@JsonProperty("tenant_usage") TenantUsage tenantUsage) {
    }

    private final ServerService servers;
    private final Access access;
    private final Clock clock;

    UsageController(ServerService servers, Access access, Clock clock) {
        this.servers = servers;
        this.access = access;
        this.clock = clock;
    }

    private static Instant time(String value, Instant fallback) {
        if (value == null) {
            return fallback;
        }
        try {
            return LocalDateTime.parse(value.replace(' ', 'T').replaceAll("Z$", "")).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw ComputeError.BAD_REQUEST.exception("Invalid start time. The start time cannot occur after the "
                    + "end time, and both must be of the form %Y-%m-%dT%H:%M:%S[.%f]: " + value);
        }
    }

    /** Nova's {@code not period_start < period_stop}: 400 (both absent is "now" twice: an empty period). */
    private static void requireOrdered(Map<String, String> p, Instant start, Instant end) {
        if (!start.isBefore(end) && (p.get("start") != null || p.get("end") != null)) {
            throw ComputeError.BAD_REQUEST.exception("Invalid start time. The start time cannot occur after the "
                    + "end time.");
        }
    }

    private ServerUsage usage(Instance i, Instant start, Instant end, Instant now) {
        Instant from = i.launchedAt() == null ? null : (i.launchedAt().isBefore(start) ? start : i.launchedAt());
        Instant until = i.terminatedAt() != null && i.terminatedAt().isBefore(end) ? i.terminatedAt() : end;
        if (until.isAfter(now)) {
            until = now;
        }
        double hours = from == null || !until.isAfter(from) ? 0 : Duration.between(from, until).toMillis() / 3.6e6;
        long uptime = i.launchedAt() == null || i.deleted() ? 0 : Duration.between(i.launchedAt(), now).toSeconds();
        return new ServerUsage(i.id(), i.displayName(), hours, i.flavor().ramMb(),
                i.flavor().diskGb() + i.flavor().ephemeralGb(), i.flavor().vcpus(), i.projectId(), i.flavor().name(),
                WireTime.micros(i.launchedAt() != null ? i.launchedAt() : i.createdAt()),
                WireTime.micros(i.terminatedAt()), i.deleted() ? "terminated" : i.vmState().wire(), uptime);
    }

    private TenantUsage tenant(String project, List<ServerUsage> usages, Instant start, Instant end,
                               boolean detailed) {
        return new TenantUsage(project, WireTime.micros(start), WireTime.micros(end),
                usages.stream().mapToDouble(ServerUsage::hours).sum(),
                usages.stream().mapToDouble(u -> u.hours() * u.vcpus()).sum(),
                usages.stream().mapToDouble(u -> u.hours() * u.memoryMb()).sum(),
                usages.stream().mapToDouble(u -> u.hours() * u.localGb()).sum(), detailed ? usages : null);
    }

    private List<ServerUsage> usages(String project, Instant start, Instant end) {
        Instant now = clock.instant();
        if (!end.isAfter(start)) {
            throw ComputeError.BAD_REQUEST.exception("Invalid start time. The start time cannot occur after the end "
                    + "time.");
        }
        List<ServerUsage> out = new ArrayList<>();
        for (Instance i : servers.existedBetween(project, start, end)) {
            out.add(usage(i, start, end, now));
        }
        return out;
    }

    @GetMapping
    UsageList list(Caller caller, @RequestParam Map<String, String> p) {
        access.check(ComputePolicy.USAGE_LIST, caller);
        Instant now = clock.instant();
        Instant start = time(p.get("start"), now);
        Instant end = time(p.get("end"), now);
        requireOrdered(p, start, end);
        boolean detailed = "1".equals(p.get("detailed")) || "true".equalsIgnoreCase(p.get("detailed"));
        Map<String, List<ServerUsage>> byProject = new TreeMap<>();
        if (end.isAfter(start)) {
            for (ServerUsage u : usages(null, start, end)) {
                byProject.computeIfAbsent(u.tenantId(), k -> new ArrayList<>()).add(u);
            }
        }
        return new UsageList(byProject.entrySet().stream().map(e -> tenant(e.getKey(), e.getValue(), start, end,
                detailed)).toList());
    }

    @GetMapping("/{projectId}")
    UsageOne show(Caller caller, @PathVariable String projectId, @RequestParam Map<String, String> p) {
        access.check(ComputePolicy.USAGE_SHOW, caller, projectId);
        Instant now = clock.instant();
        Instant start = time(p.get("start"), now);
        Instant end = time(p.get("end"), now);
        requireOrdered(p, start, end);
        List<ServerUsage> u = end.isAfter(start) ? usages(projectId, start, end) : List.of();
        // Nova answers {} for a project with no usage in the period, which the openstack CLI (6.0) cannot print;
        // zero totals are the same information and satisfy Tempest's schema
        return new UsageOne(tenant(projectId, u, start, end, true));
    }
}
