package io.nubo.blockstorage.volume.group;

import io.nubo.blockstorage.config.BlockStorageProperties;
import io.nubo.blockstorage.error.VolumeError;
import io.nubo.blockstorage.group.GroupTypeService;
import io.nubo.blockstorage.request.Caller;
import io.nubo.blockstorage.request.Policy;
import io.nubo.blockstorage.volume.VolumeEntity;
import io.nubo.blockstorage.volume.VolumeRepository;
import io.nubo.blockstorage.volume.VolumeService;
import io.nubo.blockstorage.volume.VolumeStatus;
import io.nubo.blockstorage.volume.VolumeTransition;
import io.nubo.blockstorage.volume.snapshot.SnapshotRepository;
import io.nubo.blockstorage.volume.type.VolumeTypeService;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Generic volume groups (microversion 3.13), as Cinder's {@code group.api}: a group is a record (no backend here
 * has group support, so Cinder's generic default keeps groups in the database only), {@code available} as soon as
 * it is made; volumes join and leave it by update, a volume in a group is deleted only with the group.
 */
@Service
public class GroupService {

    static final String AVAILABLE = "available";
    private static final Set<String> DELETABLE = Set.of(AVAILABLE, GroupCreationProgress.ERROR);
    private static final Set<VolumeStatus> ADDABLE = EnumSet.of(VolumeStatus.AVAILABLE, VolumeStatus.IN_USE);
    private static final Set<VolumeStatus> REMOVABLE = EnumSet.of(VolumeStatus.AVAILABLE, VolumeStatus.IN_USE,
            VolumeStatus.ERROR, VolumeStatus.ERROR_DELETING);

    private final GroupRepository groups;
    private final GroupTypeService groupTypes;
    private final VolumeTypeService volumeTypes;
    private final VolumeRepository volumes;
    private final VolumeService volumeService;
    private final SnapshotRepository snapshots;
    private final GroupSnapshotRepository groupSnapshots;
    private final Clock clock;
    private final String zone;

    public GroupService(GroupRepository groups, GroupTypeService groupTypes, VolumeTypeService volumeTypes,
                        VolumeRepository volumes, VolumeService volumeService, SnapshotRepository snapshots,
                        GroupSnapshotRepository groupSnapshots, Clock clock, BlockStorageProperties properties) {
        this.groups = groups;
        this.groupTypes = groupTypes;
        this.volumeTypes = volumeTypes;
        this.volumes = volumes;
        this.volumeService = volumeService;
        this.snapshots = snapshots;
        this.groupSnapshots = groupSnapshots;
        this.clock = clock;
        this.zone = properties.availabilityZone();
    }

    /** The caller's project's groups; an administrator's {@code all_tenants} lists every one. */
    @Transactional(readOnly = true)
    public List<GroupEntity> list(Caller caller, boolean allTenants) {
        caller.require(Policy.GROUP_GET_ALL);
        return allTenants && caller.admin() ? groups.findAllByOrderByCreatedAt()
                : groups.findByProjectIdOrderByCreatedAt(caller.projectId());
    }

    /** A group the caller may see: 404 for another project's (Cinder does not reveal it). */
    @Transactional(readOnly = true)
    public GroupEntity get(Caller caller, String id) {
        GroupEntity g = groups.findById(id).filter(x -> caller.admin() || caller.owns(x.getProjectId()))
                .orElseThrow(() -> VolumeError.GROUP_NOT_FOUND.exception(id));
        caller.require(Policy.GROUP_GET, g.getProjectId());
        return g;
    }

    /**
     * Microversion 3.20, Cinder's group reset_status (administrators): the status as given whatever it was (its
     * volumes are left as they are). Cinder's {@code group_status} format checks the name against its group
     * snapshot statuses (so {@code in-use} is refused) while its message lists the group statuses; both as Cinder.
     */
    public void resetStatus(Caller caller, String id, String status) {
        GroupEntity g = get(caller, id);
        caller.require(Policy.GROUP_RESET_STATUS, g.getProjectId());
        if (status.strip().isEmpty()) {
            throw VolumeError.BAD_REQUEST.exception("Invalid Group Status: The 'status' can not be empty.");
        }
        String to = status.toLowerCase(java.util.Locale.ROOT);
        if (!GROUP_SNAPSHOT_STATUSES.contains(to)) {
            throw VolumeError.BAD_REQUEST.exception("Invalid Group Status: Group status: " + status + " is invalid,"
                    + " valid status are: ('error', 'available', 'creating', 'deleting', 'deleted', 'updating',"
                    + " 'in-use', 'error_deleting').");
        }
        groups.swapStatus(id, ALL_STATUSES, to, clock.instant());
    }

