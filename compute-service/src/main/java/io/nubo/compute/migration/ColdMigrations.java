package io.nubo.compute.migration;

import io.nubo.compute.error.ComputeError;
import io.nubo.compute.host.ComputeHost;
import io.nubo.compute.host.HostStore;
import io.nubo.compute.network.NetworkPorts;
import io.nubo.compute.scheduler.Scheduler;
import io.nubo.compute.server.Instance;
import io.nubo.compute.server.ServerLifecycle;
import io.nubo.compute.server.ServerService;
import io.nubo.compute.server.ServerVolumes;
import io.nubo.compute.server.state.ServerOperation;
import io.nubo.compute.wire.Access;
import io.nubo.compute.wire.Caller;
import io.nubo.compute.wire.ComputePolicy;
import io.nubo.shared.events.compute.ConfirmMigration;
import io.nubo.shared.events.compute.PowerState;
import io.nubo.shared.events.compute.PrepareLiveMigration;
import io.nubo.shared.events.compute.RevertMigration;
import io.nubo.shared.outbox.EventPublisher;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Nova's cold migration ({@code migrate} at 2.1: {@code compute/api.py resize} with no flavor, the conductor's
 * {@code migrate_server}): admin only; ACTIVE or SHUTOFF with no task (409 otherwise); the scheduler picks another
 * host that is enabled, up, takes migrations (its agent reports where other hosts reach it) and fits the flavor,
 * and claims it before anything moves (400 "No valid host was found. ..." when none); a {@code migration} row
 * ({@code pre-migrating}) and the task {@code resize_prep}; the destination's agent is asked to prepare the volumes
 * and NIC bridges as for a live migration. {@link ColdMigrationReports} carries the steps on. The confirm and the
 * revert of a cold migration come through {@code confirmResize}/{@code revertResize} as for a resize.
 */
@Service
public class ColdMigrations {

    private final ServerService servers;
    private final ServerLifecycle lifecycle;
    private final Scheduler scheduler;
    private final HostStore hosts;
    private final MigrationStore store;
    private final ServerVolumes volumes;
    private final NetworkPorts network;
    private final EventPublisher publisher;
    private final Access access;
    private final Clock clock;

    ColdMigrations(ServerService servers, ServerLifecycle lifecycle, Scheduler scheduler, HostStore hosts,
                   MigrationStore store, ServerVolumes volumes, NetworkPorts network, EventPublisher publisher,
                   Access access, Clock clock) {
        this.servers = servers;
        this.lifecycle = lifecycle;
        this.scheduler = scheduler;
        this.hosts = hosts;
        this.store = store;
        this.volumes = volumes;
        this.network = network;
        this.publisher = publisher;
        this.access = access;
        this.clock = clock;
    }

    /** Starts the cold migration; returns the migration's uuid. */
    @Transactional
    public String start(Caller caller, String serverId) {
        access.check(ComputePolicy.SERVER_MIGRATE, caller);
        Instance i = servers.get(caller, serverId);
        lifecycle.requireAllowed(i, ServerOperation.MIGRATE, caller);
        ComputeHost source = hosts.byName(i.host()).orElseThrow(() -> ComputeError.BAD_REQUEST.exception(
                "Compute host " + i.host() + " could not be found."));
        long disk = Resizes.localDisk(i, i.flavor());
        Scheduler.Placement p = scheduler.place(new Scheduler.Request(i.flavor().vcpus(), i.flavor().ramMb(), disk,
                i.requestedZone(), null, Set.of(), Set.of(), Map.of()), h -> problem(source, h));
        if (!p.placed()) {
            throw ComputeError.BAD_REQUEST.exception(p.noValidHostReason());
        }
        ComputeHost dest = hosts.byName(p.host()).orElseThrow();
        String actionId = lifecycle.begin(i, ServerOperation.MIGRATE, caller);
        Instant now = clock.instant();
        Migration m = new Migration(0, UUID.randomUUID().toString(), i.id(), MigrationType.MIGRATION,
                MigrationStatus.PRE_MIGRATING, source.host(), source.host(), dest.host(), dest.host(),
                dest.hostIp(), i.flavor().id(), i.flavor().id(), actionId, i.flavor().vcpus(), i.flavor().ramMb(),
                disk, true, null, null, null, null, null, null, null, caller.userId(), caller.projectId(), now, now);
        store.insert(m);
        publisher.publish(new PrepareLiveMigration(i.id(), dest.host(), actionId, source.host(),
                volumes.connectionsFor(caller, i, dest.host()), network.nics(i.id())), i.id(), i.projectId());
        return m.uuid();
    }

    /** The instance's power as last known (a confirm or revert keeps it, as Nova's manager does). */
    static PowerState power(Instance i) {
        return i.powerState() == PowerState.RUNNING.code() ? PowerState.RUNNING : PowerState.SHUTDOWN;
    }

    /** Why {@code h} cannot take the instance from {@code source} apart from room, or empty. */
    private static Optional<String> problem(ComputeHost source, ComputeHost h) {
        if (h.host().equals(source.host())) {
            return Optional.of("is the instance's current host");
        }
        if (h.migrationLibvirtUri() == null || h.instancesDir() == null) {
            return Optional.of("takes no migrations (its agent reports no migration address)");
        }
        return Optional.empty();
    }

    /** The cold migration waiting for the instance's confirm or revert, if the one waiting is a cold migration. */
    @Transactional(readOnly = true)
    public Optional<Migration> waiting(String instanceId) {
        List<Migration> found = store.list(new MigrationStore.Filter(null, MigrationStatus.FINISHED.wire(),
                instanceId, MigrationType.MIGRATION.wire(), null));
        return found.stream().findFirst();
    }

    /** confirmResize of a cold migration: the source deletes the copy it kept. */
    @Transactional
    public void confirm(Caller caller, Instance i, Migration m) {
        String actionId = lifecycle.begin(i, ServerOperation.CONFIRM_RESIZE, caller);
        if (!store.transition(m.id(), MigrationStatus.CONFIRMING, null, clock.instant())) {
            throw ComputeError.BAD_REQUEST.exception("Instance has not been resized.");
        }
        publisher.publish(new ConfirmMigration(i.id(), m.sourceCompute(), actionId,
                power(i)), i.id(), i.projectId());
    }

    /** revertResize of a cold migration: the destination removes its guest, then the source starts its own. */
    @Transactional
    public void revert(Caller caller, Instance i, Migration m) {
        String actionId = lifecycle.begin(i, ServerOperation.REVERT_RESIZE, caller);
        if (!store.transition(m.id(), MigrationStatus.REVERTING, null, clock.instant())) {
            throw ComputeError.BAD_REQUEST.exception("Instance has not been resized.");
        }
        publisher.publish(new RevertMigration(i.id(), m.destCompute(), actionId, power(i)), i.id(),
                i.projectId());
    }
}
