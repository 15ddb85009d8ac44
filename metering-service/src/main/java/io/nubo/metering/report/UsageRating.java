package io.nubo.metering.report;

import io.nubo.metering.hashmap.HashmapConfig;
import io.nubo.metering.hashmap.Rater;
import io.nubo.metering.ledger.Ledger;
import io.nubo.metering.ledger.Metric;
import io.nubo.metering.ledger.UsageInterval;
import io.nubo.metering.module.RatingModules;
import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Service;

/**
 * Prices the ledger's intervals for a period with the hashmap rules as they are now: the cost of usage is known
 * the moment its event is in the ledger, and an open interval counts up to now.
 */
@Service
public class UsageRating {

    private static final BigDecimal MILLIS_PER_HOUR = BigDecimal.valueOf(3_600_000);

    private final Ledger ledger;
    private final HashmapConfig hashmap;
    private final RatingModules modules;
    private final Clock clock;

    @Autowired
    UsageRating(Ledger ledger, HashmapConfig hashmap, RatingModules modules) {
        this(ledger, hashmap, modules, Clock.systemUTC());
    }

    UsageRating(Ledger ledger, HashmapConfig hashmap, RatingModules modules, Clock clock) {
        this.ledger = ledger;
        this.hashmap = hashmap;
        this.modules = modules;
        this.clock = clock;
    }

    /** Now, to the millisecond: usage is counted in milliseconds, as Nova's os-simple-tenant-usage counts it. */
    public Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    /** The price of one hour of a service at a level with attributes, as the project would be rated now. */
    public BigDecimal hourlyPrice(String service, BigDecimal level, Map<String, String> attributes, String projectId) {
        Rater rater = modules.enabled(RatingModules.HASHMAP) ? hashmap.rater() : Rater.DISABLED;
        return rater.price(service, level, attributes, projectId);
    }

    /** Rated usage of one project (or, null, of all) within [begin, end). */
    public List<RatedUsage> rated(Instant begin, Instant end, String projectId) {
        Instant now = now();
        Rater rater = modules.enabled(RatingModules.HASHMAP) ? hashmap.rater() : Rater.DISABLED;
        List<RatedUsage> out = new ArrayList<>();
        // many intervals share metric, level, attributes and project: price each combination once
        Map<List<Object>, BigDecimal> prices = new HashMap<>();
        for (UsageInterval i : ledger.intervals(begin, end, projectId)) {
            Instant b = i.begin().isAfter(begin) ? i.begin() : begin;
            Instant e = i.end() == null ? now : i.end();
            if (e.isAfter(end)) {
                e = end;
            }
            long millis = Duration.between(b, e).toMillis();
            if (millis <= 0) {
                continue;
            }
            BigDecimal hours = BigDecimal.valueOf(millis).divide(MILLIS_PER_HOUR, MathContext.DECIMAL128);
            BigDecimal hourly = prices.computeIfAbsent(List.of(i.metric(), i.level(), i.attributes(), i.projectId()),
                    k -> rater.price(i.metric(), i.level(), i.attributes(), i.projectId()));
            String unit = Metric.ofType(i.metric()).map(Metric::unit).orElse("");
            out.add(new RatedUsage(i.projectId(), i.metric(), unit, i.resourceId(), i.attributes(), i.level(), b, e,
                    i.level().multiply(hours, MathContext.DECIMAL128), hourly.multiply(hours, MathContext.DECIMAL128)));
        }
        return out;
    }
}
