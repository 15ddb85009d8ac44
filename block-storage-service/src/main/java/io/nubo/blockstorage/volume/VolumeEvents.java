package io.nubo.blockstorage.volume;

import io.nubo.blockstorage.volume.snapshot.SnapshotEntity;
import io.nubo.blockstorage.volume.snapshot.SnapshotLifecycle;
import io.nubo.blockstorage.volume.snapshot.SnapshotStatus;
import io.nubo.blockstorage.volume.snapshot.SnapshotTransition;
import io.nubo.shared.events.blockstorage.SnapshotDeleted;
import io.nubo.shared.events.blockstorage.VolumeCreated;
import io.nubo.shared.events.blockstorage.VolumeDeleted;
import io.nubo.shared.events.blockstorage.VolumeResized;
import io.nubo.shared.outbox.EventPublisher;
import java.time.Clock;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The volume transitions other services hear about, each applied together with its event in one transaction (the
 * outbox): a volume becoming available, growing, and going. Keyed by volume id.
 */
@Component
public class VolumeEvents {

    private final VolumeLifecycle lifecycle;
    private final SnapshotLifecycle snapshotLifecycle;
    private final VolumeRepository volumes;
    private final EventPublisher publisher;
    private final Clock clock;

    public VolumeEvents(VolumeLifecycle lifecycle, SnapshotLifecycle snapshotLifecycle, VolumeRepository volumes, EventPublisher publisher, Clock clock) {
        this.lifecycle = lifecycle;
        this.snapshotLifecycle = snapshotLifecycle;
        this.volumes = volumes;
        this.publisher = publisher;
        this.clock = clock;
    }

    /** {@code creating}/{@code downloading} to available, announced; false if the volume left that status. */
    @Transactional
    public boolean created(String volumeId, VolumeTransition t) {
        if (!lifecycle.tryApply(volumeId, t)) {
            return false;
        }
        VolumeEntity v = volumes.findById(volumeId).orElseThrow();
        publisher.publish(new VolumeCreated(v.getId(), v.getProjectId(), v.getUserId(), v.getSizeGb(),
                v.getVolumeTypeId(), v.getBackend(), v.getAvailabilityZone(), clock.instant()), v.getId(),
                v.getProjectId());
        return true;
    }

    /**
     * Extending to available (or, for an attached volume, in-use: {@link VolumeTransition#EXTENDED_ATTACHED}) with
     * the new size, announced: metering counts the new size, and compute resizes the disk of the server the volume
     * is attached to (Cinder's {@code volume-extended} external event to Nova).
     */
    @Transactional
    public boolean resized(String volumeId, VolumeTransition t, int oldSizeGb, int newSizeGb) {
        if (!lifecycle.resize(volumeId, t, newSizeGb)) {
            return false;
        }
        VolumeEntity v = volumes.findById(volumeId).orElseThrow();
        publisher.publish(new VolumeResized(volumeId, v.getProjectId(), oldSizeGb, newSizeGb, clock.instant()),
                volumeId, v.getProjectId());
        return true;
    }

    /** A snapshot deleted with its volume (cascade): deleting to deleted, announced as its own delete is. */
    @Transactional
    public boolean snapshotDeleted(SnapshotEntity s) {
        if (!snapshotLifecycle.tryApply(s.getId(), SnapshotTransition.DELETED)) {
            return false;
        }
        if (s.getStatus() != SnapshotStatus.ERROR) {
            publisher.publish(new SnapshotDeleted(s.getId(), s.getVolumeId(), s.getProjectId(), s.getSizeGb(),
                    clock.instant()), s.getVolumeId(), s.getProjectId());
        }
        return true;
    }

    /**
     * Deleting to deleted, announced only for a volume that had been announced as created (one that failed to be
     * made was never counted).
     */
    @Transactional
    public boolean deleted(VolumeEntity v, boolean wasAnnounced) {
        if (!lifecycle.tryApply(v.getId(), VolumeTransition.DELETED)) {
            return false;
        }
        if (wasAnnounced) {
            publisher.publish(new VolumeDeleted(v.getId(), v.getProjectId(), v.getSizeGb(), clock.instant()),
                    v.getId(), v.getProjectId());
        }
        return true;
    }
}
