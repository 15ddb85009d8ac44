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
        if (c.image() == null) {
            throw new IllegalArgumentException("booting from a volume is not supported yet: the instance needs an image");
        }
        if (c.flavor() == null) {
            throw new IllegalArgumentException("the spawn command carries no flavor");
        }
        GuestRequest request = new GuestRequest(c.instanceId(), c.displayName(), c.projectId(), c.userId(), c.flavor(),
                c.image(), c.nics());
        ConfigDrive.Content drive = c.configDrive() ? new ConfigDrive.Content(c.instanceId(), c.displayName(),
                c.hostname(), c.availabilityZone(), c.launchIndex(), c.projectId(), c.metadata(), c.keyName(),
                c.keyData(), c.userData(), c.nics()) : null;
        try {
            Guest guest = builder.build(request, drive);
            if (c.blockDevices() != null) {
                for (BlockDeviceSpec bd : c.blockDevices()) {
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
