package io.nubo.blockstorage.volume.group;

import static io.nubo.blockstorage.volume.group.GroupSnapshotStatus.AVAILABLE;
import static io.nubo.blockstorage.volume.group.GroupSnapshotStatus.CREATING;
import static io.nubo.blockstorage.volume.group.GroupSnapshotStatus.DELETING;
import static io.nubo.blockstorage.volume.group.GroupSnapshotStatus.ERROR;

import java.util.EnumSet;
import java.util.Set;

/**
 * The group snapshot state machine as data, applied as compare-and-swap updates: creating until each of its
 * snapshots is available (or one fails), deleted from available or error (Cinder's delete_group_snapshot), error
 * when one of its snapshots is not deleted (Cinder's manager).
 */
enum GroupSnapshotTransition {
    CREATED(EnumSet.of(CREATING), AVAILABLE),
    CREATE_FAILED(EnumSet.of(CREATING), ERROR),
    BEGIN_DELETE(EnumSet.of(AVAILABLE, ERROR), DELETING),
    DELETE_FAILED(EnumSet.of(DELETING), ERROR);

    private final Set<GroupSnapshotStatus> from;
    private final GroupSnapshotStatus to;

    GroupSnapshotTransition(Set<GroupSnapshotStatus> from, GroupSnapshotStatus to) {
        this.from = from;
        this.to = to;
    }

    Set<GroupSnapshotStatus> from() {
        return from;
    }

    GroupSnapshotStatus to() {
        return to;
    }
}
