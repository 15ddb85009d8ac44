package io.nubo.computeagent.command;

import io.nubo.computeagent.hypervisor.Guest;
import io.nubo.computeagent.hypervisor.Hypervisor;
import io.nubo.shared.events.compute.AgentReport;
import io.nubo.shared.events.compute.AttachVolume;

/**
 * Hot-plugs a volume (file, iSCSI, RBD) into a running guest, or adds it to a stopped guest's definition; either
 * way it is in the persistent definition too. A secret the disk logs in with (iSCSI CHAP, a cephx key handed over
 * in the connection) is defined first, and removed again when the plug fails. A redelivered command finds the disk
 * (by the volume id in its serial) and does nothing.
 */
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
            VolumeDisks.VolumeDisk plan = VolumeDisks.plan(c.volumeId(), c.connection(),
                    VolumeDisks.target(c.deviceName(), current));
            VolumeDisks.withSecret(hypervisor, c.volumeId(), plan);
            try {
                g.attach(plan.disk(), g.active());
            } catch (RuntimeException e) {
                if (plan.secret() != null && plan.secret().usage() == io.nubo.computeagent.domain.SecretDefinition
                        .Usage.ISCSI) {
                    hypervisor.undefineSecret(plan.secret().uuid());
                }
                throw e;
            }
        }
        return reports.succeeded(c, "attach_volume", g.powerState());
    }
}
