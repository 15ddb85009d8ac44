package io.nubo.blockstorage.volume.group;

import io.nubo.blockstorage.error.VolumeError;
import io.nubo.blockstorage.group.GroupTypeService;
import io.nubo.blockstorage.request.Caller;
import io.nubo.blockstorage.request.Policy;
import io.nubo.blockstorage.volume.VolumeEntity;
import io.nubo.blockstorage.volume.VolumeRepository;
import io.nubo.blockstorage.volume.VolumeStatus;
import io.nubo.blockstorage.volume.type.VolumeTypeService;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Microversion 3.38, replication groups (Cinder's "Tiramisu"): {@code enable_replication},
 * {@code disable_replication}, {@code failover_replication} and {@code list_replication_targets} with Cinder's
 * checks, in its order: the group's type must have {@code group_replication_enabled} (or
 * {@code consistent_group_replication_enabled}) {@code <is> True} and each of its volume types
 * {@code replication_enabled} {@code <is> True}, else 400; then the group's status and replication status, then its
 * volumes' (whose replication status, null here, is never one the actions accept). No Nubo backend replicates, so a
 * request that passes every check ends as a Cinder driver's failure does: the group in {@code error}, its
 * replication status {@code error} (Cinder's base driver raises NotImplementedError, which its manager lets through
 * and leaves the group {@code enabling}; a failure's handling is used instead, so nothing stays in a transitional
 * status). {@code list_replication_targets} answers Cinder's empty list (no {@code replication_device}).
 */
@Service
public class GroupReplication {

    /** Microversion 3.38: the replication group actions and {@code replication_status} in the group views. */
    public static final String GROUP_REPLICATION = "3.38";

    static final String DISABLED = "disabled";
    static final String ENABLED = "enabled";
    static final String ERROR = "error";
    static final String FAILED_OVER = "failed-over";

    public record Targets(@com.fasterxml.jackson.annotation.JsonProperty("replication_targets")
                          List<Map<String, String>> replicationTargets) {
    }

    private final GroupService groups;
    private final GroupRepository repository;
    private final GroupTypeService groupTypes;
    private final VolumeTypeService volumeTypes;
    private final VolumeRepository volumes;
    private final Clock clock;

    public GroupReplication(GroupService groups, GroupRepository repository, GroupTypeService groupTypes,
                            VolumeTypeService volumeTypes, VolumeRepository volumes, Clock clock) {
        this.groups = groups;
        this.repository = repository;
        this.groupTypes = groupTypes;
        this.volumeTypes = volumeTypes;
        this.volumes = volumes;
        this.clock = clock;
    }

    @Transactional
    public void enable(Caller caller, String id) {
        GroupEntity g = checked(caller, id, Policy.GROUP_ENABLE_REPLICATION);
        List<String> rep = List.of(DISABLED, ENABLED);
        groupIn(g, List.of(GroupService.AVAILABLE), rep, "enable");
        volumesIn(g, rep, "enable", true);
        backendFails(g, rep);
    }

    @Transactional
    public void disable(Caller caller, String id) {
        GroupEntity g = checked(caller, id, Policy.GROUP_DISABLE_REPLICATION);
        List<String> rep = List.of(ENABLED, ERROR);
        groupIn(g, List.of(GroupService.AVAILABLE, ERROR), rep, "disable");
        volumesIn(g, rep, "disable", false);
        backendFails(g, rep);
    }

    @Transactional
    public void failover(Caller caller, String id, boolean allowAttached) {
        GroupEntity g = checked(caller, id, Policy.GROUP_FAILOVER_REPLICATION);
        List<String> rep = List.of(ENABLED, FAILED_OVER);
        groupIn(g, List.of(GroupService.AVAILABLE), rep, "failover");
        for (VolumeEntity v : volumes.findLiveInGroup(g.getId())) {
            volumeStatus(v, "failover");
            if (v.getStatus() == VolumeStatus.IN_USE && !allowAttached) {
                throw VolumeError.INVALID_VOLUME.exception("Volume " + v.getId() + " is attached but"
                        + " allow_attached_volume flag is False. Cannot failover replication.");
            }
            volumeReplication(v, rep, "failover");
        }
        backendFails(g, rep);
    }

