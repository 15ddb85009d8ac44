package io.nubo.blockstorage.volume.group;

import java.util.Locale;

/** Cinder's group snapshot statuses ({@code c_fields.GroupSnapshotStatus}, less the consistency group ones). */
public enum GroupSnapshotStatus {
    CREATING,
    AVAILABLE,
    DELETING,
    ERROR,
    ERROR_DELETING,
    /** only by an administrator's reset_status (3.19), as Cinder's enum allows */
    DELETED,
    /** only by an administrator's reset_status (3.19), as Cinder's enum allows */
    UPDATING;

    /** Cinder's {@code GroupSnapshotStatus.ALL} as Python prints the tuple, for reset_status's 400. */
    static final String ALL_WIRE = "('error', 'available', 'creating', 'deleting', 'deleted', 'updating',"
            + " 'error_deleting')";

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
