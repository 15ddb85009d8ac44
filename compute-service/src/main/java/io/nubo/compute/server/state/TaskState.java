package io.nubo.compute.server.state;

import java.util.Locale;

/** Nova's transitional task states ({@code nova/compute/task_states.py}) that Nubo uses. */
public enum TaskState {
    SCHEDULING, SPAWNING, IMAGE_SNAPSHOT, REBOOTING, REBOOTING_HARD, PAUSING, UNPAUSING, SUSPENDING, RESUMING,
    POWERING_OFF, POWERING_ON, REBUILDING, DELETING;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static TaskState ofWire(String s) {
        return s == null ? null : valueOf(s.toUpperCase(Locale.ROOT));
    }
}
