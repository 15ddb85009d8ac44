package io.nubo.blockstorage.volume;

import io.nubo.blockstorage.backend.VolumeBackends;
import io.nubo.blockstorage.error.VolumeError;
import io.nubo.blockstorage.request.Caller;
import io.nubo.blockstorage.request.Policy;
import io.nubo.blockstorage.volume.snapshot.SnapshotEntity;
import io.nubo.blockstorage.volume.snapshot.SnapshotLifecycle;
import io.nubo.blockstorage.volume.snapshot.SnapshotRepository;
import io.nubo.blockstorage.volume.snapshot.SnapshotTransition;
import java.io.IOException;
import java.util.Comparator;
import java.util.concurrent.ExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Microversion 3.40, {@code revert} (Cinder's {@code VolumeController.revert} and {@code volume.api
 * .revert_to_snapshot}): a volume goes back to its latest snapshot's bytes. 400 when it has no snapshot, when the
 * one named is missing or not the latest (by creation time, whatever its status), or when the volume's size is no
 * longer the snapshot's; then the policy; then, in one transaction, the volume {@code available -> reverting} and the
 * snapshot {@code available -> restoring}, else 409 with Cinder's message (and neither changes). The backend
 * reverts on the work executor; both return to {@code available}, or on failure the volume to {@code error} and the
 * snapshot to {@code available}, as Cinder's manager. The backends write the snapshot's bytes to a new file or
 * roll the RBD image back in one call, so Cinder's temporary safety snapshot is not taken.
 */
@Service
public class VolumeRevert {

    private static final Logger log = LoggerFactory.getLogger(VolumeRevert.class);

    private final VolumeService volumes;
    private final SnapshotRepository snapshots;
    private final VolumeLifecycle lifecycle;
    private final SnapshotLifecycle snapshotLifecycle;
    private final VolumeBackends backends;
    private final TransactionTemplate tx;
    private final ExecutorService executor;

    public VolumeRevert(VolumeService volumes, SnapshotRepository snapshots, VolumeLifecycle lifecycle,
                        SnapshotLifecycle snapshotLifecycle, VolumeBackends backends, TransactionTemplate tx,
                        @Qualifier("volumeWorkExecutor") ExecutorService executor) {
        this.volumes = volumes;
        this.snapshots = snapshots;
        this.lifecycle = lifecycle;
        this.snapshotLifecycle = snapshotLifecycle;
        this.backends = backends;
        this.tx = tx;
        this.executor = executor;
    }

    public void revert(Caller caller, String volumeId, String snapshotId) {
        VolumeEntity v = volumes.visible(caller, volumeId);
        SnapshotEntity latest = snapshots.findLiveOf(v.getId()).stream()
                .max(Comparator.comparing(SnapshotEntity::getCreatedAt).thenComparing(SnapshotEntity::getId))
                .orElseThrow(() -> VolumeError.BAD_REQUEST.exception("Volume " + v.getId()
                        + " doesn't have any snapshots."));
        if (snapshotId == null || !snapshotId.equals(latest.getId())) {
            throw VolumeError.BAD_REQUEST.exception("Specified snapshot " + (snapshotId == null ? "None" : snapshotId)
                    + " is None or not the latest"
                    + " one of volume " + v.getId() + ".");
        }
        String cannot = "Can't revert volume " + v.getId() + " to its latest snapshot " + latest.getId() + ".";
        if (v.getSizeGb() != latest.getSizeGb()) {
            throw VolumeError.BAD_REQUEST.exception(cannot + " The volume size must be equal to the snapshot size.");
        }
        caller.require(Policy.VOLUME_REVERT, v.getProjectId());
        tx.executeWithoutResult(st -> {
            if (!lifecycle.tryApply(v.getId(), VolumeTransition.BEGIN_REVERT)) {
                throw VolumeError.INVALID_VOLUME_CONFLICT.exception(cannot + " Volume's status must be 'available'.");
            }
            if (!snapshotLifecycle.tryApply(latest.getId(), SnapshotTransition.BEGIN_RESTORE)) {
                // the whole transaction rolls back: the volume stays available
                throw VolumeError.INVALID_SNAPSHOT_CONFLICT.exception(cannot
                        + " Snapshot's status must be 'available'.");
            }
        });
        executor.execute(() -> {
            try {
                backends.get(v.getBackend()).revertToSnapshot(v.getId(), latest.getId());
                lifecycle.tryApply(v.getId(), VolumeTransition.REVERTED);
            } catch (IOException | RuntimeException e) {
                log.warn("reverting volume {} to snapshot {} failed: {}", v.getId(), latest.getId(), e.toString());
                lifecycle.fail(v.getId(), VolumeTransition.REVERT_FAILED, e.getMessage());
            } finally {
                snapshotLifecycle.tryApply(latest.getId(), SnapshotTransition.RESTORED);
            }
        });
    }
}
