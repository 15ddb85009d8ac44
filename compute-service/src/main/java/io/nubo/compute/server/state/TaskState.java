package io.nubo.compute.server.state;

import java.util.Arrays;
import java.util.Locale;

/**
 * Nova's transitional task states ({@code nova/compute/task_states.py}) that Nubo uses, with Nova's own spelling on
 * the wire: most are snake case, the power ones are {@code powering-off} and {@code powering-on}.
 */
public enum TaskState {
    SCHEDULING, SPAWNING, IMAGE_SNAPSHOT, REBOOTING, REBOOTING_HARD, PAUSING, UNPAUSING, SUSPENDING, RESUMING,
    POWERING_OFF("powering-off"), POWERING_ON("powering-on"), REBUILDING, REBUILD_SPAWNING, DELETING, MIGRATING,
    RESIZE_PREP, RESIZE_CONFIRMING, RESIZE_REVERTING, SHELVING, SHELVING_IMAGE_PENDING_UPLOAD,
    SHELVING_OFFLOADING, UNSHELVING;

    private final String wire;

    TaskState() {
        this.wire = name().toLowerCase(Locale.ROOT);
    }

    TaskState(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    /** The state of a wire (or stored) value; the enum's own name is read too (rows stored before 2026-12-01). */
    public static TaskState ofWire(String s) {
        if (s == null) {
            return null;
        }
        return Arrays.stream(values()).filter(t -> t.wire.equals(s) || t.name().equalsIgnoreCase(s)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown task state " + s));
    }
}
