package io.nubo.compute.server;

import io.nubo.compute.wire.Caller;
import io.nubo.shared.events.compute.PrepareLiveMigration;
import java.util.List;

/**
 * What the server feature needs of the volumes attached to a server, served by the volume feature (which itself
 * uses the server feature, hence this interface rather than a call): the ids for
 * {@code os-extended-volumes:volumes_attached}, letting the volumes go when the server is deleted, and how another
 * host reaches them (a live migration's destination; the migration feature asks through this interface too).
 */
public interface ServerVolumes {

    /** The ids of the volumes attached (or being attached) to the instance, in the order they were attached. */
    List<String> attachedVolumeIds(String instanceId);

    /**
     * The instance is being deleted (in the transaction that begins {@code deleteActionId}): once its host has
     * deleted the guest, end its volumes' connections, detach them in block storage and delete those marked
     * delete_on_termination, with the caller's token (Nova's compute manager does the same after it destroys
     * the guest).
     */
    void releaseForDelete(Caller caller, Instance instance, String deleteActionId);

    /**
     * How {@code host} reaches each volume attached to the instance (block storage's {@code os-initialize_connection}
     * with that host's connector), as a live migration's destination connects them before the guest arrives.
     */
    List<PrepareLiveMigration.MigratingVolume> connectionsFor(Caller caller, Instance instance, String host);

    /**
     * The volumes attached to the instance as the block devices of a spawn on {@code host} (each connected for that
     * host's connector, with its device, boot index and delete_on_termination): what an unshelve boots with.
     */
    List<io.nubo.shared.events.compute.BlockDeviceSpec> blockDevicesFor(Caller caller, Instance instance, String host);
}
