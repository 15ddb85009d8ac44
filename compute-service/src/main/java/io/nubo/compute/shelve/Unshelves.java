package io.nubo.compute.shelve;

import io.nubo.compute.error.ComputeError;
import io.nubo.compute.image.ImageClient;
import io.nubo.compute.network.NetworkPorts;
import io.nubo.compute.scheduler.Scheduler;
import io.nubo.compute.server.Instance;
import io.nubo.compute.server.ServerLifecycle;
import io.nubo.compute.server.ServerService;
import io.nubo.compute.server.state.ServerOperation;
import io.nubo.compute.wire.Access;
import io.nubo.compute.wire.Caller;
import io.nubo.compute.wire.ComputePolicy;
import io.nubo.shared.events.compute.ImageSpec;
import io.nubo.shared.events.compute.NicSpec;
import io.nubo.shared.events.compute.SpawnInstance;
import io.nubo.shared.outbox.EventPublisher;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Nova's unshelve of a shelved_offloaded server (below 2.77, so the body's availability zone is not read): a host
 * is scheduled and claimed as at boot (the zone the server was asked for, its flavor; server groups are not
 * consulted), its ports are bound there, and the host sent the spawn of the shelved image with the server's
 * flavor, ports, key, user data and metadata. With no host the unshelve ends at once with Nova's "No valid host"
 * fault and the server stays shelved_offloaded. {@link ShelveReports} ends it.
 */
@Service
class Unshelves {

    private final ServerService servers;
    private final ServerLifecycle lifecycle;
    private final ImageClient images;
    private final ShelvedImages shelved;
    private final Scheduler scheduler;
    private final NetworkPorts network;
    private final EventPublisher publisher;
    private final Access access;

    Unshelves(ServerService servers, ServerLifecycle lifecycle, ImageClient images, ShelvedImages shelved,
              Scheduler scheduler, NetworkPorts network, EventPublisher publisher, Access access) {
        this.servers = servers;
        this.lifecycle = lifecycle;
        this.images = images;
        this.shelved = shelved;
        this.scheduler = scheduler;
        this.network = network;
        this.publisher = publisher;
        this.access = access;
    }

    @Transactional
    public void unshelve(Caller caller, Instance i) {
        access.check(ComputePolicy.SERVER_UNSHELVE, caller, i.projectId());
        lifecycle.requireAllowed(i, ServerOperation.UNSHELVE, caller);
        String imageId = shelved.imageOf(i.id()).orElseThrow(() -> ComputeError.CONFLICT.exception(
                "Instance " + i.id() + " has no shelved image to unshelve from."));
        ImageSpec image = images.find(caller, imageId);
        String actionId = lifecycle.begin(i, ServerOperation.UNSHELVE, caller);
        long localGb = (long) i.flavor().diskGb() + i.flavor().ephemeralGb();
        Scheduler.Placement p = scheduler.place(new Scheduler.Request(i.flavor().vcpus(), i.flavor().ramMb(),
                localGb, i.requestedZone(), null, Set.of(), Set.of(), Map.of()));
        if (!p.placed()) {
            lifecycle.unshelveFailed(i, actionId, p.noValidHostReason(), null);
            return;
        }
        lifecycle.placed(i, p.host(), p.zone());
        network.rebind(i.id(), p.host(), p.zone());
        List<NicSpec> nics = network.nics(i.id());
        shelved.hold(actionId, caller);
        publisher.publish(new SpawnInstance(i.id(), p.host(), actionId, i.projectId(), i.userId(), i.displayName(),
                i.hostname(), i.flavor(), image, i.keyName(), i.keyData(), i.userData(), servers.metadata(i.id()),
                i.configDrive(), p.zone(), i.launchIndex(), nics, List.of(), i.createdAt()), i.id(), i.projectId());
    }
}
