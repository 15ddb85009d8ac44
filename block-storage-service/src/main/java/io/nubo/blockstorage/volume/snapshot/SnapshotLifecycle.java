package io.nubo.blockstorage.volume.snapshot;

import io.nubo.blockstorage.error.VolumeError;
import java.time.Clock;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/** Applies {@link SnapshotTransition}s as compare-and-swap updates, and sweeps interrupted work at start. */
@Component
public class SnapshotLifecycle {

    private static final Logger log = LoggerFactory.getLogger(SnapshotLifecycle.class);

    private final SnapshotRepository snapshots;
    private final Clock clock;

    public SnapshotLifecycle(SnapshotRepository snapshots, Clock clock) {
        this.snapshots = snapshots;
        this.clock = clock;
    }

    /** Applies the transition or answers Cinder's 400 {@code Invalid snapshot} (404 if it is gone). */
    public void apply(String snapshotId, SnapshotTransition t) {
        if (tryApply(snapshotId, t)) {
            return;
        }
        SnapshotEntity now = snapshots.findLive(snapshotId)
                .orElseThrow(() -> VolumeError.SNAPSHOT_NOT_FOUND.exception(snapshotId));
        throw VolumeError.INVALID_SNAPSHOT.exception("Snapshot status must be " + String.join(" or ",
                t.from().stream().map(SnapshotStatus::wire).toList()) + " but it is " + now.getStatus().wire() + ".");
    }

    public boolean tryApply(String snapshotId, SnapshotTransition t) {
        if (t.to() == SnapshotStatus.DELETED) {
            return snapshots.markDeleted(snapshotId, clock.instant()) == 1;
        }
        return snapshots.swapStatus(snapshotId, t.from(), t.to(), null, clock.instant()) == 1;
    }

    /** os-reset_status (admin): the status an operator says, from any live status (see VolumeLifecycle#reset). */
    public boolean reset(String snapshotId, SnapshotStatus to) {
        return snapshots.swapStatus(snapshotId, java.util.EnumSet.complementOf(java.util.EnumSet.of(
                SnapshotStatus.DELETED)), to, null, clock.instant()) == 1;
    }

    /**
     * os-update_snapshot_status: the transition (or, for the same status, none) with the reported progress, as one
     * compare-and-swap; false if the snapshot left the transition's source status.
     */
    public boolean report(String snapshotId, java.util.Set<SnapshotStatus> from, SnapshotStatus to,
                          String progress) {
        return snapshots.swapStatusProgress(snapshotId, from, to, progress, clock.instant()) == 1;
    }

    public boolean fail(String snapshotId, SnapshotTransition t, String reason) {
        String why = reason == null ? null : reason.length() > 1000 ? reason.substring(0, 1000) : reason;
        return snapshots.swapStatus(snapshotId, t.from(), t.to(), why, clock.instant()) == 1;
    }

    /** As for volumes: a snapshot left creating or deleting by a restart takes its failure transition. */
    @EventListener(ApplicationReadyEvent.class)
    @Order(0) // before the groups' sweeps, which settle from what this one leaves
    public void sweep() {
        for (SnapshotTransition t : SnapshotTransition.recoveries()) {
            List<String> stuck = snapshots.idsInStatus(t.from());
            stuck.forEach(id -> fail(id, t, "interrupted by a restart of the block storage service"));
            if (!stuck.isEmpty()) {
                log.warn("{} snapshot(s) were interrupted by a restart; now {}", stuck.size(), t.to().wire());
            }
        }
    }
}
