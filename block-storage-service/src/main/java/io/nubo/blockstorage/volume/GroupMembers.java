package io.nubo.blockstorage.volume;

/**
 * Told when a volume of a generic group has been made or has failed (microversion 3.14: a group made from a group
 * snapshot or another group is available once all its volumes are).
 */
public interface GroupMembers {

    void settled(String groupId);
}
