package io.nubo.compute.server;

import io.nubo.compute.wire.Caller;
import io.nubo.shared.events.compute.SpawnInstance;
import java.util.List;

/**
 * What server create needs of block storage to boot from volumes, served by the volume feature (which uses the
 * server feature, hence this interface): Nova's checks of the block device mappings before anything is made, and,
 * once the instance is committed, making and attaching its volumes before the spawn command goes to the host.
 */
public interface BootVolumes {

    /** Nova's 400s for mappings that cannot be served (unknown or unavailable volume, snapshot or image, sizes). */
    void check(Caller caller, List<BlockDeviceRequest> mappings);

    /**
     * After the creating transaction commits: creates the volumes the mappings ask for (with the caller's token),
     * attaches them to the instance in block storage, then sends {@code spawn} with them as its block devices. A
     * failure puts the instance in ERROR with a fault that says why.
     */
    void prepareAndSpawn(Caller caller, Instance instance, SpawnInstance spawn, List<BlockDeviceRequest> mappings);
}
