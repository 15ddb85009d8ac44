package io.nubo.blockstorage.volume.snapshot;

import io.nubo.blockstorage.backend.VolumeBackends;
import io.nubo.blockstorage.volume.quota.QuotaService;
import io.nubo.blockstorage.volume.VolumeEntity;
import io.nubo.blockstorage.volume.VolumeService;
import io.nubo.blockstorage.volume.VolumeStatus;
import io.nubo.blockstorage.request.Caller;
import io.nubo.blockstorage.request.Policy;
import io.nubo.blockstorage.error.VolumeError;
import io.nubo.shared.events.blockstorage.SnapshotCreated;
import io.nubo.shared.events.blockstorage.SnapshotDeleted;
import io.nubo.shared.outbox.EventPublisher;
import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Snapshots: the record (creating) and quota in one transaction, the backend snapshot on the work executor, then
 * available (announced) or error; deleting likewise. A snapshot of an in-use volume needs {@code force}, as in
 * Cinder (the copy is crash-consistent only).
 */
@Service
public class SnapshotService {

    private static final Logger log = LoggerFactory.getLogger(SnapshotService.class);

    private final SnapshotRepository snapshots;
    private final SnapshotLifecycle lifecycle;
    private final VolumeService volumes;
    private final VolumeBackends backends;
    private final QuotaService quotas;
    private final EventPublisher publisher;
    private final TransactionTemplate tx;
    private final ExecutorService executor;
    private final Clock clock;
    private final GroupSnapshotMembers groupSnapshots;

    public SnapshotService(SnapshotRepository snapshots, SnapshotLifecycle lifecycle, VolumeService volumes,
                           VolumeBackends backends, QuotaService quotas, EventPublisher publisher,
                           TransactionTemplate tx, @Qualifier("volumeWorkExecutor") ExecutorService executor,
                           Clock clock, GroupSnapshotMembers groupSnapshots) {
        this.snapshots = snapshots;
        this.lifecycle = lifecycle;
        this.volumes = volumes;
        this.backends = backends;
        this.quotas = quotas;
        this.publisher = publisher;
        this.tx = tx;
        this.executor = executor;
        this.clock = clock;
        this.groupSnapshots = groupSnapshots;
    }

    public SnapshotEntity visible(Caller caller, String id) {
        SnapshotEntity s = snapshots.findLive(id).orElseThrow(() -> VolumeError.SNAPSHOT_NOT_FOUND.exception(id));
        if (!caller.admin() && !caller.owns(s.getProjectId())) {
            throw VolumeError.SNAPSHOT_NOT_FOUND.exception(id);
        }
        return s;
    }

    public SnapshotEntity create(Caller caller, String volumeId, boolean force, String name, String description,
                                 Map<String, String> metadata) {
        VolumeEntity v = volumes.visible(caller, volumeId);
        caller.require(Policy.SNAPSHOT_CREATE, v.getProjectId());
        boolean ok = v.getStatus() == VolumeStatus.AVAILABLE || (force && v.getStatus() == VolumeStatus.IN_USE);
        if (!ok) {
            throw VolumeError.INVALID_VOLUME.exception("Volume " + volumeId + " status must be available"
                    + (v.getStatus() == VolumeStatus.IN_USE ? ", or in-use with force" : "") + ", but current status"
                    + " is: " + v.getStatus().wire() + ".");
        }
        return start(caller, v, name, description, metadata, (b, snapshotId) -> b.createSnapshot(v.getId(),
                snapshotId));
    }

    /** What the backend does for a new snapshot record: make it, or (manage) adopt an existing one. */
    interface BackendTask {
        void run(io.nubo.blockstorage.backend.VolumeBackend backend, String snapshotId) throws IOException;
    }

    /**
     * Microversion 3.8, {@code POST manageable_snapshots}: as Cinder, the snapshot is recorded (quota counted) and
     * its backend asked to adopt {@code ref}; no Nubo driver can (Cinder's base driver: "Manage existing snapshot
     * not implemented."), so it goes to error, where it can be deleted.
     */
    public SnapshotEntity manage(Caller caller, String volumeId, String name, String description,
                                 Map<String, String> metadata) {
        VolumeEntity v = volumes.visible(caller, volumeId);
        caller.require(Policy.SNAPSHOT_MANAGE);
        return start(caller, v, name, description, metadata, (b, snapshotId) -> {
            throw new UnsupportedOperationException("Manage existing snapshot not implemented.");
        });
    }

