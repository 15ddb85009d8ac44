package io.nubo.blockstorage.volume.backup;

import java.util.Locale;

/** Cinder's backup statuses; creating, restoring and deleting are held by this service's work. */
public enum BackupStatus {
    CREATING(true),
    AVAILABLE(false),
    RESTORING(true),
    DELETING(true),
    ERROR(false),
    ERROR_DELETING(false),
    /** never shown (soft delete) */
    DELETED(false);

    private final boolean heldByWork;

    BackupStatus(boolean heldByWork) {
        this.heldByWork = heldByWork;
    }

    public boolean heldByWork() {
        return heldByWork;
    }

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static BackupStatus fromWire(String s) {
        for (BackupStatus b : values()) {
            if (b != DELETED && b.wire().equals(s)) {
                return b;
            }
        }
        return null;
    }
}
