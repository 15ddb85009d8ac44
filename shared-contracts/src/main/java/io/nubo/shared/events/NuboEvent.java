package io.nubo.shared.events;

/**
 * An event record that crosses a service boundary. Every implementation is a record annotated with
 * {@link EventContract}, and lives in shared-contracts so producer and consumers read one definition.
 */
public interface NuboEvent {
}
