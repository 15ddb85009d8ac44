package io.nubo.computeagent.hypervisor;

/** The host's processors and memory ({@code virNodeGetInfo}). */
public record NodeResources(int cpus, long memoryMb, String cpuModel) {
}
