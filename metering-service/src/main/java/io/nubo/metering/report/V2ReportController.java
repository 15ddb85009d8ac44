package io.nubo.metering.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.nubo.metering.error.MeteringError;
import io.nubo.shared.policy.PolicyEnforcer;
import io.nubo.shared.security.NuboPrincipal;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * CloudKitty's v2 {@code /v2/summary} and {@code /v2/dataframes}: {@code begin}, {@code end}, {@code groupby}
 * (type, project_id, id or any attribute), {@code filters} ({@code key:value,...}), {@code offset}/{@code limit}.
 * A caller who is not admin sees only their own project, whatever the filters say.
 */
@RestController
class V2ReportController {

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record SummaryResponse(long total, List<String> columns, List<Object> results, String format) {
    }

    record Vol(String unit, BigDecimal qty) {
    }

    record Rating(BigDecimal price) {
    }

    record Point(Vol vol, Rating rating, Map<String, String> groupby, Map<String, String> metadata) {
    }

    record Period(String begin, String end) {
    }

    record DataFrame(Period period, Map<String, List<Point>> usage) {
    }

    record DataFrames(long total, List<DataFrame> dataframes) {
    }

    private static final DateTimeFormatter V2 = DateTimeFormatter.ISO_INSTANT;

    private final UsageRating rating;
    private final PolicyEnforcer policy;

    V2ReportController(UsageRating rating, PolicyEnforcer policy) {
        this.rating = rating;
        this.policy = policy;
    }

    /** A usage's value for a groupby or filter key. */
    private static String value(RatedUsage u, String key) {
        return switch (key) {
            case "type" -> u.metric();
            case "project_id" -> u.projectId();
            case "id" -> u.resourceId();
            default -> u.attributes().get(key);
        };
    }

    private static Map<String, List<String>> filters(List<String> params) {
        Map<String, List<String>> f = new LinkedHashMap<>();
        for (String param : params == null ? List.<String>of() : params) {
            for (String pair : param.split(",")) {
                if (pair.isBlank()) {
                    continue;
                }
                int colon = pair.indexOf(':');
                if (colon <= 0) {
                    throw MeteringError.E011_INVALID_INPUT.with("Invalid filter '" + pair + "': expected key:value");
                }
                f.computeIfAbsent(pair.substring(0, colon), k -> new ArrayList<>()).add(pair.substring(colon + 1));
            }
        }
        return f;
    }

    private List<RatedUsage> select(String action, NuboPrincipal caller, String begin, String end,
                                    List<String> filterParams) {
        Instant[] period = Times.period(begin, end, rating.now());
        Map<String, List<String>> f = filters(filterParams);
        String project = caller.isAdmin() ? null : caller.projectId();
        policy.enforce(action, caller, project == null ? Map.of() : Map.of("project_id", project));
        if (!caller.isAdmin()) {
            f.put("project_id", List.of(project));
        }
        List<String> projects = f.get("project_id");
        String onlyProject = projects != null && projects.size() == 1 ? projects.get(0) : null;
        return rating.rated(period[0], period[1], onlyProject).stream()
                .filter(u -> f.entrySet().stream().allMatch(e -> e.getValue().contains(value(u, e.getKey()))))
                .toList();
    }

    private static void checkPage(int offset, int limit) {
        if (offset < 0 || limit < 1) {
            throw MeteringError.E011_INVALID_INPUT.with("offset must be 0 or more and limit 1 or more");
        }
    }

    @GetMapping({"/v2/summary", "/v2/summary/"})
    SummaryResponse summary(@RequestParam(required = false) String begin, @RequestParam(required = false) String end,
                            @RequestParam(required = false) List<String> groupby,
                            @RequestParam(required = false) List<String> filters,
                            @RequestParam(name = "response_format", defaultValue = "table") String format,
                            @RequestParam(defaultValue = "0") int offset, @RequestParam(defaultValue = "100") int limit,
                            NuboPrincipal caller) {
        if (!format.equals("table") && !format.equals("object")) {
            throw MeteringError.E011_INVALID_INPUT.with("Invalid response format [" + format
                    + "]. Valid format are [['table', 'object']].");
        }
        checkPage(offset, limit);
        Instant[] period = Times.period(begin, end, rating.now());
        List<String> keys = groupby == null ? List.of() : groupby.stream()
                .flatMap(g -> Arrays.stream(g.split(","))).filter(g -> !g.isBlank()).distinct().toList();
        Map<List<String>, BigDecimal[]> totals = new LinkedHashMap<>();
        for (RatedUsage u : select("summary:get_summary", caller, begin, end, filters)) {
            List<String> key = keys.stream().map(k -> String.valueOf(value(u, k))).toList();
            BigDecimal[] t = totals.computeIfAbsent(key, k -> new BigDecimal[] {BigDecimal.ZERO, BigDecimal.ZERO});
            t[0] = t[0].add(u.qty());
            t[1] = t[1].add(u.price());
        }
        List<String> columns = new ArrayList<>(List.of("begin", "end", "qty", "rate"));
        columns.addAll(keys);
        List<Object> rows = new ArrayList<>();
        totals.entrySet().stream().skip(offset).limit(limit).forEach(e -> {
            List<Object> row = new ArrayList<>(List.of(V2.format(period[0]), V2.format(period[1]),
                    Money.round(e.getValue()[0], 8), Money.round(e.getValue()[1], 8)));
            row.addAll(e.getKey());
            if (format.equals("table")) {
                rows.add(row);
            } else {
                Map<String, Object> obj = new LinkedHashMap<>();
                for (int i = 0; i < columns.size(); i++) {
                    obj.put(columns.get(i), row.get(i));
                }
                rows.add(obj);
            }
        });
        return new SummaryResponse(totals.size(), format.equals("table") ? columns : null, rows, format);
    }

    @GetMapping({"/v2/dataframes", "/v2/dataframes/"})
    DataFrames dataframes(@RequestParam(required = false) String begin, @RequestParam(required = false) String end,
                          @RequestParam(required = false) List<String> filters,
                          @RequestParam(defaultValue = "0") int offset, @RequestParam(defaultValue = "100") int limit,
                          NuboPrincipal caller) {
        checkPage(offset, limit);
        List<RatedUsage> usage = select("dataframes:get", caller, begin, end, filters);
        Function<RatedUsage, DataFrame> frame = u -> new DataFrame(
                new Period(V2.format(u.begin()), V2.format(u.end())),
                Map.of(u.metric(), List.of(new Point(new Vol(u.unit(), Money.round(u.qty(), 8)),
                        new Rating(Money.round(u.price(), 8)),
                        Map.of("id", u.resourceId(), "project_id", u.projectId()), u.attributes()))));
        return new DataFrames(usage.size(), usage.stream().skip(offset).limit(limit).map(frame).toList());
    }
}
