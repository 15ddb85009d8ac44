package io.nubo.shared.events;

import io.nubo.shared.events.compute.FlavorSpec;
import java.time.Instant;

/**
 * An instance's lifecycle as users and usage metering follow it, on {@link Topics#COMPUTE}, keyed by instance id:
 * {@link InstanceCreated} (it runs for the first time), {@link InstanceStarted}, {@link InstanceStopped},
 * {@link InstanceDeleted}. Each carries the flavor and host it runs with and when the change happened, so that a
 * consumer can charge vCPU/RAM/disk hours from the events alone.
 */
public sealed interface InstanceLifecycle extends NuboEvent
        permits InstanceCreated, InstanceStarted, InstanceStopped, InstanceDeleted {

    String instanceId();

    String projectId();

    String userId();

    String host();

    FlavorSpec flavor();

    /** When the change happened (for created: launched_at; for deleted: terminated_at). */
    Instant at();
}
