package io.nubo.metering.budget;

import io.nubo.metering.error.MeteringError;
import io.nubo.metering.report.RatedUsage;
import io.nubo.metering.report.UsageRating;
import io.nubo.shared.events.BudgetThresholdReached;
import io.nubo.shared.outbox.EventPublisher;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A budget per project and the watch on it: when the cost so far this month reaches 80% and then 100% of it, a
 * {@link BudgetThresholdReached} event goes out through the outbox, once per month and threshold (the alert row and
 * the event are written in one transaction).
 */
@Service
public class Budgets {

    static final List<Integer> THRESHOLDS = List.of(80, 100);
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    public record Budget(String projectId, BigDecimal amount, BigDecimal costThisMonth, String month,
                         List<Integer> reached) {
    }

    private final JdbcTemplate jdbc;
    private final UsageRating rating;
    private final EventPublisher events;
    private final String currency;

    Budgets(JdbcTemplate jdbc, UsageRating rating, EventPublisher events,
            @Value("${nubo.metering.currency:EUR}") String currency) {
        this.jdbc = jdbc;
        this.rating = rating;
        this.events = events;
        this.currency = currency;
    }

    public String currency() {
        return currency;
    }

    @Transactional
    public Budget set(String projectId, BigDecimal amount) {
        if (jdbc.update("UPDATE metering_budget SET amount = ? WHERE project_id = ?", amount, projectId) == 0) {
            jdbc.update("INSERT INTO metering_budget (project_id, amount) VALUES (?, ?)", projectId, amount);
        }
        check(projectId, amount);
        return get(projectId);
    }

    @Transactional(readOnly = true)
    public Budget get(String projectId) {
        List<BigDecimal> amount = jdbc.queryForList("SELECT amount FROM metering_budget WHERE project_id = ?",
                BigDecimal.class, projectId);
        if (amount.isEmpty()) {
            throw MeteringError.E017_NO_BUDGET.with(projectId);
        }
        YearMonth month = YearMonth.from(rating.now().atOffset(ZoneOffset.UTC));
        List<Integer> reached = jdbc.queryForList("SELECT threshold_percent FROM metering_budget_alert"
                + " WHERE project_id = ? AND budget_month = ? ORDER BY threshold_percent", Integer.class, projectId,
                month.toString());
        return new Budget(projectId, amount.get(0), costThisMonth(projectId, month), month.toString(), reached);
    }

    @Transactional
    public void delete(String projectId) {
        if (jdbc.update("DELETE FROM metering_budget WHERE project_id = ?", projectId) == 0) {
            throw MeteringError.E017_NO_BUDGET.with(projectId);
        }
    }

    /** Checks every budget; what the watch runs. */
    @Transactional
    public void checkAll() {
        for (Map<String, Object> row : jdbc.queryForList("SELECT project_id, amount FROM metering_budget")) {
            check((String) row.get("project_id"), (BigDecimal) row.get("amount"));
        }
    }

    private void check(String projectId, BigDecimal amount) {
        Instant now = rating.now();
        YearMonth month = YearMonth.from(now.atOffset(ZoneOffset.UTC));
        BigDecimal cost = costThisMonth(projectId, month);
        for (int threshold : THRESHOLDS) {
            BigDecimal limit = amount.multiply(BigDecimal.valueOf(threshold)).divide(HUNDRED);
            if (cost.compareTo(limit) < 0) {
                break;
            }
            Integer announced = jdbc.queryForObject("SELECT COUNT(*) FROM metering_budget_alert WHERE project_id = ?"
                    + " AND budget_month = ? AND threshold_percent = ?", Integer.class, projectId, month.toString(), threshold);
            if (announced != null && announced > 0) {
                continue;
            }
            jdbc.update("INSERT INTO metering_budget_alert (project_id, budget_month, threshold_percent, reached_at)"
                    + " VALUES (?, ?, ?, ?)", projectId, month.toString(), threshold, Timestamp.from(now));
            events.publish(new BudgetThresholdReached(projectId, month.toString(), threshold, plain(amount),
                    plain(cost), currency, now), projectId, projectId);
        }
    }

    private BigDecimal costThisMonth(String projectId, YearMonth month) {
        Instant begin = month.atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        Instant end = month.plusMonths(1).atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        return rating.rated(begin, end, projectId).stream().map(RatedUsage::price)
                .reduce(BigDecimal.ZERO, BigDecimal::add).setScale(8, RoundingMode.HALF_EVEN);
    }

    private static String plain(BigDecimal d) {
        return d.stripTrailingZeros().toPlainString();
    }
}
