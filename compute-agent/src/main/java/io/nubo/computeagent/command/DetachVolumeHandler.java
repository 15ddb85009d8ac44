package io.nubo.computeagent.command;

import io.nubo.computeagent.hypervisor.Guest;
import io.nubo.computeagent.hypervisor.Hypervisor;
import io.nubo.shared.events.compute.AgentReport;
import io.nubo.shared.events.compute.DetachVolume;

/** Unplugs a volume, found by its id in the disk's {@code <serial>}; a volume not attached is already detached. */
public final class DetachVolumeHandler implements CommandHandler<DetachVolume> {

    private final Hypervisor hypervisor;
    private final Reports reports;

    public DetachVolumeHandler(Hypervisor hypervisor, Reports reports) {
        this.hypervisor = hypervisor;
        this.reports = reports;
    }

    @Override
    public Class<DetachVolume> command() {
        return DetachVolume.class;
    }

    @Override
    public String operation(DetachVolume command) {
        return "detach_volume";
    }

    @Override
    public AgentReport handle(DetachVolume c) {
        Guest g = Guests.require(hypervisor, c.instanceId());
        g.definition().disks().stream().filter(d -> c.volumeId().equals(d.serial())).findFirst()
                .ifPresent(d -> g.detach(d, g.active()));
        return reports.succeeded(c, "detach_volume", g.powerState());
    }
}
