package io.nubo.metering.ledger;

import java.math.BigDecimal;
import java.util.Map;

/** What one event does to one resource's usage: sets its level, adds to it, or ends it. */
public sealed interface UsageChange {

    /**
     * The resource is now used at {@code level} (1 for a running instance, the GiB of a volume); 0 pauses it (a
     * stopped instance keeps its attributes).
     *
     * @param attributes what rating rules may match on (flavor_id, vcpus, volume_type...); null keeps the current ones
     */
    record Set(BigDecimal level, Map<String, String> attributes) implements UsageChange {
    }

    /** The level moves by {@code delta} (object-store byte deltas, in GiB). */
    record Add(BigDecimal delta) implements UsageChange {
    }

    /** The resource is gone: level 0, attributes forgotten. */
    record Close() implements UsageChange {
    }
}
