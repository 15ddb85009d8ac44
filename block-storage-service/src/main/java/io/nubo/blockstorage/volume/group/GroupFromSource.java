package io.nubo.blockstorage.volume.group;

import io.nubo.blockstorage.config.BlockStorageProperties;
import io.nubo.blockstorage.error.VolumeError;
import io.nubo.blockstorage.request.Caller;
import io.nubo.blockstorage.request.Policy;
import io.nubo.blockstorage.volume.VolumeCreateRequest;
import io.nubo.blockstorage.volume.VolumeEntity;
import io.nubo.blockstorage.volume.VolumeRepository;
import io.nubo.blockstorage.volume.VolumeService;
import io.nubo.blockstorage.volume.VolumeStatus;
import io.nubo.blockstorage.volume.snapshot.SnapshotEntity;
import io.nubo.blockstorage.volume.snapshot.SnapshotStatus;
import java.time.Clock;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Service;

/**
 * Microversion 3.14, {@code POST /groups/action} {@code create-from-src}, as Cinder's create_from_src: a group of the
 * source's group type and volume types, {@code creating}, with one volume made from each snapshot of the group
 * snapshot (or cloned from each volume of the source group), each as {@code POST /volumes} makes one; available
 * once they all are ({@link GroupCreationProgress}).
 */
@Service
public class GroupFromSource {

    private final GroupRepository groups;
    private final GroupService groupService;
    private final GroupSnapshotService groupSnapshots;
    private final VolumeRepository volumes;
    private final VolumeService volumeService;
    private final Clock clock;
    private final String zone;

    public GroupFromSource(GroupRepository groups, GroupService groupService, GroupSnapshotService groupSnapshots,
                           VolumeRepository volumes, VolumeService volumeService, Clock clock,
                           BlockStorageProperties properties) {
        this.groups = groups;
        this.groupService = groupService;
        this.groupSnapshots = groupSnapshots;
        this.volumes = volumes;
        this.volumeService = volumeService;
        this.clock = clock;
        this.zone = properties.availabilityZone();
    }

    /** One volume to make: from a snapshot, or a clone of a volume. */
    private record Source(String snapshotId, String volumeId) {
    }

    public GroupEntity create(Caller caller, String name, String description, String groupSnapshotId,
                              String sourceGroupId) {
        caller.require(Policy.GROUP_CREATE);
        GroupEntity from;
        List<Source> sources;
        if (groupSnapshotId != null) {
            GroupSnapshotEntity gs = groupSnapshots.get(caller, groupSnapshotId);
            from = groupService.get(caller, gs.getGroupId());
            List<SnapshotEntity> snaps = groupSnapshots.snapshotsOf(gs);
            if (snaps.isEmpty()) {
                throw VolumeError.INVALID_GROUP.exception("Group snapshot is empty. No group will be created.");
            }
            for (SnapshotEntity s : snaps) {
                if (s.getStatus() != SnapshotStatus.AVAILABLE) {
                    throw VolumeError.INVALID_SNAPSHOT.exception("Originating snapshot status must be 'available' to"
                            + " create a volume, not " + s.getStatus().wire() + ".");
                }
            }
            sources = snaps.stream().map(s -> new Source(s.getId(), null)).toList();
        } else {
            from = groupService.get(caller, sourceGroupId);
            List<VolumeEntity> members = volumes.findLiveInGroup(from.getId());
            if (members.isEmpty()) {
                throw VolumeError.INVALID_GROUP.exception("Source Group is empty. No group will be created.");
            }
            for (VolumeEntity v : members) {
                if (!EnumSet.of(VolumeStatus.AVAILABLE, VolumeStatus.IN_USE).contains(v.getStatus())) {
                    throw VolumeError.INVALID_GROUP.exception("Unable to clone volumes that are in "
                            + v.getStatus().wire() + " status.");
                }
            }
            sources = members.stream().map(v -> new Source(null, v.getId())).toList();
        }
        GroupEntity g = new GroupEntity(UUID.randomUUID().toString(), caller.projectId(), caller.userId(), name,
                description, GroupCreationProgress.CREATING, zone, from.getGroupTypeId(), from.getVolumeTypeIds(),
                clock.instant());
        g.madeFrom(groupSnapshotId, groupSnapshotId == null ? sourceGroupId : null, sources.size());
        GroupEntity made = groups.save(g);
        try {
            for (Source s : sources) {
                volumeService.create(caller, new VolumeCreateRequest(null, null, null, null, null, s.snapshotId(),
                        s.volumeId(), null, null, made.getId()), null);
            }
        } catch (RuntimeException e) {
            // refused part way (a quota): Cinder removes what it made; here the group goes to error with the volumes
            // made so far, and is deleted with them (delete-volumes) once they are made
            groups.swapStatus(made.getId(), Set.of(GroupCreationProgress.CREATING),
                    GroupCreationProgress.ERROR, clock.instant());
            throw e;
        }
        return made;
    }
}
