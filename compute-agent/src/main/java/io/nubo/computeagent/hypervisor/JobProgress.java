package io.nubo.computeagent.hypervisor;

/** A running job's figures as libvirt reports them (bytes; elapsed time in milliseconds). */
public record JobProgress(long dataTotal, long dataProcessed, long dataRemaining, long elapsedMs) {
}
