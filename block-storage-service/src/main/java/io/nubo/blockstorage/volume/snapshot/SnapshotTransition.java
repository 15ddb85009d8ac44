package io.nubo.blockstorage.volume.snapshot;

import static io.nubo.blockstorage.volume.snapshot.SnapshotStatus.AVAILABLE;
import static io.nubo.blockstorage.volume.snapshot.SnapshotStatus.CREATING;
import static io.nubo.blockstorage.volume.snapshot.SnapshotStatus.DELETING;
import static io.nubo.blockstorage.volume.snapshot.SnapshotStatus.ERROR;
import static io.nubo.blockstorage.volume.snapshot.SnapshotStatus.ERROR_DELETING;

import java.util.EnumSet;
import java.util.Set;

/** The snapshot state machine as data, applied by {@link SnapshotLifecycle} as compare-and-swap updates. */
public enum SnapshotTransition {
    CREATED(EnumSet.of(CREATING), AVAILABLE),
    CREATE_FAILED(EnumSet.of(CREATING), ERROR),
    BEGIN_DELETE(EnumSet.of(AVAILABLE, ERROR, ERROR_DELETING), DELETING),
    /** os-force_delete (admin): from any status, also creating and deleting (Cinder's force delete) */
    FORCE_DELETE(EnumSet.of(CREATING, AVAILABLE, DELETING, ERROR, ERROR_DELETING), DELETING),
    DELETED(EnumSet.of(DELETING), SnapshotStatus.DELETED),
    DELETE_FAILED(EnumSet.of(DELETING), ERROR_DELETING),
    /** microversion 3.40: the volume is reverted to this snapshot, which must be available */
    BEGIN_RESTORE(EnumSet.of(AVAILABLE), SnapshotStatus.RESTORING),
    /** the revert ended, whether it succeeded or not: the snapshot is unchanged (Cinder's manager) */
    RESTORED(EnumSet.of(SnapshotStatus.RESTORING), AVAILABLE);

    private final Set<SnapshotStatus> from;
    private final SnapshotStatus to;

    SnapshotTransition(Set<SnapshotStatus> from, SnapshotStatus to) {
        this.from = from;
        this.to = to;
    }

    public Set<SnapshotStatus> from() {
        return from;
    }

    public SnapshotStatus to() {
        return to;
    }

    /** What the start-up sweep applies to snapshots whose work a restart interrupted. */
    public static Set<SnapshotTransition> recoveries() {
        return EnumSet.of(CREATE_FAILED, DELETE_FAILED, RESTORED);
    }
}
