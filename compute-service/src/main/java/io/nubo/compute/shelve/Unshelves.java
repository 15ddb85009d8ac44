package io.nubo.compute.shelve;

import io.nubo.compute.scheduler.Scheduler;
import io.nubo.compute.server.GuestRespawn;
import io.nubo.compute.server.Instance;
import io.nubo.compute.server.ServerLifecycle;
import io.nubo.compute.server.state.ServerOperation;
import io.nubo.compute.wire.Caller;
import io.nubo.shared.events.compute.ImageSpec;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Nova's unshelve of a shelved_offloaded server (below 2.77, so the body's availability zone is not read): a host
 * is scheduled and claimed as at boot (the zone the server was asked for, its flavor, no local root disk for a
 * volume-backed one; server groups are not consulted), its ports are bound there, its volumes connected for that
 * host, and the host sent the spawn of the shelved image (none for a volume-backed server, which boots its root
 * volume) with the server's flavor, ports, volumes, key, user data and metadata. With no host the unshelve ends at
 * once with Nova's "No valid host" fault and the server stays shelved_offloaded. {@link ShelveReports} ends it.
 */
@Service
class Unshelves {

    private final ServerLifecycle lifecycle;
    private final ShelvedImages shelved;
    private final Scheduler scheduler;
    private final GuestRespawn respawn;

    Unshelves(ServerLifecycle lifecycle, ShelvedImages shelved, Scheduler scheduler, GuestRespawn respawn) {
        this.lifecycle = lifecycle;
        this.shelved = shelved;
        this.scheduler = scheduler;
        this.respawn = respawn;
    }

    @Transactional
    public void unshelve(Caller caller, Instance i) {
        lifecycle.requireAllowed(i, ServerOperation.UNSHELVE, caller);
        ImageSpec image = i.imageId() == null ? null : shelved.image(caller, i.id());
        String actionId = lifecycle.begin(i, ServerOperation.UNSHELVE, caller);
        long localGb = (i.imageId() == null ? 0L : i.flavor().diskGb()) + i.flavor().ephemeralGb();
        Scheduler.Placement p = scheduler.place(new Scheduler.Request(i.flavor().vcpus(), i.flavor().ramMb(),
                localGb, i.requestedZone(), null, Set.of(), Set.of(), Map.of()));
        if (!p.placed()) {
            lifecycle.unshelveFailed(i, actionId, p.noValidHostReason(), null);
            return;
        }
        lifecycle.placed(i, p.host(), p.zone());
        shelved.hold(actionId, caller);
        respawn.spawnOn(caller, i, p.host(), p.zone(), image, actionId);
    }
}