    @Transactional(readOnly = true)
    public Targets targets(Caller caller, String id) {
        checked(caller, id, Policy.GROUP_LIST_REPLICATION);
        return new Targets(List.of());
    }

    /** The group the caller may see and act on, of a replication group type (Cinder's {@code _check_type}). */
    private GroupEntity checked(Caller caller, String id, Policy action) {
        GroupEntity g = groups.get(caller, id);
        caller.require(action, g.getProjectId());
        Map<String, String> specs = groupTypes.groupSpecsOf(g.getGroupTypeId());
        if (!isTrue(specs.get("group_replication_enabled"))
                && !isTrue(specs.get("consistent_group_replication_enabled"))) {
            throw VolumeError.INVALID_GROUP_TYPE.exception("Group " + g.getId() + " is not a replication group"
                    + " type.");
        }
        for (String typeId : g.getVolumeTypeIds()) {
            Map<String, String> extra = volumeTypes.find(typeId).map(t -> t.getExtraSpecs()).orElse(Map.of());
            if (!isTrue(extra.get("replication_enabled"))) {
                throw VolumeError.INVALID_TYPE.exception("Volume type " + typeId + " does not have"
                        + " 'replication_enabled' spec key set to '<is> True'.");
            }
        }
        return g;
    }

    private static boolean isTrue(String spec) {
        return spec != null && spec.strip().toLowerCase(Locale.ROOT).equals("<is> true");
    }

    private static void groupIn(GroupEntity g, List<String> statuses, List<String> rep, String verb) {
        if (!statuses.contains(g.getStatus())) {
            throw VolumeError.INVALID_GROUP.exception("Group " + g.getId() + " status must be " + py(statuses)
                    + ", but current status is: " + g.getStatus() + ". Cannot " + verb + " replication.");
        }
        if (!rep.contains(g.getReplicationStatus())) {
            throw VolumeError.INVALID_GROUP.exception("Group " + g.getId() + " replication status must be "
                    + py(rep) + ", but current status is: " + g.getReplicationStatus() + ". Cannot " + verb
                    + " replication.");
        }
    }

    private void volumesIn(GroupEntity g, List<String> rep, String verb, boolean checkStatus) {
        for (VolumeEntity v : volumes.findLiveInGroup(g.getId())) {
            if (checkStatus) {
                volumeStatus(v, verb);
            }
            volumeReplication(v, rep, verb);
        }
    }

    private static void volumeStatus(VolumeEntity v, String verb) {
        if (!Set.of(VolumeStatus.AVAILABLE, VolumeStatus.IN_USE).contains(v.getStatus())) {
            throw VolumeError.INVALID_VOLUME.exception("Volume " + v.getId() + " status must be ['available',"
                    + " 'in-use'], but current status is: " + v.getStatus().wire() + ". Cannot " + verb
                    + " replication.");
        }
    }

    /** A volume's replication status here is always null (Python's None): no volume is replicated. */
    private static void volumeReplication(VolumeEntity v, List<String> rep, String verb) {
        throw VolumeError.INVALID_VOLUME.exception("Volume " + v.getId() + " replication status must be " + py(rep)
                + ", but current status is: None. Cannot " + verb + " replication.");
    }

    /** What Cinder's manager does when the driver fails the group's replication: error, and error. */
    private void backendFails(GroupEntity g, List<String> from) {
        repository.swapReplicationStatus(g.getId(), from, ERROR, ERROR, clock.instant());
    }

    private static String py(List<String> values) {
        return "[" + String.join(", ", values.stream().map(v -> "'" + v + "'").toList()) + "]";
    }
}
