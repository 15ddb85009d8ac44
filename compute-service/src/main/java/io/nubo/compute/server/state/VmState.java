package io.nubo.compute.server.state;

import java.util.Locale;

/** Nova's stable instance states ({@code nova/compute/vm_states.py}); the wire form is the lower-case name. */
public enum VmState {
    ACTIVE, BUILDING, PAUSED, SUSPENDED, STOPPED, RESCUED, RESIZED, SOFT_DELETED, DELETED, ERROR, SHELVED,
    SHELVED_OFFLOADED;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static VmState ofWire(String s) {
        return valueOf(s.toUpperCase(Locale.ROOT));
    }
}