    private SnapshotEntity start(Caller caller, VolumeEntity v, String name, String description,
                                 Map<String, String> metadata, BackendTask task) {
        SnapshotEntity s = quotas.withLock(v.getProjectId(), () -> tx.execute(st -> {
            quotas.check(v.getProjectId(), 0, 1, v.getSizeGb(), 0);
            SnapshotEntity e = record(caller, v, name, description, null);
            if (metadata != null) {
                e.getMetadata().putAll(metadata);
            }
            return snapshots.save(e);
        }));
        executor.execute(() -> make(s, v, task));
        return s;
    }

    private SnapshotEntity record(Caller caller, VolumeEntity v, String name, String description,
                                  String groupSnapshotId) {
        SnapshotEntity e = new SnapshotEntity(UUID.randomUUID().toString(), v.getId(), v.getProjectId(),
                caller.userId(), v.getSizeGb(), clock.instant());
        e.setName(name);
        e.setDescription(description);
        e.setGroupSnapshotId(groupSnapshotId);
        return e;
    }

    /**
     * Microversion 3.14, Cinder's create_snapshots_in_db: a snapshot of each of a group's volumes (available or
     * in-use, as a group snapshot allows), quota counted for all at once, all recorded in the caller's transaction
     * (with the group snapshot); {@link #makeAll} then makes them as a single snapshot is made.
     */
    public List<SnapshotEntity> recordForGroup(Caller caller, List<VolumeEntity> members, String name,
                                               String description, String groupSnapshotId) {
        for (VolumeEntity v : members) {
            caller.require(Policy.SNAPSHOT_CREATE, v.getProjectId());
            if (v.getStatus() == VolumeStatus.ERROR) {
                throw VolumeError.INVALID_VOLUME.exception("The snapshot cannot be created when the volume is in"
                        + " error status.");
            }
            if (v.getStatus() != VolumeStatus.AVAILABLE && v.getStatus() != VolumeStatus.IN_USE) {
                throw VolumeError.INVALID_VOLUME.exception("Volume " + v.getId() + " status must be available or"
                        + " in-use, but current status is: " + v.getStatus().wire() + ".");
            }
        }
        if (!members.isEmpty()) {
            quotas.check(members.get(0).getProjectId(), 0, members.size(),
                    members.stream().mapToInt(VolumeEntity::getSizeGb).sum(), 0);
        }
        return snapshots.saveAll(members.stream().map(v -> record(caller, v, name, description, groupSnapshotId))
                .toList());
    }

    /** After {@link #recordForGroup} committed: each snapshot made on the work executor. */
    public void makeAll(List<SnapshotEntity> recorded, List<VolumeEntity> members) {
        for (SnapshotEntity s : recorded) {
            VolumeEntity v = members.stream().filter(m -> m.getId().equals(s.getVolumeId())).findFirst()
                    .orElseThrow();
            executor.execute(() -> make(s, v, (b, snapshotId) -> b.createSnapshot(v.getId(), snapshotId)));
        }
    }

    private void make(SnapshotEntity s, VolumeEntity v, BackendTask task) {
        try {
            task.run(backends.get(v.getBackend()), s.getId());
            tx.executeWithoutResult(st -> {
                if (lifecycle.tryApply(s.getId(), SnapshotTransition.CREATED)) {
                    publisher.publish(new SnapshotCreated(s.getId(), v.getId(), s.getProjectId(), s.getSizeGb(),
                            clock.instant()), v.getId(), s.getProjectId());
                }
            });
        } catch (IOException | RuntimeException e) {
            log.warn("snapshot {} of volume {} failed: {}", s.getId(), v.getId(), e.toString());
            try {
                backends.get(v.getBackend()).deleteSnapshot(v.getId(), s.getId());
            } catch (IOException | RuntimeException ignored) {
                // nothing was made, or the delete is retried when the user deletes the errored snapshot
            }
            lifecycle.fail(s.getId(), SnapshotTransition.CREATE_FAILED, e.getMessage());
        }
        settled(s);
    }

    private void settled(SnapshotEntity s) {
        if (s.getGroupSnapshotId() != null) {
            groupSnapshots.settled(s.getGroupSnapshotId());
        }
    }

    public void delete(Caller caller, String id) {
        delete(caller, id, false);
    }

