package io.nubo.compute.agent.hypervisor;

/** The host's processors and memory ({@code virNodeGetInfo}). */
public record NodeResources(int cpus, long memoryMb, String cpuModel) {
}
