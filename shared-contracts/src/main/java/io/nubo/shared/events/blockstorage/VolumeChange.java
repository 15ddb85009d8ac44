package io.nubo.shared.events.blockstorage;

import io.nubo.shared.events.NuboEvent;

/**
 * What block storage announces on {@link io.nubo.shared.events.Topics#BLOCK_STORAGE}, keyed by volume id: volumes
 * and snapshots appearing, growing and going (metering bills GB-hours from them), and attachments made and ended.
 */
public sealed interface VolumeChange extends NuboEvent
        permits VolumeCreated, VolumeDeleted, VolumeResized, VolumeAttached, VolumeDetached, SnapshotCreated,
        SnapshotDeleted {
}