    private static final List<String> GROUP_SNAPSHOT_STATUSES = List.of("error", "available", "creating", "deleting",
            "deleted", "updating", "error_deleting");
    private static final List<String> ALL_STATUSES = List.of("error", "available", "creating", "deleting", "deleted",
            "updating", "in-use", "error_deleting");

    @Transactional(readOnly = true)
    public List<String> volumeIds(GroupEntity g) {
        return volumes.findLiveInGroup(g.getId()).stream().map(VolumeEntity::getId).toList();
    }

    @Transactional
    public GroupEntity create(Caller caller, String name, String description, String groupType,
                              List<String> volumeTypeNames, String availabilityZone) {
        caller.require(Policy.GROUP_CREATE);
        Set<String> typeIds = new LinkedHashSet<>();
        for (String t : volumeTypeNames) {
            typeIds.add(volumeTypes.get(t, caller).getId());
        }
        String typeId = groupTypes.idOf(caller, groupType);
        if (availabilityZone != null && !availabilityZone.equals(zone)) {
            throw VolumeError.INVALID_INPUT.exception("Availability zone '" + availabilityZone + "' is invalid.");
        }
        return groups.save(new GroupEntity(UUID.randomUUID().toString(), caller.projectId(), caller.userId(), name,
                description, AVAILABLE, zone, typeId, typeIds, clock.instant()));
    }

    /** Name, description, and the comma-separated {@code add_volumes} and {@code remove_volumes}, as Cinder. */
    @Transactional
    public void update(Caller caller, String id, String name, String description, String add, String remove) {
        GroupEntity g = get(caller, id);
        caller.require(Policy.GROUP_UPDATE, g.getProjectId());
        List<String> adding = ids(add);
        List<String> removing = ids(remove);
        List<String> both = adding.stream().filter(removing::contains).toList();
        if (!both.isEmpty()) {
            throw VolumeError.INVALID_VOLUME.exception("UUIDs " + pythonList(both)
                    + " are in both add and remove volume list.");
        }
        List<VolumeEntity> members = volumes.findLiveInGroup(g.getId());
        List<VolumeEntity> toAdd = validateAdd(caller, g, members, adding);
        List<VolumeEntity> toRemove = validateRemove(g, members, removing);
        String newName = name != null && !name.equals(g.getName()) ? name : null;
        String newDescription = description != null && !description.equals(g.getDescription()) ? description : null;
        if (newName == null && newDescription == null && toAdd.isEmpty() && toRemove.isEmpty()) {
            throw VolumeError.INVALID_GROUP.exception("Cannot update group " + g.getId() + " because no valid name,"
                    + " description, add_volumes, or remove_volumes were provided.");
        }
        if ((!toAdd.isEmpty() || !toRemove.isEmpty()) && !AVAILABLE.equals(g.getStatus())) {
            throw VolumeError.INVALID_GROUP.exception("Group status must be available.");
        }
        if (newName != null) {
            g.setName(newName);
        }
        if (newDescription != null) {
            g.setDescription(newDescription);
        }
        g.setUpdatedAt(clock.instant());
        toAdd.forEach(v -> v.setGroupId(g.getId()));
        toRemove.forEach(v -> v.setGroupId(null));
        volumes.saveAll(toAdd);
        volumes.saveAll(toRemove);
        groups.save(g);
    }

    private List<VolumeEntity> validateAdd(Caller caller, GroupEntity g, List<VolumeEntity> members,
                                           List<String> adding) {
        List<VolumeEntity> result = new ArrayList<>();
        for (String vid : adding) {
            if (members.stream().anyMatch(m -> m.getId().equals(vid))) {
                continue;
            }
            String prefix = "Cannot add volume " + vid + " to group " + g.getId();
            VolumeEntity v = volumes.findLive(vid).filter(x -> caller.admin() || caller.owns(x.getProjectId()))
                    .orElseThrow(() -> VolumeError.INVALID_VOLUME.exception(prefix + " because volume cannot be"
                            + " found."));
            if (v.getGroupId() != null) {
                throw VolumeError.INVALID_VOLUME.exception(prefix + " because it is already in group "
                        + v.getGroupId() + ".");
            }
            if (!v.getProjectId().equals(g.getProjectId())) {
                throw VolumeError.INVALID_VOLUME.exception(prefix + " as they belong to different projects.");
            }
            if (!g.getVolumeTypeIds().contains(v.getVolumeTypeId())) {
                throw VolumeError.INVALID_VOLUME.exception(prefix + " because volume type " + v.getVolumeTypeId()
                        + " is not supported by the group.");
            }
            if (!ADDABLE.contains(v.getStatus())) {
                throw VolumeError.INVALID_VOLUME.exception(prefix + " because volume is in an invalid state: "
                        + v.getStatus().wire() + ". Valid states are: ('available', 'in-use').");
            }
            result.add(v);
        }
        return result;
    }

