package io.nubo.computeagent.command;

import io.nubo.computeagent.domain.DiskDevice;
import io.nubo.computeagent.hypervisor.Guest;
import io.nubo.computeagent.hypervisor.Hypervisor;
import io.nubo.shared.events.compute.AgentReport;
import io.nubo.shared.events.compute.AttachVolume;

/** Hot-plugs a volume (file, iSCSI, RBD) into a running guest, or adds it to a stopped guest's definition. */
public final class AttachVolumeHandler implements CommandHandler<AttachVolume> {

    private final Hypervisor hypervisor;
    private final Reports reports;

    public AttachVolumeHandler(Hypervisor hypervisor, Reports reports) {
        this.hypervisor = hypervisor;
        this.reports = reports;
    }

    @Override
    public Class<AttachVolume> command() {
        return AttachVolume.class;
    }

    @Override
    public String operation(AttachVolume command) {
        return "attach_volume";
    }

    @Override
    public AgentReport handle(AttachVolume c) {
        Guest g = Guests.require(hypervisor, c.instanceId());
        var current = g.definition();
        boolean attached = current.disks().stream().anyMatch(d -> c.volumeId().equals(d.serial()));
        if (!attached) {
            DiskDevice disk = VolumeDisks.disk(c.volumeId(), c.connection(), VolumeDisks.target(c.deviceName(), current));
            g.attach(disk, g.active());
        }
        return reports.succeeded(c, "attach_volume", g.powerState());
    }
}
