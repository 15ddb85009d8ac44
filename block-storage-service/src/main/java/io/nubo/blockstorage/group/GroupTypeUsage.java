package io.nubo.blockstorage.group;

/** Whether a generic volume group (3.13, in the volume feature) uses a group type: such a type is not deleted. */
public interface GroupTypeUsage {

    boolean inUse(String groupTypeId);
}
