package io.nubo.metering.ledger;

import java.time.Instant;

/**
 * One event's effect on the ledger: which project's which resource, the change, and when it took effect.
 *
 * @param at the time the payload gives for the change (an instance's launched_at or terminated_at, a volume's
 *           created_at), so that metering's hours are the owning service's own; null takes the envelope's time
 */
public record ResourceChange(String projectId, Metric metric, String resourceId, UsageChange change, Instant at) {

    public ResourceChange(String projectId, Metric metric, String resourceId, UsageChange change) {
        this(projectId, metric, resourceId, change, null);
    }

    /** The ledger's key for the resource: metric type and resource id. */
    public String resourceKey() {
        return resourceKey(metric, resourceId);
    }

    public static String resourceKey(Metric metric, String resourceId) {
        return metric.type() + ":" + resourceId;
    }
}
