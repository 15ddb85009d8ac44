package io.nubo.blockstorage.volume;

import io.nubo.blockstorage.error.VolumeError;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Applies {@link VolumeTransition}s as compare-and-swap updates: each is one short transaction that succeeds only
 * if the volume is still in one of the transition's source statuses. Backend work (qemu-img, librbd, tgtadm) runs
 * between two such transactions, never inside one.
 */
@Component
public class VolumeLifecycle {

    private static final Logger log = LoggerFactory.getLogger(VolumeLifecycle.class);

    private final VolumeRepository volumes;
    private final Clock clock;

    public VolumeLifecycle(VolumeRepository volumes, Clock clock) {
        this.volumes = volumes;
        this.clock = clock;
    }

    /**
     * Applies the transition or refuses as Cinder does: 400 {@code Invalid volume} naming the status the volume is
     * really in (404 if it is gone).
     */
    @Transactional
    public void apply(String volumeId, VolumeTransition t) {
        if (tryApply(volumeId, t)) {
            return;
        }
        VolumeEntity now = volumes.findLive(volumeId)
                .orElseThrow(() -> VolumeError.VOLUME_NOT_FOUND.exception(volumeId));
        throw VolumeError.INVALID_VOLUME.exception("Volume status must be " + statuses(t) + " but it is "
                + now.getStatus().wire() + ".");
    }

    /** Applies the transition if the volume is still where it started; says whether it did. Never throws for state. */
    @Transactional
    public boolean tryApply(String volumeId, VolumeTransition t) {
        Instant now = clock.instant();
        if (t.to() == VolumeStatus.DELETED) {
            return volumes.markDeleted(volumeId, now) == 1;
        }
        return volumes.swapStatus(volumeId, t.from(), t.to(), now) == 1;
    }

    /**
     * os-reset_status (admin): the status an operator says the volume is in, from whatever live status it has, as
     * Cinder's reset. Not a transition of the table: it is the escape hatch for when the table's view and the
     * backend's truth disagree. Work still running on the volume ends with its own compare-and-swap, which then
     * finds the status moved and does nothing.
     */
    @Transactional
    public boolean reset(String volumeId, VolumeStatus to) {
        return volumes.swapStatus(volumeId, java.util.EnumSet.complementOf(java.util.EnumSet.of(VolumeStatus.DELETED)),
                to, clock.instant()) == 1;
    }

    /** A failure transition that records why, shown to admins and in the log. */
    @Transactional
    public boolean fail(String volumeId, VolumeTransition t, String reason) {
        String why = reason == null ? null : reason.length() > 1000 ? reason.substring(0, 1000) : reason;
        return volumes.swapStatusFailed(volumeId, t.from(), t.to(), why, clock.instant()) == 1;
    }

    /** The transition that also sets a new size (extend): both or neither. */
    @Transactional
    public boolean resize(String volumeId, VolumeTransition t, int newSizeGb) {
        return volumes.swapStatusAndSize(volumeId, t.from(), t.to(), newSizeGb, clock.instant()) == 1;
    }

    /**
     * Work does not survive a restart of the service that ran it, so at start every volume in a status held by
     * work takes that status's failure transition: creating becomes error, deleting error_deleting, extending
     * error_extending, uploading available again. The client sees the outcome and may delete or retry. One
     * block-storage instance owns the work of its database.
     */
    @EventListener(ApplicationReadyEvent.class)
    @Order(0) // before the groups' sweeps, which settle from what this one leaves
    public void sweep() {
        for (VolumeTransition t : VolumeTransition.recoveries()) {
            List<String> stuck = volumes.idsInStatus(t.from());
            for (String id : stuck) {
                fail(id, t, "interrupted by a restart of the block storage service");
            }
            if (!stuck.isEmpty()) {
                log.warn("{} volume(s) were {} when the service stopped; now {}", stuck.size(), statuses(t),
                        t.to().wire());
            }
        }
    }

    static String statuses(VolumeTransition t) {
        return String.join(" or ", t.from().stream().map(VolumeStatus::wire).toList());
    }
}
