package io.nubo.blockstorage.volume.group;

import io.nubo.blockstorage.volume.GroupMembers;
import io.nubo.blockstorage.volume.VolumeEntity;
import io.nubo.blockstorage.volume.VolumeRepository;
import io.nubo.blockstorage.volume.VolumeStatus;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * A group made from a source (3.14 create-from-src) is {@code creating} until its volumes are made: available once
 * all of them are, error as soon as one fails (Cinder's create_group_from_src). A compare-and-swap from creating,
 * so a group made otherwise is never touched.
 */
@Component
class GroupCreationProgress implements GroupMembers {

    static final String CREATING = "creating";
    static final String ERROR = "error";

    private final GroupRepository groups;
    private final VolumeRepository volumes;
    private final Clock clock;

    GroupCreationProgress(GroupRepository groups, VolumeRepository volumes, Clock clock) {
        this.groups = groups;
        this.volumes = volumes;
        this.clock = clock;
    }

    @Override
    public void settled(String groupId) {
        GroupEntity g = groups.findById(groupId).orElse(null);
        if (g == null || !CREATING.equals(g.getStatus()) || g.getMembersExpected() == null) {
            return;
        }
        List<VolumeEntity> members = volumes.findLiveInGroup(groupId);
        if (members.stream().anyMatch(v -> v.getStatus() == VolumeStatus.ERROR)) {
            groups.swapStatus(groupId, Set.of(CREATING), ERROR, clock.instant());
        } else if (members.size() >= g.getMembersExpected()
                && members.stream().allMatch(v -> v.getStatus() == VolumeStatus.AVAILABLE)) {
            groups.swapStatus(groupId, Set.of(CREATING), GroupService.AVAILABLE, clock.instant());
        }
    }
}
