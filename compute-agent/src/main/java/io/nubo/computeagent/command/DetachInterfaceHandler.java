package io.nubo.computeagent.command;

import io.nubo.computeagent.design.GuestDesigner;
import io.nubo.computeagent.hypervisor.Guest;
import io.nubo.computeagent.hypervisor.Hypervisor;
import io.nubo.shared.events.compute.AgentReport;
import io.nubo.shared.events.compute.DetachInterface;

/** Unplugs the NIC of a port, found by the user alias the designer gave it; a NIC already gone is detached. */
public final class DetachInterfaceHandler implements CommandHandler<DetachInterface> {

    private final Hypervisor hypervisor;
    private final Reports reports;

    public DetachInterfaceHandler(Hypervisor hypervisor, Reports reports) {
        this.hypervisor = hypervisor;
        this.reports = reports;
    }

    @Override
    public Class<DetachInterface> command() {
        return DetachInterface.class;
    }

    @Override
    public String operation(DetachInterface command) {
        return "detach_interface";
    }

    @Override
    public AgentReport handle(DetachInterface c) {
        Guest g = Guests.require(hypervisor, c.instanceId());
        String alias = GuestDesigner.portAlias(c.portId());
        g.definition().interfaces().stream().filter(i -> alias.equals(i.alias())).findFirst()
                .ifPresent(i -> g.detach(i, g.active()));
        return reports.succeeded(c, "detach_interface", g.powerState());
    }
}
