package io.nubo.shared.events.compute;

/**
 * The power state the hypervisor reports, with Nova's numeric codes (what {@code OS-EXT-STS:power_state} shows).
 */
public enum PowerState {
    NOSTATE(0), RUNNING(1), PAUSED(3), SHUTDOWN(4), CRASHED(6), SUSPENDED(7);

    private final int code;

    PowerState(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }
}
