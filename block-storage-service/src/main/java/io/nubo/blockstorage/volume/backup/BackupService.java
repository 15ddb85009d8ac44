package io.nubo.blockstorage.volume.backup;

import io.nubo.blockstorage.error.VolumeError;
import io.nubo.blockstorage.request.Caller;
import io.nubo.blockstorage.request.Policy;
import io.nubo.blockstorage.volume.VolumeCreateRequest;
import io.nubo.blockstorage.volume.VolumeEntity;
import io.nubo.blockstorage.volume.VolumeLifecycle;
import io.nubo.blockstorage.volume.VolumeService;
import io.nubo.blockstorage.volume.VolumeStatus;
import io.nubo.blockstorage.volume.VolumeTransition;
import io.nubo.blockstorage.volume.quota.QuotaService;
import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Backups on the API side: checks (policy, state, quota), the record (creating) and the volume's status in one
 * transaction, then the copy handed to {@link BackupWork}. Without {@code nubo.block-storage.backup.enabled} there is
 * no backup service: creating and restoring answer 400, listing shows none.
 */
@Service
public class BackupService {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMddHHmmss")
            .withZone(ZoneOffset.UTC);

    private final BackupRepository backups;
    private final BackupLifecycle lifecycle;
    private final Optional<BackupWork> work;
    private final VolumeService volumes;
    private final VolumeLifecycle volumeLifecycle;
    private final QuotaService quotas;
    private final TransactionTemplate tx;
    private final Clock clock;

    public BackupService(BackupRepository backups, BackupLifecycle lifecycle, Optional<BackupWork> work,
                         VolumeService volumes, VolumeLifecycle volumeLifecycle, QuotaService quotas,
                         TransactionTemplate tx, Clock clock) {
        this.backups = backups;
        this.lifecycle = lifecycle;
        this.work = work;
        this.volumes = volumes;
        this.volumeLifecycle = volumeLifecycle;
        this.quotas = quotas;
        this.tx = tx;
        this.clock = clock;
    }

    private BackupWork work() {
        return work.orElseThrow(() -> VolumeError.BAD_REQUEST.exception("No backup service is configured"
                + " (nubo.block-storage.backup.enabled is false)."));
    }

    public BackupEntity visible(Caller caller, String id) {
        BackupEntity b = backups.findLive(id).orElseThrow(() -> VolumeError.BACKUP_NOT_FOUND.exception(id));
        if (!caller.admin() && !caller.owns(b.getProjectId())) {
            throw VolumeError.BACKUP_NOT_FOUND.exception(id);
        }
        caller.require(Policy.BACKUP_GET, b.getProjectId());
        return b;
    }

    @Transactional
    public BackupEntity update(Caller caller, String id, boolean setName, String name, boolean setDescription,
                               String description) {
        BackupEntity b = visible(caller, id);
        caller.require(Policy.BACKUP_UPDATE, b.getProjectId());
        if (setName) {
            b.setName(name);
        }
        if (setDescription) {
            b.setDescription(description);
        }
        b.setUpdatedAt(clock.instant());
        return backups.save(b);
    }

    public List<BackupEntity> list(Caller caller, boolean allTenants) {
        caller.require(Policy.BACKUP_GET, caller.projectId());
        return backups.findLiveIn(allTenants && caller.allows(Policy.VOLUME_ALL_TENANTS) ? null : caller.projectId());
    }

    /**
     * An available volume (or an in-use one with {@code force}), within the backups and backup_gigabytes quota;
     * {@code container}: the user's choice of container in the service's account (Cinder honours it too).
     */
    public BackupEntity create(Caller caller, String volumeId, String name, String description, boolean force,
                               String container) {
        caller.require(Policy.BACKUP_CREATE);
        BackupWork w = work();
        VolumeEntity v = volumes.visible(caller, volumeId);
        boolean inUse = v.getStatus() == VolumeStatus.IN_USE;
        if (v.getStatus() != VolumeStatus.AVAILABLE && !(inUse && force)) {
            throw VolumeError.INVALID_VOLUME.exception("Volume to be backed up must be available or in-use, but the"
                    + " current status is \"" + v.getStatus().wire() + "\"" + (inUse ? " (in-use needs force)" : "")
                    + ".");
        }
        String id = UUID.randomUUID().toString();
        String prefix = "volume_" + v.getId() + "/" + STAMP.format(clock.instant()) + "/az_"
                + v.getAvailabilityZone() + "_backup_" + id;
        BackupEntity b = quotas.withLock(v.getProjectId(), () -> tx.execute(st -> {
            quotas.checkBackup(v.getProjectId(), v.getSizeGb(), backups.usage(v.getProjectId()).get(0));
            if (!inUse) {
                volumeLifecycle.apply(v.getId(), VolumeTransition.BEGIN_BACKUP);
            }
            BackupEntity e = new BackupEntity(id, v.getProjectId(), caller.userId(), v.getId(), null, v.getSizeGb(),
                    container == null || container.isBlank() ? w.container() : container, prefix, clock.instant());
            e.setName(name);
            e.setDescription(description);
            return backups.save(e);
        }));
        w.create(b, v, !inUse);
        return b;
    }

    /**
     * Restores into {@code volumeId} (available, at least the backup's size) or, without one, into a new volume of
     * the backup's size; answers the target volume.
     */
    public VolumeEntity restore(Caller caller, String id, String volumeId, String name, String token) {
        BackupEntity b = visible(caller, id);
        caller.require(Policy.BACKUP_RESTORE, b.getProjectId());
        BackupWork w = work();
        if (b.getStatus() != BackupStatus.AVAILABLE) {
            throw VolumeError.INVALID_BACKUP.exception("Backup status must be available, but it is "
                    + b.getStatus().wire() + ".");
        }
        VolumeEntity target;
        if (volumeId == null) {
            target = volumes.create(caller, new VolumeCreateRequest(b.getSizeGb(), name == null
                    ? "restore_backup_" + id : name, null, null, null, null, null, null, null, null), token);
        } else {
            target = volumes.visible(caller, volumeId);
            if (target.getSizeGb() < b.getSizeGb()) {
                throw VolumeError.INVALID_INPUT.exception("volume size " + target.getSizeGb() + " is too small to"
                        + " restore backup of size " + b.getSizeGb() + ".");
            }
            if (target.getStatus() != VolumeStatus.AVAILABLE) {
                throw VolumeError.INVALID_VOLUME.exception("Volume to be restored to must be available, but it is "
                        + target.getStatus().wire() + ".");
            }
        }
        if (backups.beginRestore(id, target.getId(), clock.instant()) != 1) {
            throw VolumeError.INVALID_BACKUP.exception("Backup " + id + " is no longer available.");
        }
        w.restore(b, target.getId());
        return target;
    }

    public void delete(Caller caller, String id, boolean force) {
        BackupEntity b = visible(caller, id);
        caller.require(force ? Policy.BACKUP_FORCE_DELETE : Policy.BACKUP_DELETE, b.getProjectId());
        BackupWork w = work();
        lifecycle.apply(id, force ? BackupTransition.FORCE_DELETE : BackupTransition.BEGIN_DELETE);
        w.delete(b);
    }

    public void resetStatus(Caller caller, String id, String status) {
        BackupEntity b = visible(caller, id);
        caller.require(Policy.BACKUP_RESET_STATUS, b.getProjectId());
        BackupStatus to = BackupStatus.fromWire(status);
        if (to != BackupStatus.AVAILABLE && to != BackupStatus.ERROR) {
            throw VolumeError.INVALID_INPUT.exception("Must specify a valid status: " + status + ".");
        }
        lifecycle.reset(id, to);
    }
}
