package io.nubo.blockstorage.volume.group;

import java.util.Locale;

/** Cinder's group snapshot statuses ({@code c_fields.GroupSnapshotStatus}, less the consistency group ones). */
public enum GroupSnapshotStatus {
    CREATING,
    AVAILABLE,
    DELETING,
    ERROR,
    ERROR_DELETING;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
