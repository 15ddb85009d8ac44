package io.nubo.computeagent.command;

import io.nubo.computeagent.hypervisor.Guest;
import io.nubo.shared.events.compute.AgentReport;
import io.nubo.shared.events.compute.PowerState;
import io.nubo.shared.events.compute.ResizeInstance;

/**
 * Nova's resize on the same host: power off, keep the disks for a revert, grow the root disk, ephemeral and swap
 * per the new flavor, define the guest again with the new vCPUs and RAM, start it when it was running. A failure
 * puts back what was kept and the guest as it was, so the instance stays as before its resize.
 */
public final class ResizeHandler implements CommandHandler<ResizeInstance> {

    private final ResizedGuests guests;
    private final Reports reports;

    ResizeHandler(ResizedGuests guests, Reports reports) {
        this.guests = guests;
        this.reports = reports;
    }

    public ResizeHandler(GuestBuilder builder, io.nubo.computeagent.disk.QemuImg qemuImg,
                         java.time.Duration shutdownTimeout, Reports reports) {
        this(new ResizedGuests(builder, qemuImg, shutdownTimeout), reports);
    }

    @Override
    public Class<ResizeInstance> command() {
        return ResizeInstance.class;
    }

    @Override
    public String operation(ResizeInstance command) {
        return "resize";
    }

    @Override
    public AgentReport handle(ResizeInstance c) {
        if (c.flavor() == null || c.oldFlavor() == null) {
            throw new IllegalArgumentException("the resize command needs the new and the old flavor");
        }
        Guest g = guests.guest(c.instanceId());
        boolean running = guests.powerOff(g);
        guests.keepAside(c.instanceId(), c.oldFlavor(), c.flavor());
        try {
            guests.resizeDisks(c.instanceId(), c.oldFlavor(), c.flavor());
            Guest resized = guests.redefine(c.instanceId(), g, c.flavor(), c.image());
            if (!running) {
                return reports.succeeded(c, "resize", PowerState.SHUTDOWN);
            }
            resized.start();
            return reports.succeeded(c, "resize", PowerState.RUNNING);
        } catch (RuntimeException e) {
            try {
                Guest current = guests.guest(c.instanceId());
                Guests.stopNow(current);
                guests.restoreDisks(c.instanceId(), c.oldFlavor());
                Guest back = guests.redefine(c.instanceId(), current, c.oldFlavor(), c.image());
                if (running) {
                    back.start();
                }
            } catch (RuntimeException undo) {
                e.addSuppressed(undo);
            }
            throw e;
        }
    }
}
