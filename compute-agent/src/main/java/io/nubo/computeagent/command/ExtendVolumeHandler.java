package io.nubo.computeagent.command;

import io.nubo.computeagent.domain.DiskDevice;
import io.nubo.computeagent.hypervisor.Guest;
import io.nubo.computeagent.hypervisor.Hypervisor;
import io.nubo.computeagent.hypervisor.HypervisorException;
import io.nubo.shared.events.compute.AgentReport;
import io.nubo.shared.events.compute.ExtendVolume;

/**
 * An attached volume grew: the running (or paused) guest's disk whose serial is the volume id is resized to the
 * new size with libvirt's block resize, so the guest sees the new capacity at once, as Nova's libvirt driver's
 * {@code extend_volume}. A stopped guest needs nothing: it reads the volume's size when it boots. A redelivered
 * command finds the disk at that size already and does nothing; a volume not attached to the guest fails.
 */
public final class ExtendVolumeHandler implements CommandHandler<ExtendVolume> {

    static final String OPERATION = "extend_volume";

    private final Hypervisor hypervisor;
    private final Reports reports;

    public ExtendVolumeHandler(Hypervisor hypervisor, Reports reports) {
        this.hypervisor = hypervisor;
        this.reports = reports;
    }

    @Override
    public Class<ExtendVolume> command() {
        return ExtendVolume.class;
    }

    @Override
    public String operation(ExtendVolume command) {
        return OPERATION;
    }

    @Override
    public AgentReport handle(ExtendVolume c) {
        Guest g = Guests.require(hypervisor, c.instanceId());
        DiskDevice disk = g.definition().disks().stream().filter(d -> c.volumeId().equals(d.serial())).findFirst()
                .orElseThrow(() -> new HypervisorException("volume " + c.volumeId() + " is not attached to instance "
                        + c.instanceId()));
        if (g.active() && g.diskCapacity(disk.targetDev()) < c.newSizeBytes()) {
            g.resizeDisk(disk.targetDev(), c.newSizeBytes());
        }
        return reports.succeeded(c, OPERATION, g.powerState());
    }
}
