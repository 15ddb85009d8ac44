package io.nubo.compute.migration;

import io.nubo.compute.host.ComputeHost;
import io.nubo.compute.host.HostStore;
import io.nubo.compute.network.NetworkPorts;
import io.nubo.compute.scheduler.Scheduler;
import io.nubo.compute.server.Instance;
import io.nubo.compute.server.ServerLifecycle;
import io.nubo.compute.server.ServerService;
import io.nubo.compute.server.ServerVolumes;
import io.nubo.compute.server.state.ServerOperation;
import io.nubo.compute.server.state.TaskState;
import io.nubo.compute.server.state.VmState;
import io.nubo.shared.events.compute.ConfirmMigration;
import io.nubo.shared.events.compute.FinishMigration;
import io.nubo.shared.events.compute.FinishRevertMigration;
import io.nubo.shared.events.compute.InstanceReport;
import io.nubo.shared.events.compute.MigrateInstance;
import io.nubo.shared.events.compute.MigrationDestination;
import io.nubo.shared.events.compute.PowerState;
import io.nubo.shared.events.compute.RevertMigration;
import io.nubo.shared.events.compute.RollbackLiveMigrationAtDestination;
import io.nubo.shared.outbox.EventPublisher;
import java.time.Clock;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The steps of a cold migration, driven by the agents' answers (Nova's prep_resize, resize_instance, finish_resize,
 * confirm_resize, revert_resize and finish_revert_resize): the destination prepared ({@code pre-migrating} to
 * {@code migrating}: the source gets {@link MigrateInstance}); the source's disks written to the destination
 * ({@code post-migrating}: the destination gets {@link FinishMigration}); the guest defined there
 * ({@code finished}: the instance's host is the destination, its ports bound there, VERIFY_RESIZE). The row's
 * claim is the destination's until then and the source's afterwards (both held until a confirm gives the
 * source's back, or a revert the destination's). A failure at any step ends the row in {@code error} with the
 * destination's claim given back and its files removed, the source's guest started again if it ran. A reconcile
 * at start and every 30 s ends what a swept or reset task left, and a deleted instance's kept copy.
 */
@Service
public class ColdMigrationReports {

    private static final Logger log = LoggerFactory.getLogger(ColdMigrationReports.class);
    static final String PREPARED = "pre_live_migration";
    static final String DISKS = "migrate_disks";
    static final String RESTORE = "migrate_restore";
    static final String DEST_REVERTED = "revert_migration";
    private static final Set<String> OPERATIONS = Set.of(PREPARED, DISKS, "migrate", "confirm_resize",
            DEST_REVERTED, "revert_resize");

    private final MigrationStore store;
    private final ServerService servers;
    private final ServerLifecycle lifecycle;
    private final Scheduler scheduler;
    private final HostStore hosts;
    private final ServerVolumes volumes;
    private final NetworkPorts network;
    private final EventPublisher publisher;
    private final Clock clock;

    ColdMigrationReports(MigrationStore store, ServerService servers, ServerLifecycle lifecycle, Scheduler scheduler,
                         HostStore hosts, ServerVolumes volumes, NetworkPorts network, EventPublisher publisher,
                         Clock clock) {
        this.store = store;
        this.servers = servers;
        this.lifecycle = lifecycle;
        this.scheduler = scheduler;
        this.hosts = hosts;
        this.volumes = volumes;
        this.network = network;
        this.publisher = publisher;
        this.clock = clock;
    }

    /** Called with every instance report before the server lifecycle applies it (which ends the task). */
    @Transactional(propagation = Propagation.MANDATORY)
    public void beforeLifecycle(InstanceReport r) {
        if (r.actionId() == null || !OPERATIONS.contains(r.operation())) {
            return;
        }
        Optional<Instance> found = servers.awaitingReport(r);
        if (found.isEmpty()) {
            return;
        }
        Instance i = found.get();
        boolean ok = r.outcome() == InstanceReport.Outcome.SUCCEEDED;
        switch (r.operation()) {
            case "confirm_resize" -> row(i, MigrationStatus.CONFIRMING).ifPresent(m -> confirmed(m, ok));
            case DEST_REVERTED -> row(i, MigrationStatus.REVERTING).ifPresent(m -> destReverted(m, i, r, ok));
            case "revert_resize" -> row(i, MigrationStatus.REVERTING).ifPresent(m -> reverted(m, i, ok));
            default -> store.byAction(i.id(), r.actionId()).filter(m -> m.type() == MigrationType.MIGRATION)
                    .ifPresent(m -> step(m, i, r, ok));
        }
    }

    private void step(Migration m, Instance i, InstanceReport r, boolean ok) {
        String why = r.faultMessage() == null ? "The migration of instance " + i.id() + " failed on host "
                + r.host() + "." : r.faultMessage();
        switch (r.operation()) {
            case PREPARED -> {
                if (m.status() != MigrationStatus.PRE_MIGRATING) {
                    return;
                }
                if (!ok) {
                    fail(m, why, false, false, i);
                    lifecycle.failed(i, ServerOperation.MIGRATE, r.actionId(), why, r.faultDetails(),
                            clock.instant());
                    return;
                }
                ComputeHost dest = hosts.byName(m.destCompute()).orElse(null);
                if (dest == null) {
                    fail(m, "Host " + m.destCompute() + " is no longer known.", true, false, i);
                    lifecycle.failed(i, ServerOperation.MIGRATE, r.actionId(), "Host " + m.destCompute()
                            + " is no longer known.", null, clock.instant());
                    return;
                }
                if (store.transition(m.id(), MigrationStatus.MIGRATING, null, clock.instant())) {
                    publisher.publish(new MigrateInstance(i.id(), m.sourceCompute(), m.actionId(),
                            new MigrationDestination(dest.host(), dest.migrationLibvirtUri(), dest.migrationUri(),
                                    dest.instancesDir())), i.id(), i.projectId());
                }
            }
            case DISKS -> {
                if (!ok) {
                    // the source agent started its guest again (if it ran) and removed what it wrote there
                    fail(m, why, true, false, i);
                    lifecycle.failed(i, ServerOperation.MIGRATE, r.actionId(), why, r.faultDetails(),
                            clock.instant());
                    return;
                }
                if (store.transition(m.id(), MigrationStatus.POST_MIGRATING, null, clock.instant())) {
                    publisher.publish(new FinishMigration(i.id(), m.destCompute(), m.actionId(), m.sourceCompute(),
                            r.powerState() == PowerState.RUNNING), i.id(), i.projectId());
                }
            }
            default -> { // migrate: the destination's answer; the lifecycle ends the task after this
                if (!ok) {
                    fail(m, why, true, true, i);
                } else if (store.transition(m.id(), MigrationStatus.FINISHED, null, clock.instant())
                        && lifecycle.moved(i.id(), m.sourceCompute(), m.destCompute(),
                        scheduler.zoneOf(m.destCompute()))) {
                    network.rebind(i.id(), m.destCompute(), scheduler.zoneOf(m.destCompute()));
                }
            }
        }
    }

    /** The source deleted its copy: its claim (the row's now) is given back. A failed confirm can be tried again. */
    private void confirmed(Migration m, boolean ok) {
        if (!ok) {
            store.transition(m.id(), MigrationStatus.FINISHED, null, clock.instant());
            return;
        }
        if (store.transition(m.id(), MigrationStatus.CONFIRMED, null, clock.instant()) && store.dropDestClaim(m.id())) {
            scheduler.release(m.sourceCompute(), m.vcpus(), m.memoryMb(), m.diskGb());
        }
    }

    /** The destination removed its guest: the source starts its own again, as it was. */
    private void destReverted(Migration m, Instance i, InstanceReport r, boolean ok) {
        if (!ok) {
            store.transition(m.id(), MigrationStatus.FINISHED, null, clock.instant());
            lifecycle.failed(i, ServerOperation.REVERT_RESIZE, r.actionId(), r.faultMessage(), r.faultDetails(),
                    clock.instant());
            return;
        }
        // the power the revert began with, echoed by the destination: its guest's stop may be observed already
        publisher.publish(new FinishRevertMigration(i.id(), m.sourceCompute(), r.actionId(),
                r.powerState() == PowerState.RUNNING, "revert_resize"), i.id(), i.projectId());
    }

    /**
     * The source's guest is back (running if it ran): the instance is on the source again, its ports bound there,
     * the destination's claim given back; the row's claim is the instance's own again. A start that failed still
     * leaves the instance there (its only copy is there), with the reason in its action.
     */
    private void reverted(Migration m, Instance i, boolean ok) {
        if (!store.transition(m.id(), ok ? MigrationStatus.REVERTED : MigrationStatus.ERROR, ok ? null
                : "The source host could not start the instance again.", clock.instant())) {
            return;
        }
        store.dropDestClaim(m.id());
        if (lifecycle.moved(i.id(), m.destCompute(), m.sourceCompute(), scheduler.zoneOf(m.sourceCompute()))) {
            network.rebind(i.id(), m.sourceCompute(), scheduler.zoneOf(m.sourceCompute()));
            scheduler.release(m.destCompute(), m.vcpus(), m.memoryMb(), m.diskGb());
        }
        publisher.publish(new RollbackLiveMigrationAtDestination(i.id(), m.destCompute(), m.actionId(),
                volumes.attachedVolumeIds(i.id())), i.id(), i.projectId());
    }

    /**
     * Ends a migration before its finish: {@code error}, the destination's claim given back, what the destination
     * has of it removed ({@code destHas}) and the source's guest started again if it ran ({@code restore}).
     */
    private void fail(Migration m, String why, boolean destHas, boolean restore, Instance i) {
        if (!store.transition(m.id(), MigrationStatus.ERROR, why, clock.instant())) {
            return;
        }
        if (store.dropDestClaim(m.id())) {
            scheduler.release(m.destCompute(), m.vcpus(), m.memoryMb(), m.diskGb());
        }
        if (destHas) {
            publisher.publish(new RevertMigration(i.id(), m.destCompute(), m.actionId(), PowerState.SHUTDOWN), i.id(),
                    i.projectId());
        }
        publisher.publish(new RollbackLiveMigrationAtDestination(i.id(), m.destCompute(), m.actionId(),
                volumes.attachedVolumeIds(i.id())), i.id(), i.projectId());
        if (restore) {
            publisher.publish(new FinishRevertMigration(i.id(), m.sourceCompute(), m.actionId(),
                    i.vmState() == VmState.ACTIVE, RESTORE), i.id(), i.projectId());
        }
    }

    /**
     * Ends what a task left that is over without its answer (swept, reset, or the instance deleted): a migration
     * before its finish in {@code error} (the destination's part removed, the source's guest started again if it
     * ran); a confirm or revert back to {@code finished}; the kept copy of a deleted instance confirmed.
     */
    @EventListener(ApplicationReadyEvent.class)
    @Scheduled(fixedDelayString = "${nubo.compute.migration-reconcile-interval:30s}", initialDelayString = "30s")
    @Transactional
    public void reconcile() {
        for (Migration m : store.unfinished()) {
            if (m.type() != MigrationType.MIGRATION) {
                continue;
            }
            Optional<Instance> found = servers.byId(m.instanceUuid());
            boolean gone = found.isEmpty() || found.get().deleted();
            switch (m.status()) {
                case FINISHED, CONFIRMING, REVERTING -> {
                    if (gone) {
                        if (store.transition(m.id(), MigrationStatus.CONFIRMED, null, clock.instant())
                                && store.dropDestClaim(m.id())) {
                            scheduler.release(m.sourceCompute(), m.vcpus(), m.memoryMb(), m.diskGb());
                        }
                        found.ifPresent(i -> publisher.publish(new ConfirmMigration(i.id(), m.sourceCompute(),
                                m.actionId(), PowerState.SHUTDOWN), i.id(), i.projectId()));
                    } else if (m.status() != MigrationStatus.FINISHED && found.get().taskState() != TaskState
                            .RESIZE_CONFIRMING && found.get().taskState() != TaskState.RESIZE_REVERTING) {
                        store.transition(m.id(), MigrationStatus.FINISHED, null, clock.instant());
                    }
                }
                default -> {
                    if (!gone && m.actionId().equals(found.get().taskActionId())) {
                        continue;
                    }
                    log.warn("Cold migration {} of instance {} ended without an answer", m.uuid(), m.instanceUuid());
                    String why = gone ? "The instance was deleted during its migration."
                            : "The migration got no answer from host " + (m.status() == MigrationStatus.POST_MIGRATING
                            ? m.destCompute() : m.sourceCompute()) + ".";
                    if (found.isPresent()) {
                        fail(m, why, m.status() != MigrationStatus.PRE_MIGRATING,
                                !gone && m.status() != MigrationStatus.PRE_MIGRATING, found.get());
                    } else {
                        store.transition(m.id(), MigrationStatus.ERROR, why, clock.instant());
                        if (store.dropDestClaim(m.id())) {
                            scheduler.release(m.destCompute(), m.vcpus(), m.memoryMb(), m.diskGb());
                        }
                    }
                }
            }
        }
    }

    private Optional<Migration> row(Instance i, MigrationStatus status) {
        return store.list(new MigrationStore.Filter(null, status.wire(), i.id(), MigrationType.MIGRATION.wire(),
                null)).stream().findFirst();
    }

}
