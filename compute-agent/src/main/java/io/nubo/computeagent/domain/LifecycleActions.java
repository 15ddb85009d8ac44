package io.nubo.computeagent.domain;

/** {@code <on_poweroff>}, {@code <on_reboot>}, {@code <on_crash>}: each written from its own field. */
public record LifecycleActions(String onPoweroff, String onReboot, String onCrash) {
}
