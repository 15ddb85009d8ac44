package io.nubo.blockstorage.volume.group;

import io.nubo.blockstorage.volume.snapshot.GroupSnapshotMembers;
import io.nubo.blockstorage.volume.snapshot.SnapshotEntity;
import io.nubo.blockstorage.volume.snapshot.SnapshotRepository;
import io.nubo.blockstorage.volume.snapshot.SnapshotStatus;
import java.time.Clock;
import java.util.EnumSet;
import java.util.List;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * A group snapshot's status from its snapshots', as Cinder's manager sets it: creating until all are available
 * (error as soon as one is), deleting until all are gone (then the record goes; error if one is not deleted).
 * Each step is a compare-and-swap, so two snapshots settling at once agree.
 */
@Component
class GroupSnapshotProgress implements GroupSnapshotMembers {

    private final GroupSnapshotRepository groupSnapshots;
    private final SnapshotRepository snapshots;
    private final Clock clock;

    GroupSnapshotProgress(GroupSnapshotRepository groupSnapshots, SnapshotRepository snapshots, Clock clock) {
        this.groupSnapshots = groupSnapshots;
        this.snapshots = snapshots;
        this.clock = clock;
    }

    @Override
    public void settled(String groupSnapshotId) {
        List<SnapshotEntity> members = snapshots.findLiveOfGroupSnapshot(groupSnapshotId);
        if (members.stream().anyMatch(s -> s.getStatus() == SnapshotStatus.CREATING)) {
            return; // settled once every snapshot is, so a group snapshot leaves creating with none creating
        }
        if (members.stream().anyMatch(s -> s.getStatus() == SnapshotStatus.ERROR)) {
            apply(groupSnapshotId, GroupSnapshotTransition.CREATE_FAILED);
        } else if (members.stream().allMatch(s -> s.getStatus() == SnapshotStatus.AVAILABLE)) {
            apply(groupSnapshotId, GroupSnapshotTransition.CREATED);
        }
        if (members.stream().anyMatch(s -> s.getStatus() == SnapshotStatus.ERROR_DELETING)) {
            apply(groupSnapshotId, GroupSnapshotTransition.DELETE_FAILED);
        } else if (members.isEmpty()) {
            groupSnapshots.deleteIfDeleting(groupSnapshotId);
        }
    }

    /** After a restart (once the snapshots' own sweep has failed theirs): what was creating or deleting settles. */
    @EventListener(ApplicationReadyEvent.class)
    @Order(Ordered.LOWEST_PRECEDENCE)
    public void sweep() {
        groupSnapshots.findByStatusIn(EnumSet.of(GroupSnapshotStatus.CREATING, GroupSnapshotStatus.DELETING))
                .forEach(g -> settled(g.getId()));
    }

    boolean apply(String groupSnapshotId, GroupSnapshotTransition t) {
        return groupSnapshots.swapStatus(groupSnapshotId, t.from(), t.to(), clock.instant()) == 1;
    }
}
