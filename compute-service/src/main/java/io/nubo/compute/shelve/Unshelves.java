package io.nubo.compute.shelve;

import io.nubo.compute.network.NetworkPorts;
import io.nubo.compute.scheduler.Scheduler;
import io.nubo.compute.server.Instance;
import io.nubo.compute.server.ServerLifecycle;
import io.nubo.compute.server.ServerService;
import io.nubo.compute.server.ServerVolumes;
import io.nubo.compute.server.state.ServerOperation;
import io.nubo.compute.wire.Caller;
import io.nubo.shared.events.compute.BlockDeviceSpec;
import io.nubo.shared.events.compute.ImageSpec;
import io.nubo.shared.events.compute.NicSpec;
import io.nubo.shared.events.compute.SpawnInstance;
import io.nubo.shared.outbox.EventPublisher;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.beans.factory.ObjectProvider;
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

    private final ServerService servers;
    private final ServerLifecycle lifecycle;
    private final ShelvedImages shelved;
    private final Scheduler scheduler;
    private final NetworkPorts network;
    private final ObjectProvider<ServerVolumes> volumes;
    private final EventPublisher publisher;

    Unshelves(ServerService servers, ServerLifecycle lifecycle, ShelvedImages shelved, Scheduler scheduler,
              NetworkPorts network, ObjectProvider<ServerVolumes> volumes, EventPublisher publisher) {
        this.servers = servers;
        this.lifecycle = lifecycle;
        this.shelved = shelved;
        this.scheduler = scheduler;
        this.network = network;
        this.volumes = volumes;
        this.publisher = publisher;
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
        network.rebind(i.id(), p.host(), p.zone());
        List<NicSpec> nics = network.nics(i.id());
        ServerVolumes attached = volumes.getIfAvailable();
        List<BlockDeviceSpec> disks = attached == null ? List.of() : attached.blockDevicesFor(caller, i, p.host());
        shelved.hold(actionId, caller);
        publisher.publish(new SpawnInstance(i.id(), p.host(), actionId, i.projectId(), i.userId(), i.displayName(),
                i.hostname(), i.flavor(), image, i.keyName(), i.keyData(), i.userData(), servers.metadata(i.id()),
                i.configDrive(), p.zone(), i.launchIndex(), nics, disks, i.createdAt()), i.id(), i.projectId());
    }
}
