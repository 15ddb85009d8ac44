package io.nubo.metering.ledger;

/** One event's effect on the ledger: which project's which resource, and the change. */
public record ResourceChange(String projectId, Metric metric, String resourceId, UsageChange change) {

    /** The ledger's key for the resource: metric type and resource id. */
    public String resourceKey() {
        return resourceKey(metric, resourceId);
    }

    public static String resourceKey(Metric metric, String resourceId) {
        return metric.type() + ":" + resourceId;
    }
}
