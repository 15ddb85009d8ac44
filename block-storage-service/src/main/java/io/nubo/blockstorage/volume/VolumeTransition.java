package io.nubo.blockstorage.volume;

import static io.nubo.blockstorage.volume.VolumeStatus.ATTACHING;
import static io.nubo.blockstorage.volume.VolumeStatus.AVAILABLE;
import static io.nubo.blockstorage.volume.VolumeStatus.CREATING;
import static io.nubo.blockstorage.volume.VolumeStatus.DELETING;
import static io.nubo.blockstorage.volume.VolumeStatus.DETACHING;
import static io.nubo.blockstorage.volume.VolumeStatus.DOWNLOADING;
import static io.nubo.blockstorage.volume.VolumeStatus.ERROR;
import static io.nubo.blockstorage.volume.VolumeStatus.ERROR_DELETING;
import static io.nubo.blockstorage.volume.VolumeStatus.ERROR_EXTENDING;
import static io.nubo.blockstorage.volume.VolumeStatus.EXTENDING;
import static io.nubo.blockstorage.volume.VolumeStatus.IN_USE;
import static io.nubo.blockstorage.volume.VolumeStatus.RESERVED;
import static io.nubo.blockstorage.volume.VolumeStatus.UPLOADING;

import java.util.EnumSet;
import java.util.Set;

/**
 * The volume state machine as data: each transition names the statuses it may start from and the one it ends in.
 * {@link VolumeLifecycle} applies them as compare-and-swap updates, so two requests never both win (two deletes,
 * an attach racing a delete). Every status held by this service's work has a failure transition out of it
 * ({@link #recoveries()}), which the start-up sweep applies, so no volume stays {@code creating} forever.
 */
