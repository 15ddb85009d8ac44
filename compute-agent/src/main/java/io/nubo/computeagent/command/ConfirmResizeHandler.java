package io.nubo.computeagent.command;

import io.nubo.computeagent.hypervisor.Guest;
import io.nubo.shared.events.compute.AgentReport;
import io.nubo.shared.events.compute.ConfirmResize;
import io.nubo.shared.events.compute.PowerState;
import java.util.Optional;

/** confirmResize: the disks kept for a revert are deleted; the guest runs on as it is. */
public final class ConfirmResizeHandler implements CommandHandler<ConfirmResize> {

    private final GuestBuilder builder;
    private final Reports reports;

    public ConfirmResizeHandler(GuestBuilder builder, Reports reports) {
        this.builder = builder;
        this.reports = reports;
    }

    @Override
    public Class<ConfirmResize> command() {
        return ConfirmResize.class;
    }

    @Override
    public String operation(ConfirmResize command) {
        return "confirm_resize";
    }

    @Override
    public AgentReport handle(ConfirmResize c) {
        io.nubo.computeagent.disk.ConfigDrive.removeTree(builder.storage().dir(c.instanceId())
                .resolve(ResizedGuests.KEPT));
        Optional<Guest> g = Guests.find(builder.hypervisor(), c.instanceId());
        return reports.succeeded(c, "confirm_resize", g.map(Guest::powerState).orElse(PowerState.NOSTATE));
    }
}
