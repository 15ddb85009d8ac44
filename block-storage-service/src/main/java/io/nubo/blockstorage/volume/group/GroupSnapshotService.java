package io.nubo.blockstorage.volume.group;

import io.nubo.blockstorage.error.VolumeError;
import io.nubo.blockstorage.request.Caller;
import io.nubo.blockstorage.request.Policy;
import io.nubo.blockstorage.volume.VolumeEntity;
import io.nubo.blockstorage.volume.VolumeRepository;
import io.nubo.blockstorage.volume.quota.QuotaService;
import io.nubo.blockstorage.volume.snapshot.SnapshotEntity;
import io.nubo.blockstorage.volume.snapshot.SnapshotRepository;
import io.nubo.blockstorage.volume.snapshot.SnapshotService;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Group snapshots (microversion 3.14), as Cinder's {@code group.api}: a snapshot of each volume of a group, made as
 * a single snapshot is ({@link SnapshotService}), the group snapshot available once they all are
 * ({@link GroupSnapshotProgress}); deleted together, never one by one.
 */
@Service
public class GroupSnapshotService {

    private final GroupSnapshotRepository groupSnapshots;
    private final GroupService groups;
    private final VolumeRepository volumes;
    private final SnapshotRepository snapshots;
    private final SnapshotService snapshotService;
    private final GroupSnapshotProgress progress;
    private final QuotaService quotas;
    private final TransactionTemplate tx;
    private final Clock clock;

    public GroupSnapshotService(GroupSnapshotRepository groupSnapshots, GroupService groups, VolumeRepository volumes,
                                SnapshotRepository snapshots, SnapshotService snapshotService,
                                GroupSnapshotProgress progress, QuotaService quotas, TransactionTemplate tx,
                                Clock clock) {
        this.groupSnapshots = groupSnapshots;
        this.groups = groups;
        this.volumes = volumes;
        this.snapshots = snapshots;
        this.snapshotService = snapshotService;
        this.progress = progress;
        this.quotas = quotas;
        this.tx = tx;
        this.clock = clock;
    }

    /** The caller's project's group snapshots, newest first (before 3.29 Cinder takes no filter, not all_tenants). */
    public List<GroupSnapshotEntity> list(Caller caller) {
        caller.require(Policy.GROUP_SNAPSHOT_GET_ALL);
        return groupSnapshots.findByProjectIdOrderByCreatedAtDescIdDesc(caller.projectId());
    }

    /** A group snapshot the caller may see: 404 for another project's. */
    public GroupSnapshotEntity get(Caller caller, String id) {
        GroupSnapshotEntity g = groupSnapshots.findById(id).filter(x -> caller.admin()
                || caller.owns(x.getProjectId())).orElseThrow(() -> VolumeError.GROUP_SNAPSHOT_NOT_FOUND.exception(id));
        caller.require(Policy.GROUP_SNAPSHOT_GET, g.getProjectId());
        return g;
    }

    /** The snapshots of a group snapshot, oldest first. */
    public List<SnapshotEntity> snapshotsOf(GroupSnapshotEntity g) {
        return snapshots.findLiveOfGroupSnapshot(g.getId());
    }

    /** Cinder's create_group_snapshot: the group snapshot and all its snapshots recorded at once, then made. */
    public GroupSnapshotEntity create(Caller caller, String groupId, String name, String description) {
        GroupEntity group = groups.get(caller, groupId);
        caller.require(Policy.GROUP_SNAPSHOT_CREATE, group.getProjectId());
        List<VolumeEntity> members = volumes.findLiveInGroup(group.getId());
        record Made(GroupSnapshotEntity groupSnapshot, List<SnapshotEntity> snapshots) {
        }
        Made made = quotas.withLock(group.getProjectId(), () -> tx.execute(st -> {
            GroupSnapshotEntity g = groupSnapshots.save(new GroupSnapshotEntity(UUID.randomUUID().toString(),
                    caller.projectId(), caller.userId(), group, name, description, clock.instant()));
            return new Made(g, snapshotService.recordForGroup(caller, members, name, description, g.getId()));
        }));
        snapshotService.makeAll(made.snapshots(), members);
        if (members.isEmpty()) {
            progress.settled(made.groupSnapshot().getId());
        }
        return made.groupSnapshot();
    }

    /**
     * Cinder's delete_group_snapshot: from available or error, and while no group is being made from it; its
     * snapshots go to deleting together, and the group snapshot goes once they are deleted.
     */
    public void delete(Caller caller, String id) {
        GroupSnapshotEntity g = get(caller, id);
        caller.require(Policy.GROUP_SNAPSHOT_DELETE, g.getProjectId());
        if (groups.creatingFrom(g.getId()) || !progress.apply(id, GroupSnapshotTransition.BEGIN_DELETE)) {
            throw VolumeError.INVALID_GROUP_SNAPSHOT.exception("GroupSnapshot status must be available or error,"
                    + " and no Group can be currently using it as source for its creation.");
        }
        List<SnapshotEntity> members = snapshots.findLiveOfGroupSnapshot(id);
        members.forEach(s -> snapshotService.deleteOfGroupSnapshot(caller, s));
        progress.settled(id);
    }

    /**
     * Microversion 3.19, Cinder's reset_group_snapshot_status (administrators): the status as given, whatever it was
     * (its snapshots are left as they are, as Cinder does); 404 for an unknown group snapshot.
     */
    public void resetStatus(Caller caller, String id, String status) {
        GroupSnapshotEntity g = get(caller, id);
        caller.require(Policy.GROUP_SNAPSHOT_RESET_STATUS, g.getProjectId());
        GroupSnapshotStatus to = parseStatus(status);
        groupSnapshots.swapStatus(id, java.util.EnumSet.allOf(GroupSnapshotStatus.class), to, clock.instant());
    }

    /** Cinder's {@code group_snapshot_status} format: one of its statuses, any case; else 400. */
    static GroupSnapshotStatus parseStatus(String status) {
        if (status.strip().isEmpty()) {
            throw VolumeError.BAD_REQUEST.exception("Invalid GroupSnapshot Status: The 'status' can not be empty.");
        }
        for (GroupSnapshotStatus s : GroupSnapshotStatus.values()) {
            if (s.wire().equals(status.toLowerCase(java.util.Locale.ROOT))) {
                return s;
            }
        }
        throw VolumeError.BAD_REQUEST.exception("Invalid GroupSnapshot Status: Group snapshot status: " + status
                + " is invalid, valid statuses are: " + GroupSnapshotStatus.ALL_WIRE + ".");
    }

    /** Whether a group has a group snapshot (such a group is not deleted). */
    public boolean anyOf(String groupId) {
        return groupSnapshots.existsByGroupId(groupId);
    }
}
