package io.nubo.blockstorage.volume;

import java.util.Locale;

/**
 * Cinder's volume statuses, as they appear on the wire. A status is either stable, held by a client
 * (reserved, attaching, detaching: the client that took it gives it back), or held by this service's own work
 * (creating, downloading, extending, uploading, deleting): only those can be left behind by a crash, and the
 * start-up sweep in {@link VolumeLifecycle} moves each of them on.
 */
public enum VolumeStatus {
    CREATING(Holder.WORK),
    DOWNLOADING(Holder.WORK),
    AVAILABLE(Holder.NONE),
    RESERVED(Holder.CLIENT),
    ATTACHING(Holder.CLIENT),
    IN_USE(Holder.NONE),
    DETACHING(Holder.CLIENT),
    EXTENDING(Holder.WORK),
    /** microversion 3.40: the bytes are being put back to the latest snapshot's */
    REVERTING(Holder.WORK),
    UPLOADING(Holder.WORK),
    DELETING(Holder.WORK),
    /** its bytes are being copied to the object store (a backup) */
    BACKING_UP(Holder.WORK),
    /** a backup's bytes are being written over it */
    RESTORING_BACKUP(Holder.WORK),
    ERROR_RESTORING(Holder.NONE),
    ERROR(Holder.NONE),
    ERROR_DELETING(Holder.NONE),
    ERROR_EXTENDING(Holder.NONE),
    /** microversion 3.8, manageable_volumes: its backend is asked to adopt an existing storage object */
    MANAGING(Holder.WORK),
    /** the backend could not adopt it (no Nubo driver can: Cinder's "Manage existing volume not implemented.") */
    ERROR_MANAGING(Holder.NONE),
    /** offered to another project (os-volume-transfer) until the transfer is accepted or deleted */
    AWAITING_TRANSFER(Holder.CLIENT),
    /** only an administrator's os-reset_status sets it (Cinder: the volume is taken out of service) */
    MAINTENANCE(Holder.NONE),
    /** never shown: a deleted volume's row is kept (soft delete, as Cinder does) and filtered from every query */
    DELETED(Holder.NONE);

    /** Who holds a status: nobody (stable), a client (until it calls again), or a task of this service. */
    public enum Holder { NONE, CLIENT, WORK }

    private final Holder holder;

    VolumeStatus(Holder holder) {
        this.holder = holder;
    }

    public Holder holder() {
        return holder;
    }

    /** {@code in-use}, {@code awaiting-transfer}, {@code backing-up}, {@code restoring-backup} have a hyphen; every other status is its name in lower case. */
    public String wire() {
        return this == IN_USE || this == AWAITING_TRANSFER || this == BACKING_UP || this == RESTORING_BACKUP
                ? name().toLowerCase(Locale.ROOT).replace('_', '-')
                : name().toLowerCase(Locale.ROOT);
    }

    public static VolumeStatus fromWire(String s) {
        for (VolumeStatus v : values()) {
            if (v != DELETED && v.wire().equals(s)) {
                return v;
            }
        }
        return null;
    }
}