    /** {@code force}: os-force_delete (admin), from any status. */
    public void delete(Caller caller, String id, boolean force) {
        SnapshotEntity s = visible(caller, id);
        caller.require(force ? Policy.SNAPSHOT_FORCE_DELETE : Policy.SNAPSHOT_DELETE, s.getProjectId());
        if (s.getGroupSnapshotId() != null) {
            throw VolumeError.INVALID_SNAPSHOT.exception((force ? "Snapshot" : "Snapshot status must be available"
                    + " or error and") + " must not be part of a group.");
        }
        lifecycle.apply(id, force ? SnapshotTransition.FORCE_DELETE : SnapshotTransition.BEGIN_DELETE);
        erase(s, volumes.visible(caller, s.getVolumeId()));
    }

    /**
     * A group snapshot's delete (3.14): its snapshot to deleting from any status but creating (Cinder sets them
     * deleting), then deleted as any snapshot; false if it was creating.
     */
    public boolean deleteOfGroupSnapshot(Caller caller, SnapshotEntity s) {
        if (!lifecycle.tryApply(s.getId(), SnapshotTransition.BEGIN_DELETE)) {
            return false;
        }
        erase(s, volumes.visible(caller, s.getVolumeId()));
        return true;
    }

    private void erase(SnapshotEntity s, VolumeEntity v) {
        boolean announced = s.getStatus() != SnapshotStatus.ERROR;
        executor.execute(() -> {
            try {
                backends.get(v.getBackend()).deleteSnapshot(v.getId(), s.getId());
                tx.executeWithoutResult(st -> {
                    if (lifecycle.tryApply(s.getId(), SnapshotTransition.DELETED) && announced) {
                        publisher.publish(new SnapshotDeleted(s.getId(), v.getId(), s.getProjectId(), s.getSizeGb(),
                                clock.instant()), v.getId(), s.getProjectId());
                    }
                });
            } catch (IOException | RuntimeException e) {
                log.warn("deleting snapshot {} failed: {}", s.getId(), e.toString());
                lifecycle.fail(s.getId(), SnapshotTransition.DELETE_FAILED, e.getMessage());
            }
            settled(s);
        });
    }

    /** os-reset_status (admin): one of Cinder's snapshot statuses, from any. */
    public void resetStatus(Caller caller, String id, String status) {
        SnapshotEntity s = visible(caller, id);
        caller.require(Policy.SNAPSHOT_RESET_STATUS, s.getProjectId());
        SnapshotStatus to = SnapshotStatus.fromWire(status);
        if (to == null) {
            throw VolumeError.INVALID_INPUT.exception("Must specify a valid status: " + status + ".");
        }
        if (!lifecycle.reset(id, to)) {
            throw VolumeError.SNAPSHOT_NOT_FOUND.exception(id);
        }
    }

    /**
     * os-update_snapshot_status, as a backend that makes snapshots itself reports (Cinder's status map): from
     * creating to creating, available or error; from deleting to deleting or error_deleting; with a progress.
     */
    public void updateStatus(Caller caller, String id, String status, String progress) {
        SnapshotEntity s = visible(caller, id);
        caller.require(Policy.SNAPSHOT_UPDATE_STATUS, s.getProjectId());
        SnapshotStatus to = SnapshotStatus.fromWire(status);
        java.util.Set<SnapshotStatus> from = reportable(s.getStatus(), to);
        if (from == null) {
            throw VolumeError.INVALID_SNAPSHOT.exception("Snapshot status " + s.getStatus().wire()
                    + " not allowed to change to " + status + ".");
        }
        if (!lifecycle.report(id, from, to, progress)) {
            throw VolumeError.INVALID_SNAPSHOT.exception("Snapshot " + id + " changed its status meanwhile.");
        }
    }

    /** The source statuses of the report {@code from -> to}: a transition of the table, or staying; null if neither. */
    static java.util.Set<SnapshotStatus> reportable(SnapshotStatus from, SnapshotStatus to) {
        if (to == null) {
            return null;
        }
        if (from == to && from.heldByWork()) {
            return java.util.EnumSet.of(from);
        }
        for (SnapshotTransition t : java.util.List.of(SnapshotTransition.CREATED, SnapshotTransition.CREATE_FAILED,
                SnapshotTransition.DELETE_FAILED)) {
            if (t.from().contains(from) && t.to() == to) {
                return t.from();
            }
        }
        return null;
    }
}
