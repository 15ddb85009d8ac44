package io.nubo.compute.migration;

import io.nubo.compute.scheduler.Scheduler;
import io.nubo.compute.server.Instance;
import io.nubo.compute.server.ServerLifecycle;
import io.nubo.compute.server.ServerService;
import io.nubo.compute.server.state.ServerOperation;
import io.nubo.shared.events.compute.InstanceReport;
import io.nubo.shared.events.compute.MigrationProgress;
import io.nubo.shared.events.compute.PowerState;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * What the agents report about live migrations, applied to the migration rows and the claims (the instance's task
 * and actions are {@link ServerLifecycle}'s): the destination's answer to its preparation sends the move to the
 * source or ends the migration ({@link #prepared}); the source's {@link MigrationProgress} moves the row to
 * {@code preparing}/{@code running} with libvirt's figures; its final report completes it (the instance's host
 * becomes the destination, the destination's claim is the instance's, the source's is given back) or ends it in
 * {@code error} (the destination's claim given back; {@code failed} when it was refused before anything moved). A
 * guest the destination reports running also completes its migration, so a lost or late final report never leaves
 * the instance on the wrong host; and a reconcile at start and every 30 s ends every migration whose task is over
 * (swept, reset, or the instance deleted) from what is known: the instance's host says where the guest went.
 */
@Service
public class MigrationReports {

    private static final Logger log = LoggerFactory.getLogger(MigrationReports.class);
    private static final String PRE_LIVE_MIGRATION = "pre_live_migration";

    private final MigrationStore store;
    private final ServerService servers;
    private final ServerLifecycle lifecycle;
    private final Scheduler scheduler;
    private final Clock clock;
    private final LiveMigrationSteps steps;

    MigrationReports(MigrationStore store, ServerService servers, ServerLifecycle lifecycle, Scheduler scheduler,
                     Clock clock, LiveMigrationSteps steps) {
        this.store = store;
        this.servers = servers;
        this.lifecycle = lifecycle;
        this.scheduler = scheduler;
        this.clock = clock;
        this.steps = steps;
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public void progress(MigrationProgress p) {
        Optional<Migration> m = p.actionId() == null ? Optional.empty()
                : store.byAction(p.instanceId(), p.actionId());
        if (m.isEmpty() || m.get().status().isFinal()) {
            return;
        }
        Instant now = clock.instant();
        MigrationStatus to = "preparing".equals(p.phase()) ? MigrationStatus.PREPARING : MigrationStatus.RUNNING;
        if (m.get().status() != to && m.get().status() != MigrationStatus.CANCELLING) {
            store.transition(m.get().id(), to, null, now);
        }
        if (p.dataTotal() > 0) {
            store.progress(m.get().id(), p.dataTotal(), p.dataProcessed(), p.dataRemaining(), now);
        }
    }

    /**
     * Called with every instance report before the server lifecycle applies it: the answer to a live migration
     * ends its migration; a destination's observation of the guest running completes it (and ends the task).
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void beforeLifecycle(InstanceReport r) {
        if (r.actionId() != null && PRE_LIVE_MIGRATION.equals(r.operation())) {
            prepared(r);
            return;
        }
        if (r.actionId() != null ? !"live_migration".equals(r.operation()) : r.host() == null) {
            return;
        }
        Optional<Instance> found = servers.byId(r.instanceId());
        if (found.isEmpty()) {
            return;
        }
        Instance i = found.get();
        if (r.actionId() != null) {
            store.byAction(i.id(), r.actionId()).ifPresent(m -> {
                if (r.outcome() == InstanceReport.Outcome.SUCCEEDED) {
                    complete(m, i);
                } else {
                    // an abort (2.24) asked for it: Nova's cancelled
                    MigrationStatus end = m.status() == MigrationStatus.QUEUED ? MigrationStatus.FAILED
                            : m.status() == MigrationStatus.CANCELLING ? MigrationStatus.CANCELLED
                            : MigrationStatus.ERROR;
                    if (fail(m, end, r.faultMessage())) {
                        // a late failure of a move found complete (the guest runs there) undoes nothing
                        steps.rollback(i, m);
                    }
                }
            });
            return;
        }
        boolean running = r.powerState() == PowerState.RUNNING || r.powerState() == PowerState.PAUSED;
        if (!running || i.host() == null || r.host().equals(i.host())) {
            return;
        }
        store.list(new MigrationStore.Filter(null, null, i.id(), MigrationType.LIVE_MIGRATION.wire(), null))
                .stream().filter(m -> r.host().equals(m.destCompute()) && i.host().equals(m.sourceCompute())
                        && (!m.status().isFinal() || m.status() == MigrationStatus.ERROR))
                .max(Comparator.comparing(Migration::createdAt)).ifPresent(m -> {
                    log.info("Instance {} runs on host {}: its live migration {} is complete", i.id(), r.host(),
                            m.uuid());
                    complete(m, i);
                    if (m.actionId() != null && m.actionId().equals(i.taskActionId())) {
                        lifecycle.apply(new InstanceReport(i.id(), r.host(), m.actionId(), "live_migration",
                                InstanceReport.Outcome.SUCCEEDED,
                                r.powerState(), null, null, r.observedAt()));
                    }
                });
    }

    /**
     * The destination's answer to its preparation: the move is sent to the source (the migration
     * {@code preparing}), or the live migration ends there ({@code error}, as Nova's rollback after a failed
     * {@code pre_live_migration} sets it; the task reverted, the reason in the instance's action, the destination's
     * claim given back; the agent has undone its part). An answer to a task that is no longer current (reset, or the
     * instance deleted) moves nothing: the destination undoes its part and the reconcile ends the migration.
     */
    private void prepared(InstanceReport r) {
        Optional<Instance> found = servers.byId(r.instanceId());
        if (found.isEmpty()) {
            return;
        }
        Instance i = found.get();
        Optional<Migration> queued = store.byAction(i.id(), r.actionId())
                .filter(m -> m.status() == MigrationStatus.QUEUED);
        if (queued.isEmpty()) {
            return;
        }
        Migration m = queued.get();
        if (i.deleted() || !r.actionId().equals(i.taskActionId())) {
            if (r.outcome() == InstanceReport.Outcome.SUCCEEDED) {
                steps.rollback(i, m);
            }
            return;
        }
        Instant now = clock.instant();
        if (r.outcome() == InstanceReport.Outcome.SUCCEEDED) {
            if (store.transition(m.id(), MigrationStatus.PREPARING, null, now)) {
                steps.move(i, m);
            }
            return;
        }
        String why = r.faultMessage() == null ? "Host " + m.destCompute() + " could not prepare the live migration."
                : r.faultMessage();
        fail(m, MigrationStatus.ERROR, why);
        lifecycle.failed(i, ServerOperation.LIVE_MIGRATE, r.actionId(), why, r.faultDetails(), now);
    }

    /** Ends every migration whose instance task is over without its answer having ended it. */
    @EventListener(ApplicationReadyEvent.class)
    @Scheduled(fixedDelayString = "${nubo.compute.migration-reconcile-interval:30s}", initialDelayString = "30s")
    @Transactional
    public void reconcile() {
        for (Migration m : store.unfinished()) {
            if (m.type() != MigrationType.LIVE_MIGRATION) {
                continue; // a resize's: ResizeReports
            }
            Optional<Instance> found = servers.byId(m.instanceUuid());
            if (found.isEmpty() || found.get().deleted()) {
                fail(m, MigrationStatus.ERROR, "The instance was deleted during its live migration.");
                continue;
            }
            Instance i = found.get();
            if (m.actionId() != null && m.actionId().equals(i.taskActionId())) {
                continue;
            }
            if (m.destCompute().equals(i.host())) {
                complete(m, i);
            } else {
                log.warn("Live migration {} of instance {}: its task ended without an answer from host {};"
                        + " the instance stays on {}", m.uuid(), i.id(), m.sourceCompute(), i.host());
                fail(m, MigrationStatus.ERROR, "The live migration got no answer from host " + m.sourceCompute()
                        + "; the instance stays on host " + i.host() + ".");
            }
        }
    }

    private void complete(Migration m, Instance i) {
        if (!store.transition(m.id(), MigrationStatus.COMPLETED, null, clock.instant())) {
            return;
        }
        boolean moved = lifecycle.moved(i.id(), m.sourceCompute(), m.destCompute(),
                scheduler.zoneOf(m.destCompute()));
        boolean held = store.dropDestClaim(m.id());
        if (!moved) {
            return;
        }
        steps.moved(i, m, scheduler.zoneOf(m.destCompute()));
        if (!held) {
            // the claim was given back when the move looked failed; the guest runs there, so it is taken again
            scheduler.claimRunning(m.destCompute(), m.vcpus(), m.memoryMb(), m.diskGb());
        }
        if (i.claimed()) {
            scheduler.release(m.sourceCompute(), m.vcpus(), m.memoryMb(), m.diskGb());
        }
    }

    /** Ends the migration in {@code status}; true for the one caller that did. */
    private boolean fail(Migration m, MigrationStatus status, String message) {
        if (!store.transition(m.id(), status, message, clock.instant())) {
            return false;
        }
        if (store.dropDestClaim(m.id())) {
            scheduler.release(m.destCompute(), m.vcpus(), m.memoryMb(), m.diskGb());
        }
        return true;
    }

}
