package io.nubo.blockstorage.volume.backup;

import io.nubo.blockstorage.error.VolumeError;
import io.nubo.blockstorage.volume.VolumeLifecycle;
import io.nubo.blockstorage.volume.VolumeTransition;
import java.time.Clock;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Applies {@link BackupTransition}s as compare-and-swap updates and, at start, moves every backup whose work a
 * restart interrupted on (creating: error, restoring: available, deleting: error_deleting); the volumes' side
 * (backing-up, restoring-backup) is swept by {@link VolumeLifecycle}.
 */
@Component
public class BackupLifecycle {

    private static final Logger log = LoggerFactory.getLogger(BackupLifecycle.class);

    private final BackupRepository backups;
    private final Clock clock;

    public BackupLifecycle(BackupRepository backups, Clock clock) {
        this.backups = backups;
        this.clock = clock;
    }

    public void apply(String id, BackupTransition t) {
        if (tryApply(id, t)) {
            return;
        }
        BackupEntity now = backups.findLive(id).orElseThrow(() -> VolumeError.BACKUP_NOT_FOUND.exception(id));
        throw VolumeError.INVALID_BACKUP.exception("Backup status must be " + String.join(" or ",
                t.from().stream().map(BackupStatus::wire).toList()) + " but it is " + now.getStatus().wire() + ".");
    }

    public boolean tryApply(String id, BackupTransition t) {
        if (t.to() == BackupStatus.DELETED) {
            return backups.markDeleted(id, clock.instant()) == 1;
        }
        return backups.swapStatus(id, t.from(), t.to(), null, clock.instant()) == 1;
    }

    public boolean fail(String id, BackupTransition t, String reason) {
        String why = reason == null ? null : reason.length() > 1000 ? reason.substring(0, 1000) : reason;
        return backups.swapStatus(id, t.from(), t.to(), why, clock.instant()) == 1;
    }

    /** os-reset_status (admin): available or error, from any live status (Cinder's backup reset). */
    public boolean reset(String id, BackupStatus to) {
        return backups.swapStatus(id, java.util.EnumSet.complementOf(java.util.EnumSet.of(BackupStatus.DELETED)), to,
                null, clock.instant()) == 1;
    }

    @EventListener(ApplicationReadyEvent.class)
    public void sweep() {
        for (BackupTransition t : BackupTransition.recoveries()) {
            List<String> stuck = backups.idsInStatus(t.from());
            stuck.forEach(id -> fail(id, t, "interrupted by a restart of the block storage service"));
            if (!stuck.isEmpty()) {
                log.warn("{} backup(s) were interrupted by a restart; now {}", stuck.size(), t.to().wire());
            }
        }
    }
}
