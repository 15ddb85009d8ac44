package io.nubo.blockstorage.volume.snapshot;

import java.util.Locale;

/**
 * Cinder's snapshot statuses; {@code creating}, {@code deleting} and {@code restoring} are held by this service's
 * work.
 */
public enum SnapshotStatus {
    CREATING(true),
    AVAILABLE(false),
    DELETING(true),
    ERROR(false),
    ERROR_DELETING(false),
    /** microversion 3.40: its volume is being reverted to it */
    RESTORING(true),
    /** never shown (soft delete) */
    DELETED(false);

    private final boolean heldByWork;

    SnapshotStatus(boolean heldByWork) {
        this.heldByWork = heldByWork;
    }

    public boolean heldByWork() {
        return heldByWork;
    }

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static SnapshotStatus fromWire(String s) {
        for (SnapshotStatus v : values()) {
            if (v != DELETED && v.wire().equals(s)) {
                return v;
            }
        }
        return null;
    }
}
