package io.nubo.computeagent.domain;

/** {@code <features>}: ACPI and APIC (without ACPI a guest neither sees hot-plugged disks nor a power button). */
public record Features(boolean acpi, boolean apic) {
}
