package io.nubo.computeagent.command;

import io.nubo.computeagent.hypervisor.Guest;
import io.nubo.shared.events.compute.AgentReport;
import io.nubo.shared.events.compute.PowerState;
import io.nubo.shared.events.compute.RevertResize;

/** revertResize: power off, the kept disks back, the guest defined again with the old flavor, started if it ran. */
public final class RevertResizeHandler implements CommandHandler<RevertResize> {

    private final ResizedGuests guests;
    private final Reports reports;

    public RevertResizeHandler(GuestBuilder builder, io.nubo.computeagent.disk.QemuImg qemuImg,
                               java.time.Duration shutdownTimeout, Reports reports) {
        this.guests = new ResizedGuests(builder, qemuImg, shutdownTimeout);
        this.reports = reports;
    }

    @Override
    public Class<RevertResize> command() {
        return RevertResize.class;
    }

    @Override
    public String operation(RevertResize command) {
        return "revert_resize";
    }

    @Override
    public AgentReport handle(RevertResize c) {
        if (c.flavor() == null) {
            throw new IllegalArgumentException("the revert command needs the flavor from before the resize");
        }
        Guest g = guests.guest(c.instanceId());
        boolean running = guests.powerOff(g);
        if (java.nio.file.Files.exists(guests.kept(c.instanceId()))) {
            guests.restoreDisks(c.instanceId(), c.flavor());
        }
        Guest reverted = guests.redefine(c.instanceId(), g, c.flavor(), c.image());
        if (!running) {
            return reports.succeeded(c, "revert_resize", PowerState.SHUTDOWN);
        }
        reverted.start();
        return reports.succeeded(c, "revert_resize", PowerState.RUNNING);
    }
}
