package io.nubo.compute.server;

import io.nubo.compute.network.NetworkPorts;
import io.nubo.compute.wire.Caller;
import io.nubo.shared.events.compute.BlockDeviceSpec;
import io.nubo.shared.events.compute.ImageSpec;
import io.nubo.shared.events.compute.NicSpec;
import io.nubo.shared.events.compute.SpawnInstance;
import io.nubo.shared.outbox.EventPublisher;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * An existing server built anew on a host it was just placed on (an unshelve's host, an evacuation's destination):
 * its ports are bound there, its volumes connected for that host's connector, and the host sent the spawn of
 * {@code image} (null for a volume-backed server, which boots its root volume) with the server's flavor, ports,
 * volumes, key, user data and metadata.
 */
@Service
public class GuestRespawn {

    private final ServerService servers;
    private final NetworkPorts network;
    private final ObjectProvider<ServerVolumes> volumes;
    private final EventPublisher publisher;

    GuestRespawn(ServerService servers, NetworkPorts network, ObjectProvider<ServerVolumes> volumes,
                 EventPublisher publisher) {
        this.servers = servers;
        this.network = network;
        this.volumes = volumes;
        this.publisher = publisher;
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public void spawnOn(Caller caller, Instance i, String host, String zone, ImageSpec image, String actionId) {
        network.rebind(i.id(), host, zone);
        List<NicSpec> nics = network.nics(i.id());
        ServerVolumes attached = volumes.getIfAvailable();
        List<BlockDeviceSpec> disks = attached == null ? List.of() : attached.blockDevicesFor(caller, i, host);
        publisher.publish(new SpawnInstance(i.id(), host, actionId, i.projectId(), i.userId(), i.displayName(),
                i.hostname(), i.flavor(), image, i.keyName(), i.keyData(), i.userData(), servers.metadata(i.id()),
                i.configDrive(), zone, i.launchIndex(), nics, disks, i.createdAt()), i.id(), i.projectId());
    }
}
