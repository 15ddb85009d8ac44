package io.nubo.computeagent.hypervisor;

import io.nubo.shared.events.compute.PowerState;

/** A guest changed power state by itself or by someone's hand (libvirt's lifecycle events). */
public record LifecycleEvent(String guestName, PowerState powerState, String detail) {
}
