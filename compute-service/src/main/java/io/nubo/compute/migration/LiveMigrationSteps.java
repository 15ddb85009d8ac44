package io.nubo.compute.migration;

import io.nubo.compute.host.ComputeHost;
import io.nubo.compute.host.HostStore;
import io.nubo.compute.network.NetworkPorts;
import io.nubo.compute.server.Instance;
import io.nubo.compute.server.ServerVolumes;
import io.nubo.compute.wire.Caller;
import io.nubo.shared.events.compute.LiveMigrateInstance;
import io.nubo.shared.events.compute.MigrationDestination;
import io.nubo.shared.events.compute.PrepareLiveMigration;
import io.nubo.shared.events.compute.RollbackLiveMigrationAtDestination;
import io.nubo.shared.outbox.EventPublisher;
import org.springframework.stereotype.Service;

/**
 * The commands of a live migration after its checks, in Nova's order: the destination's agent prepares
 * ({@link PrepareLiveMigration}: the volumes connected with the destination's connections, the NICs' bridges
 * made); once it has, the source's agent moves the guest ({@link LiveMigrateInstance}); after a failed move the
 * destination undoes its preparation ({@link RollbackLiveMigrationAtDestination}); after a move the instance's
 * ports are bound to the destination, so that the network service's data plane follows the guest.
 */
@Service
class LiveMigrationSteps {

    private final HostStore hosts;
    private final MigrationStore store;
    private final ServerVolumes volumes;
    private final NetworkPorts network;
    private final EventPublisher publisher;

    LiveMigrationSteps(HostStore hosts, MigrationStore store, ServerVolumes volumes, NetworkPorts network,
                       EventPublisher publisher) {
        this.hosts = hosts;
        this.store = store;
        this.volumes = volumes;
        this.network = network;
        this.publisher = publisher;
    }

    /** First step, in the starting transaction: the destination's agent is asked to prepare. */
    void prepare(Caller caller, Instance i, Migration m, boolean blockMigration) {
        store.plan(m.uuid(), blockMigration);
        publisher.publish(new PrepareLiveMigration(i.id(), m.destCompute(), m.actionId(), m.sourceCompute(),
                volumes.connectionsFor(caller, i, m.destCompute()), network.nics(i.id())), i.id(), i.projectId());
    }

    /** The destination is ready: the source's agent moves the guest there. */
    void move(Instance i, Migration m) {
        ComputeHost dest = hosts.byName(m.destCompute()).orElseThrow(() -> new IllegalStateException(
                "the destination " + m.destCompute() + " of live migration " + m.uuid() + " is no longer known"));
        publisher.publish(new LiveMigrateInstance(i.id(), m.sourceCompute(), m.actionId(),
                new MigrationDestination(dest.host(), dest.migrationLibvirtUri(), dest.migrationUri(),
                        dest.instancesDir()), store.blockMigration(m.uuid()).orElse(true)), i.id(), i.projectId());
    }

    /** The move failed with the guest on the source: the destination removes what it prepared. */
    void rollback(Instance i, Migration m) {
        publisher.publish(new RollbackLiveMigrationAtDestination(i.id(), m.destCompute(), m.actionId(),
                volumes.attachedVolumeIds(i.id())), i.id(), i.projectId());
    }

    /** The guest runs on the destination: its ports are bound there. */
    void moved(Instance i, Migration m, String zone) {
        network.rebind(i.id(), m.destCompute(), zone);
    }
}
