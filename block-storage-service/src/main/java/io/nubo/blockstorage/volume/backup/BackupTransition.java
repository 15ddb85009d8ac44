package io.nubo.blockstorage.volume.backup;

import static io.nubo.blockstorage.volume.backup.BackupStatus.AVAILABLE;
import static io.nubo.blockstorage.volume.backup.BackupStatus.CREATING;
import static io.nubo.blockstorage.volume.backup.BackupStatus.DELETING;
import static io.nubo.blockstorage.volume.backup.BackupStatus.ERROR;
import static io.nubo.blockstorage.volume.backup.BackupStatus.ERROR_DELETING;
import static io.nubo.blockstorage.volume.backup.BackupStatus.RESTORING;

import java.util.EnumSet;
import java.util.Set;

/** The backup state machine as data, applied as compare-and-swap updates by {@link BackupLifecycle}. */
public enum BackupTransition {
    CREATED(EnumSet.of(CREATING), AVAILABLE),
    CREATE_FAILED(EnumSet.of(CREATING), ERROR),
    BEGIN_RESTORE(EnumSet.of(AVAILABLE), RESTORING),
    /** the restore ended, whether it succeeded or not: the backup itself is unchanged (the volume says which) */
    RESTORE_ENDED(EnumSet.of(RESTORING), AVAILABLE),
    BEGIN_DELETE(EnumSet.of(AVAILABLE, ERROR, ERROR_DELETING), DELETING),
    /** os-force_delete (admin): from any status */
    FORCE_DELETE(EnumSet.of(CREATING, AVAILABLE, RESTORING, DELETING, ERROR, ERROR_DELETING), DELETING),
    DELETED(EnumSet.of(DELETING), BackupStatus.DELETED),
    DELETE_FAILED(EnumSet.of(DELETING), ERROR_DELETING);

    private final Set<BackupStatus> from;
    private final BackupStatus to;

    BackupTransition(Set<BackupStatus> from, BackupStatus to) {
        this.from = from;
        this.to = to;
    }

    public Set<BackupStatus> from() {
        return from;
    }

    public BackupStatus to() {
        return to;
    }

    /** What the start-up sweep applies: the way out of every status held by work. */
    public static Set<BackupTransition> recoveries() {
        return EnumSet.of(CREATE_FAILED, RESTORE_ENDED, DELETE_FAILED);
    }
}
