package io.nubo.blockstorage.volume.snapshot;

/**
 * Told when a snapshot that is part of a group snapshot (microversion 3.14) has settled, made or failed, deleted
 * or not: the group snapshot then takes its status from its snapshots'.
 */
public interface GroupSnapshotMembers {

    void settled(String groupSnapshotId);
}
