package io.nubo.computeagent.domain;

/** A device that can be hot-plugged on its own ({@code virDomainAttachDeviceFlags}). */
public sealed interface DeviceSpec permits DiskDevice, InterfaceDevice {
}
