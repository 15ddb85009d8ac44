package io.nubo.computeagent.command;

import io.nubo.shared.events.compute.AgentReport;
import io.nubo.shared.events.compute.DestroyEvacuatedGuest;
import io.nubo.shared.events.compute.PowerState;

/**
 * Nova's {@code _destroy_evacuated_instances}: this host came back after its instance was rebuilt elsewhere, and the
 * API (which knows the evacuation) asks, on this host's reconcile report of the guest, that it be destroyed so that
 * no second copy runs. Destroying what is already gone succeeds.
 */
public final class DestroyEvacuatedHandler implements CommandHandler<DestroyEvacuatedGuest> {

    private final GuestBuilder builder;
    private final Reports reports;

    public DestroyEvacuatedHandler(GuestBuilder builder, Reports reports) {
        this.builder = builder;
        this.reports = reports;
    }

    @Override
    public Class<DestroyEvacuatedGuest> command() {
        return DestroyEvacuatedGuest.class;
    }

    @Override
    public String operation(DestroyEvacuatedGuest command) {
        return "destroy_evacuated";
    }

    @Override
    public AgentReport handle(DestroyEvacuatedGuest c) {
        builder.tearDownEvacuated(c.instanceId(), c.destroyFiles());
        return reports.succeeded(c, "destroy_evacuated", PowerState.NOSTATE);
    }
}
