package io.nubo.computeagent.hypervisor;

/**
 * A hypervisor call failed. The message says what was being done and libvirt's own words, fit for an instance
 * fault; {@link #unreachable()} is true when libvirtd itself did not answer (not running, connection lost).
 */
public class HypervisorException extends RuntimeException {

    private final boolean unreachable;

    public HypervisorException(String message, Throwable cause, boolean unreachable) {
        super(message, cause);
        this.unreachable = unreachable;
    }

    public HypervisorException(String message) {
        this(message, null, false);
    }

    public boolean unreachable() {
        return unreachable;
    }
}
