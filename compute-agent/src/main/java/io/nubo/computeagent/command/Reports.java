package io.nubo.computeagent.command;

import io.nubo.shared.events.compute.ComputeCommand;
import io.nubo.shared.events.compute.InstanceReport;
import io.nubo.shared.events.compute.InstanceReport.Outcome;
import io.nubo.shared.events.compute.PowerState;
import java.time.Clock;

/** Builds this host's {@link InstanceReport}s. */
public final class Reports {

    private final String host;
    private final Clock clock;

    public Reports(String host, Clock clock) {
        this.host = host;
        this.clock = clock;
    }

    public String host() {
        return host;
    }

    public InstanceReport succeeded(ComputeCommand c, String operation, PowerState state) {
        return new InstanceReport(c.instanceId(), host, c.actionId(), operation, Outcome.SUCCEEDED, state, null, null,
                clock.instant());
    }

    public InstanceReport failed(ComputeCommand c, String operation, PowerState state, String message,
                                 String details) {
        return new InstanceReport(c.instanceId(), host, c.actionId(), operation, Outcome.FAILED, state, message,
                details, clock.instant());
    }

    /** What the agent saw without being asked: {@code lifecycle} or {@code reconcile}. */
    public InstanceReport observed(String instanceId, String operation, PowerState state, String note) {
        return new InstanceReport(instanceId, host, null, operation, Outcome.OBSERVED, state, note, null,
                clock.instant());
    }

    public java.time.Instant now() {
        return clock.instant();
    }
}
