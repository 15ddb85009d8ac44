package io.nubo.metering.report;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.nubo.shared.policy.Policy;
import io.nubo.shared.policy.PolicyEnforcer;
import io.nubo.shared.security.NuboPrincipal;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * CloudKitty's v1 reports: {@code /v1/report/summary}, {@code /v1/report/total}, {@code /v1/report/tenants} and
 * {@code /v1/storage/dataframes}. Without {@code tenant_id} a report is of the caller's project; another project's,
 * or {@code all_tenants}, is the admin's.
 */
@RestController
class V1ReportController {

    record SummaryRow(String begin, String end, @JsonProperty("tenant_id") String tenantId,
                      @JsonProperty("res_type") String resType, String rate) {
    }

    record Summary(List<SummaryRow> summary) {
    }

    record Resource(String service, Map<String, String> desc, String volume, String rating) {
    }

    record DataFrame(String begin, String end, @JsonProperty("tenant_id") String tenantId, List<Resource> resources) {
    }

    record DataFrames(List<DataFrame> dataframes) {
    }

    private final UsageRating rating;
    private final PolicyEnforcer policy;

    V1ReportController(UsageRating rating, PolicyEnforcer policy) {
        this.rating = rating;
        this.policy = policy;
    }

    /** The project a report is of (null: all), once the policy allows the caller to read it. */
    private String scope(String action, NuboPrincipal caller, String tenantId, boolean allTenants) {
        String target = allTenants ? null : (tenantId == null || tenantId.isBlank() ? caller.projectId() : tenantId);
        policy.enforce(action, caller, target == null ? Map.of() : Map.of("project_id", target));
        return target;
    }

    private static List<RatedUsage> ofService(List<RatedUsage> usage, String service) {
        return service == null || service.isBlank() ? usage
                : usage.stream().filter(u -> u.metric().equals(service)).toList();
    }

    @GetMapping({"/v1/report/summary", "/v1/report/summary/"})
    Summary summary(@RequestParam(required = false) String begin, @RequestParam(required = false) String end,
                    @RequestParam(name = "tenant_id", required = false) String tenantId,
                    @RequestParam(required = false) String service,
                    @RequestParam(required = false) String groupby,
                    @RequestParam(name = "all_tenants", defaultValue = "false") boolean allTenants,
                    NuboPrincipal caller) {
        Instant[] period = Times.period(begin, end, rating.now());
        String project = scope("report:get_summary", caller, tenantId, allTenants);
        boolean byTenant = groupby != null && groupby.contains("tenant_id");
        boolean byType = groupby != null && groupby.contains("res_type");
        Map<List<String>, BigDecimal> totals = new LinkedHashMap<>();
        for (RatedUsage u : ofService(rating.rated(period[0], period[1], project), service)) {
            List<String> key = List.of(byTenant ? u.projectId() : "ALL", byType ? u.metric() : "ALL");
            totals.merge(key, u.price(), BigDecimal::add);
        }
        List<SummaryRow> rows = new ArrayList<>();
        totals.forEach((k, v) -> rows.add(new SummaryRow(Times.V1.format(period[0]), Times.V1.format(period[1]),
                k.get(0), k.get(1), Money.text(v, 5))));
        return new Summary(rows);
    }

    /** Deprecated in CloudKitty, still what {@code openstack rating total get} reads: one number. */
    @GetMapping({"/v1/report/total", "/v1/report/total/"})
    BigDecimal total(@RequestParam(required = false) String begin, @RequestParam(required = false) String end,
                     @RequestParam(name = "tenant_id", required = false) String tenantId,
                     @RequestParam(required = false) String service,
                     @RequestParam(name = "all_tenants", defaultValue = "false") boolean allTenants,
                     NuboPrincipal caller) {
        Instant[] period = Times.period(begin, end, rating.now());
        String project = scope("report:get_total", caller, tenantId, allTenants);
        BigDecimal total = ofService(rating.rated(period[0], period[1], project), service).stream()
                .map(RatedUsage::price).reduce(BigDecimal.ZERO, BigDecimal::add);
        return Money.round(total, 8);
    }

    @Policy("report:list_tenants")
    @GetMapping({"/v1/report/tenants", "/v1/report/tenants/"})
    List<String> tenants(@RequestParam(required = false) String begin, @RequestParam(required = false) String end) {
        Instant[] period = Times.period(begin, end, rating.now());
        return List.copyOf(new TreeSet<>(rating.rated(period[0], period[1], null).stream()
                .map(RatedUsage::projectId).toList()));
    }

    @GetMapping({"/v1/storage/dataframes", "/v1/storage/dataframes/"})
    DataFrames dataframes(@RequestParam(required = false) String begin, @RequestParam(required = false) String end,
                          @RequestParam(name = "tenant_id", required = false) String tenantId,
                          @RequestParam(name = "resource_type", required = false) String resourceType,
                          NuboPrincipal caller) {
        Instant[] period = Times.period(begin, end, rating.now());
        String project = scope("storage:list_data_frames", caller, tenantId, false);
        List<DataFrame> frames = new ArrayList<>();
        for (RatedUsage u : ofService(rating.rated(period[0], period[1], project), resourceType)) {
            Map<String, String> desc = new LinkedHashMap<>(u.attributes());
            desc.put("id", u.resourceId());
            desc.put("project_id", u.projectId());
            frames.add(new DataFrame(Times.V1.format(u.begin()), Times.V1.format(u.end()), u.projectId(),
                    List.of(new Resource(u.metric(), desc, Money.text(u.qty(), 8), Money.text(u.price(), 8)))));
        }
        return new DataFrames(frames);
    }
}
