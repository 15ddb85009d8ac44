package io.nubo.metering.ledger;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;

/** A stretch of time over which a resource's level and attributes stay the same; {@code end} null while open. */
public record Segment(Instant begin, Instant end, BigDecimal level, Map<String, String> attributes) {
}
