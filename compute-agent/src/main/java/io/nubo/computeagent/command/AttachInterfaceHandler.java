package io.nubo.computeagent.command;

import io.nubo.computeagent.design.GuestDesigner;
import io.nubo.computeagent.domain.InterfaceDevice;
import io.nubo.computeagent.hypervisor.Guest;
import io.nubo.computeagent.hypervisor.Hypervisor;
import io.nubo.shared.events.compute.AgentReport;
import io.nubo.shared.events.compute.AttachInterface;

/** Hot-plugs a NIC for a port, designed as at spawn; a NIC with the port's MAC already there is not added twice. */
public final class AttachInterfaceHandler implements CommandHandler<AttachInterface> {

    private final Hypervisor hypervisor;
    private final Reports reports;
    private final NicPlumbing plumbing;

    public AttachInterfaceHandler(Hypervisor hypervisor, Reports reports) {
        this(hypervisor, reports, NicPlumbing.none());
    }

    public AttachInterfaceHandler(Hypervisor hypervisor, Reports reports, NicPlumbing plumbing) {
        this.plumbing = plumbing;
        this.hypervisor = hypervisor;
        this.reports = reports;
    }

    @Override
    public Class<AttachInterface> command() {
        return AttachInterface.class;
    }

    @Override
    public String operation(AttachInterface command) {
        return "attach_interface";
    }

    @Override
    public AgentReport handle(AttachInterface c) {
        if (c.nic() == null) {
            throw new IllegalArgumentException("the attach_interface command carries no port");
        }
        Guest g = Guests.require(hypervisor, c.instanceId());
        InterfaceDevice nic = GuestDesigner.nic(c.nic());
        if (nic == null) {
            throw new IllegalArgumentException("port " + c.nic().portId() + " has no bridge in its binding");
        }
        boolean present = g.definition().interfaces().stream().anyMatch(i -> i.mac().equalsIgnoreCase(nic.mac()));
        if (!present) {
            plumbing.prepare(java.util.List.of(c.nic()));
            g.attach(nic, g.active());
        }
        return reports.succeeded(c, "attach_interface", g.powerState());
    }
}
