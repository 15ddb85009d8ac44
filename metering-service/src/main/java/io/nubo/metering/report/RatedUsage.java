package io.nubo.metering.report;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;

/**
 * A usage interval cut to a report's period and priced: {@code qty} is level x hours (instance-hours, GiB-hours),
 * {@code price} the hashmap's hourly price at that level times the hours.
 */
public record RatedUsage(String projectId, String metric, String unit, String resourceId, Map<String, String> attributes,
                         BigDecimal level, Instant begin, Instant end, BigDecimal qty, BigDecimal price) {
}
