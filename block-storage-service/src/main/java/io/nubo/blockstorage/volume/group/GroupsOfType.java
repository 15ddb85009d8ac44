package io.nubo.blockstorage.volume.group;

import io.nubo.blockstorage.group.GroupTypeUsage;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Tells the group types whether a generic group uses one (such a type is not deleted). */
@Component
class GroupsOfType implements GroupTypeUsage {

    private final GroupRepository groups;

    GroupsOfType(GroupRepository groups) {
        this.groups = groups;
    }

    @Override
    @Transactional(readOnly = true)
    public boolean inUse(String groupTypeId) {
        return groups.existsByGroupTypeId(groupTypeId);
    }
}
