package io.nubo.metering.ledger;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;

/** One stored usage interval: a project's resource at a level with attributes, {@code end} null while open. */
public record UsageInterval(String projectId, String metric, String resourceId, BigDecimal level,
                            Map<String, String> attributes, Instant begin, Instant end) {
}
