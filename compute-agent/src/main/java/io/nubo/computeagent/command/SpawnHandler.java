package io.nubo.computeagent.command;

import io.nubo.computeagent.design.GuestRequest;
import io.nubo.computeagent.disk.ConfigDrive;
import io.nubo.computeagent.hypervisor.Guest;
import io.nubo.shared.events.compute.AgentReport;
import io.nubo.shared.events.compute.BlockDeviceSpec;
import io.nubo.shared.events.compute.PowerState;
import io.nubo.shared.events.compute.SpawnInstance;
import java.util.Optional;

/**
 * Builds and boots a new instance. A redelivered spawn (the agent died after booting, before reporting) finds the
 * guest and reports it; a failed spawn leaves nothing behind.
 */
public final class SpawnHandler implements CommandHandler<SpawnInstance> {

    private final GuestBuilder builder;
    private final Reports reports;

    public SpawnHandler(GuestBuilder builder, Reports reports) {
        this.builder = builder;
        this.reports = reports;
    }

    @Override
    public Class<SpawnInstance> command() {
        return SpawnInstance.class;
    }

    @Override
    public String operation(SpawnInstance command) {
        return "spawn";
    }

    /** The block device the guest boots from (boot index 0), or null when it boots from its image. */
    static BlockDeviceSpec rootVolume(SpawnInstance c) {
        if (c.blockDevices() == null) {
            return null;
        }
        return c.blockDevices().stream().filter(b -> b.bootIndex() != null && b.bootIndex() == 0).findFirst()
                .orElse(null);
    }

    @Override
    public AgentReport handle(SpawnInstance c) {
        Optional<Guest> existing = Guests.find(builder.hypervisor(), c.instanceId());
        if (existing.isPresent()) {
            Guest g = existing.get();
            if (!g.active()) {
                g.start();
            }
            return reports.succeeded(c, "spawn", g.powerState());
        }
        if (c.flavor() == null) {
            throw new IllegalArgumentException("the spawn command carries no flavor");
        }
        BlockDeviceSpec root = rootVolume(c);
        if (c.image() == null && root == null) {
            throw new IllegalArgumentException("the spawn command carries neither an image nor a root volume"
                    + " (block device with boot_index 0)");
        }
        VolumeDisks.VolumeDisk rootPlan = root == null ? null
                : VolumeDisks.plan(root.volumeId(), root.connection(), "vda");
        ConfigDrive.Content drive = c.configDrive() ? new ConfigDrive.Content(c.instanceId(), c.displayName(),
                c.hostname(), c.availabilityZone(), c.launchIndex(), c.projectId(), c.metadata(), c.keyName(),
                c.keyData(), c.userData(), c.nics()) : null;
        try {
            GuestRequest request = new GuestRequest(c.instanceId(), c.displayName(), c.projectId(), c.userId(),
                    c.flavor(), root == null ? c.image() : null, c.nics(), rootPlan == null ? null
                    : VolumeDisks.withSecret(builder.hypervisor(), root.volumeId(), rootPlan));
            Guest guest = builder.build(request, drive);
            if (c.blockDevices() != null) {
                for (BlockDeviceSpec bd : c.blockDevices()) {
                    if (bd == root) {
                        continue;
                    }
                    guest.attach(VolumeDisks.withSecret(builder.hypervisor(), bd.volumeId(), VolumeDisks.plan(bd.volumeId(),
                            bd.connection(), VolumeDisks.target(bd.deviceName(), guest.definition()))), false);
                }
            }
            guest.start();
            return reports.succeeded(c, "spawn", PowerState.RUNNING);
        } catch (RuntimeException e) {
            try {
                builder.tearDown(c.instanceId());
            } catch (RuntimeException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw e;
        }
    }
}
