package io.nubo.shared.events.compute;

import io.nubo.shared.events.NuboEvent;

/**
 * A command from the compute API to the agent on one host. {@code actionId} is the instance action's request id
 * ({@code os-instance-actions}), echoed in the {@link InstanceReport} that answers it.
 */
public sealed interface ComputeCommand extends NuboEvent
        permits SpawnInstance, PowerAction, RebuildInstance, SnapshotInstance, DeleteInstance,
                ConsoleOutputRequested, AttachVolume, DetachVolume, AttachInterface, DetachInterface,
                LiveMigrateInstance, ResizeInstance, ConfirmResize, RevertResize, PrepareLiveMigration,
                RollbackLiveMigrationAtDestination, ForceCompleteLiveMigration, AbortLiveMigration,
                DestroyEvacuatedGuest, MigrateInstance, FinishMigration, ConfirmMigration, RevertMigration,
                FinishRevertMigration, ExtendVolume {

    String instanceId();

    String host();

    String actionId();
}
