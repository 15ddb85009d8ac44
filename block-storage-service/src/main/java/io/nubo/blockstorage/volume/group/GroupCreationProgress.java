package io.nubo.blockstorage.volume.group;

import io.nubo.blockstorage.volume.GroupMembers;
import io.nubo.blockstorage.volume.VolumeEntity;
import io.nubo.blockstorage.volume.VolumeRepository;
import io.nubo.blockstorage.volume.VolumeStatus;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
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
        settle(groupId, false);
    }

    /**
     * After a restart (once the volumes' own sweep has failed theirs), a group still creating settles; one whose
     * volumes were not all recorded goes to error (it is deleted with what it holds).
     */
    @EventListener(ApplicationReadyEvent.class)
    @Order(Ordered.LOWEST_PRECEDENCE)
    public void sweep() {
        groups.findByStatus(CREATING).forEach(g -> settle(g.getId(), true));
    }

    private void settle(String groupId, boolean restarted) {
        GroupEntity g = groups.findById(groupId).orElse(null);
        if (g == null || !CREATING.equals(g.getStatus()) || g.getMembersExpected() == null) {
            return;
        }
        List<VolumeEntity> members = volumes.findLiveInGroup(groupId);
        boolean missing = members.size() < g.getMembersExpected();
        if (members.stream().anyMatch(v -> v.getStatus() == VolumeStatus.ERROR) || (restarted && missing)) {
            groups.swapStatus(groupId, Set.of(CREATING), ERROR, clock.instant());
        } else if (!missing && members.stream().allMatch(v -> v.getStatus() == VolumeStatus.AVAILABLE)) {
            groups.swapStatus(groupId, Set.of(CREATING), GroupService.AVAILABLE, clock.instant());
        }
    }
}
