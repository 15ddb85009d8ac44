package io.nubo.computeagent.host;

import io.nubo.shared.events.compute.AgentReport;
import io.nubo.shared.events.compute.ConsoleOutput;
import io.nubo.shared.events.compute.HostStatus;
import io.nubo.shared.events.compute.InstanceReport;
import io.nubo.shared.events.compute.MigrationProgress;
import io.nubo.shared.outbox.EventPublisher;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Puts reports in the outbox (the relay takes them to {@code nubo.compute.agent.v1}): host status keyed by host,
 * instance reports, console output and migration progress by
 * instance id.
 */
public final class ReportPublisher {

    private final EventPublisher publisher;
    private final TransactionTemplate tx;

    public ReportPublisher(EventPublisher publisher, TransactionTemplate tx) {
        this.publisher = publisher;
        this.tx = tx;
    }

    /** Within the caller's transaction. */
    public void publishInTransaction(AgentReport report) {
        publisher.publish(report, key(report), null);
    }

    /** In a transaction of its own. */
    public void publish(AgentReport report) {
        tx.executeWithoutResult(s -> publishInTransaction(report));
    }

    static String key(AgentReport r) {
        if (r instanceof InstanceReport i) {
            return i.instanceId();
        }
        if (r instanceof ConsoleOutput c) {
            return c.instanceId();
        }
        if (r instanceof MigrationProgress m) {
            return m.instanceId();
        }
        return ((HostStatus) r).host();
    }
}
