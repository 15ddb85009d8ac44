package io.nubo.metering.report;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.nubo.metering.error.MeteringError;
import io.nubo.shared.policy.Policy;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Nubo's monthly statement of a project (beyond CloudKitty): one line per resource and metric with its quantity and
 * cost, and the total, as JSON or ({@code ?format=csv}) CSV. The current month is the cost so far, to the second.
 */
@RestController
class StatementController {

    record Line(String metric, @JsonProperty("resource_id") String resourceId, String unit, String qty, String cost) {
    }

    record Statement(@JsonProperty("project_id") String projectId, String month, String begin, String end,
                     String currency, List<Line> lines, String total) {
    }

    private final UsageRating rating;
    private final String currency;

    StatementController(UsageRating rating, @Value("${nubo.metering.currency:EUR}") String currency) {
        this.rating = rating;
        this.currency = currency;
    }

    @Policy("nubo:get_statement")
    @GetMapping("/nubo/v1/projects/{project_id}/statements/{month}")
    ResponseEntity<?> statement(@PathVariable("project_id") String projectId, @PathVariable String month,
                                @RequestParam(defaultValue = "json") String format) {
        YearMonth m;
        try {
            m = YearMonth.parse(month);
        } catch (DateTimeParseException e) {
            throw MeteringError.E011_INVALID_INPUT.with("Invalid month '" + month + "': expected YYYY-MM");
        }
        Instant begin = m.atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        Instant end = m.plusMonths(1).atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        Map<List<String>, BigDecimal[]> byResource = new LinkedHashMap<>();
        for (RatedUsage u : rating.rated(begin, end, projectId)) {
            BigDecimal[] t = byResource.computeIfAbsent(List.of(u.metric(), u.resourceId(), u.unit()),
                    k -> new BigDecimal[] {BigDecimal.ZERO, BigDecimal.ZERO});
            t[0] = t[0].add(u.qty());
            t[1] = t[1].add(u.price());
        }
        List<Line> lines = new ArrayList<>();
        BigDecimal total = BigDecimal.ZERO;
        for (Map.Entry<List<String>, BigDecimal[]> e : byResource.entrySet()) {
            lines.add(new Line(e.getKey().get(0), e.getKey().get(1), e.getKey().get(2),
                    Money.text(e.getValue()[0], 8), Money.text(e.getValue()[1], 8)));
            total = total.add(e.getValue()[1]);
        }
        Statement s = new Statement(projectId, m.toString(), begin.toString(), end.toString(), currency, lines,
                Money.text(total, 8));
        return switch (format) {
            case "json" -> ResponseEntity.ok(s);
            case "csv" -> ResponseEntity.ok().contentType(new MediaType("text", "csv"))
                    .header("Content-Disposition", "attachment; filename=\"statement-" + projectId + "-" + m + ".csv\"")
                    .body(csv(s));
            default -> throw MeteringError.E011_INVALID_INPUT.with("Invalid format '" + format + "': json or csv");
        };
    }

    private static String csv(Statement s) {
        String rows = s.lines().stream()
                .map(l -> String.join(",", s.projectId(), s.month(), quoted(l.metric()), quoted(l.resourceId()),
                        l.unit(), l.qty(), l.cost(), s.currency()))
                .collect(Collectors.joining("\r\n"));
        return "project_id,month,metric,resource_id,unit,qty,cost,currency\r\n" + rows + (rows.isEmpty() ? "" : "\r\n")
                + s.projectId() + "," + s.month() + ",total,,,," + s.total() + "," + s.currency() + "\r\n";
    }

    /** RFC 4180: a field with a comma, a quote or a line break is quoted, its quotes doubled. */
    static String quoted(String field) {
        if (field == null) {
            return "";
        }
        return field.matches(".*[,\"\r\n].*") ? "\"" + field.replace("\"", "\"\"") + "\"" : field;
    }
}
