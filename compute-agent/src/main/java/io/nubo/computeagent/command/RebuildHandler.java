package io.nubo.computeagent.command;

import io.nubo.computeagent.design.GuestFiles;
import io.nubo.computeagent.design.GuestRequest;
import io.nubo.computeagent.domain.DiskDevice;
import io.nubo.computeagent.domain.DomainDefinition;
import io.nubo.computeagent.domain.NuboMetadata;
import io.nubo.computeagent.hypervisor.Guest;
import io.nubo.shared.events.compute.AgentReport;
import io.nubo.shared.events.compute.PowerState;
import io.nubo.shared.events.compute.RebuildInstance;

/**
 * Nova's rebuild: stop the guest, a fresh root disk from the (new) image, the other disks kept, defined again
 * (the image may boot differently) and booted, unless the command says the server was stopped (then it stays shut
 * off, as Nova's manager stops a rebuilt instance whose vm_state was stopped).
 */
public final class RebuildHandler implements CommandHandler<RebuildInstance> {

    private final GuestBuilder builder;
    private final Reports reports;

    public RebuildHandler(GuestBuilder builder, Reports reports) {
        this.builder = builder;
        this.reports = reports;
    }

    @Override
    public Class<RebuildInstance> command() {
        return RebuildInstance.class;
    }

    @Override
    public String operation(RebuildInstance command) {
        return "rebuild";
    }

    @Override
    public AgentReport handle(RebuildInstance c) {
        if (c.image() == null || c.flavor() == null) {
            throw new IllegalArgumentException("the rebuild command needs an image and a flavor");
        }
        Guest g = Guests.require(builder.hypervisor(), c.instanceId());
        DomainDefinition old = g.definition();
        NuboMetadata m = old.metadata();
        Guests.stopNow(g);
        var storage = builder.storage();
        // a fresh root disk (and kernel and ramdisk, which follow the image); ephemeral, swap, config drive stay
        GuestFiles fresh = storage.prepare(c.instanceId(), withoutExtras(c), c.image(), null);
        GuestFiles files = storage.kept(c.instanceId(), fresh);
        GuestRequest request = new GuestRequest(c.instanceId(), c.displayName() != null ? c.displayName()
                : m == null ? null : m.displayName(), m == null ? null : m.projectId(), m == null ? null : m.userId(),
                c.flavor(), c.image(), java.util.List.of());
        Guest rebuilt = builder.define(request, files);
        for (DiskDevice volume : old.disks()) {
            if (volume.serial() != null) {
                rebuilt.attach(volume, false);
            }
        }
        for (var nic : old.interfaces()) {
            rebuilt.attach(nic, false);
        }
        if (!c.startsGuest()) {
            return reports.succeeded(c, "rebuild", PowerState.SHUTDOWN);
        }
        rebuilt.start();
        return reports.succeeded(c, "rebuild", PowerState.RUNNING);
    }

    private static io.nubo.shared.events.compute.FlavorSpec withoutExtras(RebuildInstance c) {
        var f = c.flavor();
        return new io.nubo.shared.events.compute.FlavorSpec(f.id(), f.name(), f.vcpus(), f.ramMb(), f.diskGb(), 0, 0,
                f.extraSpecs());
    }
}
