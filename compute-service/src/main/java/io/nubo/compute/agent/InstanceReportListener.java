package io.nubo.compute.agent;

import io.nubo.shared.events.compute.InstanceReport;

/**
 * A feature that the agent consumer (which the features themselves use, to wait for reports) tells of each instance
 * report, in the report's transaction, before the server lifecycle applies it; so the consumer does not depend on
 * that feature. Used by reports of commands that hold no task of the server (the volume resize).
 */
public interface InstanceReportListener {

    void reported(InstanceReport report);
}
