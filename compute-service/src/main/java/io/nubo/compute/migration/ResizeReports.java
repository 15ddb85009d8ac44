package io.nubo.compute.migration;

import io.nubo.compute.scheduler.Scheduler;
import io.nubo.compute.server.Instance;
import io.nubo.compute.server.ServerLifecycle;
import io.nubo.compute.server.ServerService;
import io.nubo.shared.events.compute.FlavorSpec;
import io.nubo.shared.events.compute.InstanceReport;
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
 * What the agent reports about a resize, applied to its migration row, the instance's flavor and the host's claims
 * (the instance's task and action are {@link ServerLifecycle}'s). The row's claim ({@code dest_claimed} with its
 * figures) is what the resize holds beyond the instance's own flavor: the new flavor's while the resize runs, the
 * old one's once it is done (the instance has the new flavor then), given back by a confirm, or made the instance's
 * own again by a revert (which gives the new flavor's back). A resize that fails ends in {@code error} with the new
 * claim given back. A reconcile at start and every 30 s ends a resize whose task ended without an answer, and the
 * resize of a deleted instance.
 */
@Service
public class ResizeReports {

    private static final Logger log = LoggerFactory.getLogger(ResizeReports.class);
    private static final Set<String> OPERATIONS = Set.of("resize", "confirm_resize", "revert_resize");

    private final MigrationStore store;
    private final ResizeStore resizes;
    private final ServerService servers;
    private final ServerLifecycle lifecycle;
    private final Scheduler scheduler;
    private final Clock clock;

    ResizeReports(MigrationStore store, ResizeStore resizes, ServerService servers, ServerLifecycle lifecycle,
                  Scheduler scheduler, Clock clock) {
        this.store = store;
        this.resizes = resizes;
        this.servers = servers;
        this.lifecycle = lifecycle;
        this.scheduler = scheduler;
        this.clock = clock;
    }

    /** Called with every instance report before the server lifecycle applies it (which ends the task). */
    @Transactional(propagation = Propagation.MANDATORY)
    public void beforeLifecycle(InstanceReport r) {
        if (r.actionId() == null || !OPERATIONS.contains(r.operation())) {
            return;
        }
        Optional<Instance> found = servers.byId(r.instanceId());
        if (found.isEmpty() || !r.actionId().equals(found.get().taskActionId())) {
            return;
        }
        Instance i = found.get();
        Optional<Migration> resize = r.operation().equals("resize") ? store.byAction(i.id(), r.actionId())
                : latest(i.id(), MigrationStatus.FINISHED);
        if (resize.isEmpty()) {
            return;
        }
        Migration m = resize.get();
        boolean ok = r.outcome() == InstanceReport.Outcome.SUCCEEDED;
        switch (r.operation()) {
            case "resize" -> {
                if (ok) {
                    finished(m, i, r.actionId());
                } else {
                    fail(m, r.faultMessage());
                }
            }
            case "confirm_resize" -> {
                if (ok && store.transition(m.id(), MigrationStatus.CONFIRMED, null, clock.instant())
                        && store.dropDestClaim(m.id())) {
                    scheduler.release(m.sourceCompute(), m.vcpus(), m.memoryMb(), m.diskGb());
                }
            }
            default -> {
                if (ok) {
                    reverted(m, i, r.actionId());
                }
            }
        }
    }

    /** The guest runs with the new flavor: the instance has it, the row holds the old one's claim. */
    private void finished(Migration m, Instance i, String actionId) {
        ResizeStore.Flavors f = resizes.flavors(m.id()).orElseThrow();
        if (!store.transition(m.id(), MigrationStatus.FINISHED, null, clock.instant())) {
            return;
        }
        lifecycle.reflavored(i.id(), actionId, f.newFlavor());
        FlavorSpec old = f.oldFlavor();
        resizes.hold(m.id(), old.vcpus(), old.ramMb(), Resizes.localDisk(i, old));
    }

    /** The guest runs with the old flavor again: the instance has it (the row's claim is its own again). */
    private void reverted(Migration m, Instance i, String actionId) {
        ResizeStore.Flavors f = resizes.flavors(m.id()).orElseThrow();
        if (!store.transition(m.id(), MigrationStatus.REVERTED, null, clock.instant())) {
            return;
        }
        lifecycle.reflavored(i.id(), actionId, f.oldFlavor());
        store.dropDestClaim(m.id());
        FlavorSpec now = f.newFlavor();
        scheduler.release(m.sourceCompute(), now.vcpus(), now.ramMb(), Resizes.localDisk(i, now));
    }

    private void fail(Migration m, String message) {
        if (store.transition(m.id(), MigrationStatus.ERROR, message, clock.instant()) && store.dropDestClaim(m.id())) {
            scheduler.release(m.sourceCompute(), m.vcpus(), m.memoryMb(), m.diskGb());
        }
    }

    /**
     * Ends every resize whose task is over without its answer (swept, reset: {@code error}, the new claim given
     * back), and the resize of a deleted instance (Nova confirms it: the kept claim given back).
     */
    @EventListener(ApplicationReadyEvent.class)
    @Scheduled(fixedDelayString = "${nubo.compute.migration-reconcile-interval:30s}", initialDelayString = "30s")
    @Transactional
    public void reconcile() {
        for (Migration m : store.unfinished()) {
            if (m.type() != MigrationType.RESIZE) {
                continue;
            }
            Optional<Instance> found = servers.byId(m.instanceUuid());
            boolean gone = found.isEmpty() || found.get().deleted();
            if (m.status() == MigrationStatus.FINISHED) {
                if (gone && store.transition(m.id(), MigrationStatus.CONFIRMED, null, clock.instant())
                        && store.dropDestClaim(m.id())) {
                    scheduler.release(m.sourceCompute(), m.vcpus(), m.memoryMb(), m.diskGb());
                }
                continue;
            }
            if (gone || !m.actionId().equals(found.get().taskActionId())) {
                log.warn("Resize {} of instance {} ended without an answer from host {}", m.uuid(), m.instanceUuid(),
                        m.sourceCompute());
                fail(m, gone ? "The instance was deleted during its resize."
                        : "The resize got no answer from host " + m.sourceCompute() + ".");
            }
        }
    }

    private Optional<Migration> latest(String instanceId, MigrationStatus status) {
        return store.list(new MigrationStore.Filter(null, status.wire(), instanceId, MigrationType.RESIZE.wire(),
                null)).stream().findFirst();
    }

}