    private static List<VolumeEntity> validateRemove(GroupEntity g, List<VolumeEntity> members,
                                                     List<String> removing) {
        List<VolumeEntity> result = new ArrayList<>();
        for (String vid : removing) {
            VolumeEntity v = members.stream().filter(m -> m.getId().equals(vid)).findFirst()
                    .orElseThrow(() -> VolumeError.INVALID_VOLUME.exception("Cannot remove volume " + vid
                            + " from group " + g.getId() + " because it is not in the group."));
            if (!REMOVABLE.contains(v.getStatus())) {
                throw VolumeError.INVALID_VOLUME.exception("Cannot remove volume " + vid + " from group "
                        + g.getId() + " because volume is in an invalid state: " + v.getStatus().wire()
                        + ". Valid states are: ('available', 'in-use', 'error', 'error_deleting').");
            }
            result.add(v);
        }
        return result;
    }

    /**
     * Cinder's delete_group: an empty group, or with {@code delete-volumes} its volumes too (none attached). Not one
     * transaction: each volume's delete commits its {@code deleting} before its backend work starts, as a volume
     * delete does.
     */
    public void delete(Caller caller, String id, boolean deleteVolumes) {
        GroupEntity g = get(caller, id);
        caller.require(Policy.GROUP_DELETE, g.getProjectId());
        if (!deleteVolumes && !DELETABLE.contains(g.getStatus())) {
            throw VolumeError.INVALID_GROUP.exception("Group status must be available or error, but current status"
                    + " is: " + g.getStatus());
        }
        if (groupSnapshots.existsByGroupId(g.getId())) {
            throw VolumeError.INVALID_GROUP.exception("Group has existing snapshots.");
        }
        List<VolumeEntity> members = volumes.findLiveInGroup(g.getId());
        if (!members.isEmpty() && !deleteVolumes) {
            throw VolumeError.INVALID_GROUP.exception("Group " + g.getId() + " still contains volumes. The"
                    + " delete-volumes flag is required to delete it.");
        }
        for (VolumeEntity v : members) {
            if (v.getStatus() == VolumeStatus.IN_USE || v.getStatus().holder() == VolumeStatus.Holder.CLIENT) {
                throw VolumeError.INVALID_GROUP.exception("Volume in group " + g.getId() + " is attached. Need to"
                        + " detach first.");
            }
            if (!snapshots.findLiveOf(v.getId()).isEmpty()) {
                throw VolumeError.INVALID_GROUP.exception("Volume in group still has dependent snapshots.");
            }
            if (!VolumeTransition.BEGIN_DELETE.from().contains(v.getStatus())) {
                // checked for all before any is deleted, so a refusal leaves the group and its volumes as they were
                throw VolumeError.INVALID_GROUP.exception(cannotDelete(g));
            }
        }
        if (groups.existsBySourceGroupIdAndStatus(g.getId(), GroupCreationProgress.CREATING)) {
            throw VolumeError.INVALID_GROUP.exception(cannotDelete(g));
        }
        for (VolumeEntity v : members) {
            volumeService.deleteOfGroup(caller, v.getId());
        }
        groups.delete(g);
    }

    private static String cannotDelete(GroupEntity g) {
        return "Cannot delete group " + g.getId() + ". Group must not have attached volumes, volumes with snapshots,"
                + " or dependent group snapshots, and it cannot be the source for an ongoing group or group snapshot"
                + " creation.";
    }

    /** Whether a group is being made from the group snapshot (which is then not deleted). */
    @Transactional(readOnly = true)
    public boolean creatingFrom(String groupSnapshotId) {
        return groups.existsByGroupSnapshotIdAndStatus(groupSnapshotId, GroupCreationProgress.CREATING);
    }

    private static List<String> ids(String commaSeparated) {
        if (commaSeparated == null || commaSeparated.isBlank()) {
            return List.of();
        }
        return Arrays.stream(commaSeparated.replaceAll("^,+|,+$", "").split(",")).toList();
    }

    private static String pythonList(List<String> items) {
        return items.stream().map(i -> "'" + i + "'").toList().toString();
    }
}
