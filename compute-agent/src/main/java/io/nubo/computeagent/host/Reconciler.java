package io.nubo.computeagent.host;

import io.nubo.computeagent.command.Reports;
import io.nubo.computeagent.design.GuestNames;
import io.nubo.computeagent.hypervisor.Guest;
import io.nubo.computeagent.hypervisor.Hypervisor;
import io.nubo.shared.events.compute.InstanceReport;
import java.util.ArrayList;
import java.util.List;

/**
 * At start: what libvirt runs, told to the API as {@code reconcile} observations, one per Nubo guest with its power
 * state (the API, which owns the instances, recognises guests nobody owns and ends operations that were in flight).
 * Guests that are not Nubo's are left alone and unreported. A command interrupted by the agent's own stop was not
 * acknowledged, so Kafka delivers it again and its handler finishes it (handlers are idempotent): nothing stays
 * half done.
 */
public final class Reconciler {

    private final Hypervisor hypervisor;
    private final Reports reports;

    public Reconciler(Hypervisor hypervisor, Reports reports) {
        this.hypervisor = hypervisor;
        this.reports = reports;
    }

    public List<InstanceReport> observe() {
        List<InstanceReport> out = new ArrayList<>();
        for (Guest g : hypervisor.guests()) {
            String instanceId = GuestNames.instanceId(g.name());
            if (instanceId != null) {
                out.add(reports.observed(instanceId, "reconcile", g.powerState(), null));
            }
        }
        return out;
    }
}