public enum VolumeTransition {
    CREATED(EnumSet.of(CREATING), AVAILABLE),
    /** a volume from an image: the bytes are being fetched from the image service */
    BEGIN_DOWNLOAD(EnumSet.of(CREATING), DOWNLOADING),
    DOWNLOADED(EnumSet.of(DOWNLOADING), AVAILABLE),
    CREATE_FAILED(EnumSet.of(CREATING, DOWNLOADING), ERROR),
    /** Cinder deletes available volumes and volumes in any error status; in-use, attaching etc. are refused */
    BEGIN_DELETE(EnumSet.of(AVAILABLE, ERROR, ERROR_DELETING, ERROR_EXTENDING, VolumeStatus.ERROR_RESTORING,
            VolumeStatus.ERROR_MANAGING),
            DELETING),
    /**
     * os-force_delete (admin): from any status but deleting, also one held by a client or by work; Cinder's
     * {@code delete(force=True)}. Attachments and snapshots still refuse it (checked before).
     */
    FORCE_DELETE(EnumSet.complementOf(EnumSet.of(DELETING, VolumeStatus.DELETED)), DELETING),
    DELETED(EnumSet.of(DELETING), VolumeStatus.DELETED),
    DELETE_FAILED(EnumSet.of(DELETING), ERROR_DELETING),
    /** microversion 3.0: only a detached volume may grow (in-use extend is 3.42) */
    BEGIN_EXTEND(EnumSet.of(AVAILABLE), EXTENDING),
    EXTENDED(EnumSet.of(EXTENDING), AVAILABLE),
    /** microversion 3.42: an attached volume grows too; it stays attached meanwhile (no detach from extending) */
    BEGIN_EXTEND_ATTACHED(EnumSet.of(IN_USE), EXTENDING),
    /** the backend grew the attached volume: in-use again at the new size, and compute is told (VolumeResized) */
    EXTENDED_ATTACHED(EnumSet.of(EXTENDING), IN_USE),
    /** the backend failed, attached or not: error_extending, as Cinder's volume manager */
    EXTEND_FAILED(EnumSet.of(EXTENDING), ERROR_EXTENDING),
    /** microversion 3.8: the backend refused to adopt the storage object a manage request named */
    MANAGE_FAILED(EnumSet.of(VolumeStatus.MANAGING), VolumeStatus.ERROR_MANAGING),
    /** os-reserve (also after an attachment's reserve of the v3 attachments API, 3.27: reserved). */
    BEGIN_ATTACH(EnumSet.of(AVAILABLE, RESERVED), ATTACHING),
    /** microversion 3.27, attachment create: the volume held for the attachment (Cinder's _attachment_reserve) */
    RESERVE(EnumSet.of(AVAILABLE), RESERVED),
    /** 3.27, attachment create or update with a connector: connected, attaching until completed (3.44) */
    CONNECT(EnumSet.of(RESERVED, ATTACHING), ATTACHING),
    /** 3.27, attachment delete: the last attachment gone, the volume is available again (Cinder's finish_detach) */
    ATTACHMENT_DELETED(EnumSet.of(RESERVED, ATTACHING, IN_USE, DETACHING), AVAILABLE),
    /** 3.27, attachment delete with attachments left: in-use, as Cinder's volume_detached */
    ATTACHMENT_DELETED_OTHERS_LEFT(EnumSet.of(RESERVED, ATTACHING, IN_USE, DETACHING), IN_USE),
    /** os-unreserve, or an attachment deleted before it completed */
    UNRESERVE(EnumSet.of(RESERVED, ATTACHING), AVAILABLE),
    /** os-attach, or an attachment completed */
    ATTACHED(EnumSet.of(AVAILABLE, RESERVED, ATTACHING), IN_USE),
    BEGIN_DETACH(EnumSet.of(IN_USE), DETACHING),
    ROLL_DETACH(EnumSet.of(DETACHING), IN_USE),
    /** os-detach, or the last attachment deleted */
    DETACHED(EnumSet.of(IN_USE, DETACHING), AVAILABLE),
    /** os-volume-transfer create: only an available volume is offered */
    OFFER_TRANSFER(EnumSet.of(AVAILABLE), VolumeStatus.AWAITING_TRANSFER),
    /** the transfer deleted (cancelled); an accepted one moves the volume with its new owner in one update */
    CANCEL_TRANSFER(EnumSet.of(VolumeStatus.AWAITING_TRANSFER), AVAILABLE),
    /** a backup of an available volume starts (an in-use one, with force, stays in-use: Cinder's crash copy) */
    BEGIN_BACKUP(EnumSet.of(AVAILABLE), VolumeStatus.BACKING_UP),
    /** the backup's copy ended, whether it succeeded or not: the volume itself is unchanged */
    BACKUP_ENDED(EnumSet.of(VolumeStatus.BACKING_UP), AVAILABLE),
    BEGIN_RESTORE(EnumSet.of(AVAILABLE), VolumeStatus.RESTORING_BACKUP),
    RESTORED(EnumSet.of(VolumeStatus.RESTORING_BACKUP), AVAILABLE),
    /** a restore that failed half-way leaves bytes of neither: error_restoring, as Cinder */
    RESTORE_FAILED(EnumSet.of(VolumeStatus.RESTORING_BACKUP), VolumeStatus.ERROR_RESTORING),
    /** os-force_detach (admin): the last attachment ended by force, from any status but deleting */
    FORCE_DETACHED(EnumSet.complementOf(EnumSet.of(DELETING, VolumeStatus.DELETED)), AVAILABLE),
    /** os-volume_upload_image: the volume's bytes are being copied into a new image */
    BEGIN_UPLOAD(EnumSet.of(AVAILABLE), UPLOADING),
    /** the upload ended, whether it succeeded or not: Cinder puts the volume back either way */
    UPLOAD_ENDED(EnumSet.of(UPLOADING), AVAILABLE),
    /** microversion 3.40, os-revert: only an available volume goes back to its latest snapshot */
    BEGIN_REVERT(EnumSet.of(AVAILABLE), VolumeStatus.REVERTING),
    REVERTED(EnumSet.of(VolumeStatus.REVERTING), AVAILABLE),
    /** a revert that failed: error, as Cinder's manager leaves it */
    REVERT_FAILED(EnumSet.of(VolumeStatus.REVERTING), ERROR);

    private final Set<VolumeStatus> from;
    private final VolumeStatus to;

    VolumeTransition(Set<VolumeStatus> from, VolumeStatus to) {
        this.from = from;
        this.to = to;
    }

    public Set<VolumeStatus> from() {
        return from;
    }

    public VolumeStatus to() {
        return to;
    }

    public boolean allowedFrom(VolumeStatus status) {
        return from.contains(status);
    }

    /** What the start-up sweep applies: the way out of every status held by work that a restart interrupted. */
    public static Set<VolumeTransition> recoveries() {
        return EnumSet.of(CREATE_FAILED, DELETE_FAILED, EXTEND_FAILED, UPLOAD_ENDED, BACKUP_ENDED, RESTORE_FAILED,
                MANAGE_FAILED, REVERT_FAILED);
    }
}
