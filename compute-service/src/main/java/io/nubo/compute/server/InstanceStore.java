package io.nubo.compute.server;

import io.nubo.compute.server.state.ServerOperation;
import io.nubo.compute.server.state.TaskState;
import io.nubo.compute.server.state.VmState;
import io.nubo.shared.events.compute.FlavorSpec;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The instances table and what hangs off it (metadata, faults). Every state change is a compare-and-swap
 * {@code UPDATE ... WHERE} on the state it expects, so two requests (or a request and a late report) can never both
 * win; plain JDBC keeps those statements exactly as written.
 */
@Repository
public class InstanceStore {

    /** The system metadata key of a shelved instance's image (Nova's). */
    public static final String SHELVED_IMAGE_ID = "shelved_image_id";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String COLUMNS = "id, project_id, user_id, display_name, hostname, reservation_id,"
            + " launch_index, flavor_id, flavor_name, vcpus, memory_mb, root_gb, ephemeral_gb, swap_mb,"
            + " flavor_extra_specs, image_id, key_name, key_data, user_data, config_drive, availability_zone,"
            + " requested_zone, host, claimed, vm_state, task_state, power_state, task_action_id, task_started_at,"
            + " locked, locked_by, access_ipv4, access_ipv6, progress, created_at, updated_at, launched_at,"
            + " terminated_at, deleted, deleted_at, description, kernel_id, ramdisk_id, disk_config";

    private final JdbcTemplate jdbc;

    InstanceStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    private static Instant t(ResultSet rs, String c) throws SQLException {
        Timestamp ts = rs.getTimestamp(c);
        return ts == null ? null : ts.toInstant();
    }

    static Timestamp ts(Instant i) {
        return i == null ? null : Timestamp.from(i);
    }

    private static Instance map(ResultSet rs, int i) throws SQLException {
        String specs = rs.getString("flavor_extra_specs");
        Map<String, String> extra = specs == null ? Map.of()
                : JSON.readValue(specs, new TypeReference<Map<String, String>>() { });
        FlavorSpec flavor = new FlavorSpec(rs.getString("flavor_id"), rs.getString("flavor_name"),
                rs.getInt("vcpus"), rs.getInt("memory_mb"), rs.getInt("root_gb"), rs.getInt("ephemeral_gb"),
                rs.getInt("swap_mb"), extra);
        return new Instance(rs.getString("id"), rs.getString("project_id"), rs.getString("user_id"),
                rs.getString("display_name"), rs.getString("hostname"), rs.getString("reservation_id"),
                rs.getInt("launch_index"), flavor, rs.getString("image_id"), rs.getString("key_name"),
                rs.getString("key_data"), rs.getString("user_data"), rs.getBoolean("config_drive"),
                rs.getString("availability_zone"), rs.getString("requested_zone"), rs.getString("host"),
                rs.getBoolean("claimed"), VmState.ofWire(rs.getString("vm_state")),
                TaskState.ofWire(rs.getString("task_state")), rs.getInt("power_state"),
                rs.getString("task_action_id"), t(rs, "task_started_at"), rs.getBoolean("locked"),
                rs.getString("locked_by"), rs.getString("access_ipv4"), rs.getString("access_ipv6"),
                rs.getInt("progress"), t(rs, "created_at"), t(rs, "updated_at"), t(rs, "launched_at"),
                t(rs, "terminated_at"), rs.getBoolean("deleted"), t(rs, "deleted_at"), rs.getString("description"),
                rs.getString("kernel_id"), rs.getString("ramdisk_id"), rs.getString("disk_config"));
    }

    public void insert(Instance n) {
        jdbc.update("INSERT INTO instances (" + COLUMNS + ") VALUES (" + "?, ".repeat(43) + "?)",
                n.id(), n.projectId(), n.userId(), n.displayName(), n.hostname(), n.reservationId(), n.launchIndex(),
                n.flavor().id(), n.flavor().name(), n.flavor().vcpus(), n.flavor().ramMb(), n.flavor().diskGb(),
                n.flavor().ephemeralGb(), n.flavor().swapMb(), JSON.writeValueAsString(n.flavorExtraSpecs()),
                n.imageId(), n.keyName(), n.keyData(), n.userData(), n.configDrive(), n.availabilityZone(),
                n.requestedZone(), n.host(), n.claimed(), n.vmState().wire(),
                n.taskState() == null ? null : n.taskState().wire(), n.powerState(), n.taskActionId(),
                ts(n.taskStartedAt()), n.locked(), n.lockedBy(), n.accessIpv4(), n.accessIpv6(), n.progress(),
                ts(n.createdAt()), ts(n.updatedAt()), ts(n.launchedAt()), ts(n.terminatedAt()), n.deleted(),
                ts(n.deletedAt()), n.description(), n.kernelId(), n.ramdiskId(), n.diskConfig());
    }

    public Optional<Instance> find(String id) {
        return jdbc.query("SELECT " + COLUMNS + " FROM instances WHERE id = ?", InstanceStore::map, id).stream()
                .findFirst();
    }

    /** Filters as SQL fragments with their arguments; order and paging happen in the caller. */
    public List<Instance> list(List<String> where, List<Object> args) {
        String sql = "SELECT " + COLUMNS + " FROM instances" + (where.isEmpty() ? "" : " WHERE "
                + String.join(" AND ", where));
        return jdbc.query(sql, InstanceStore::map, args.toArray());
    }

    /** Starts {@code op}: sets its task state if the instance is still in a state that allows it. */
    public int beginTask(String id, ServerOperation op, String actionId, Instant now) {
        String vmIn = op.from().stream().map(v -> "'" + v.wire() + "'").collect(Collectors.joining(", "));
        String taskGuard = op == ServerOperation.DELETE ? "(task_state IS NULL OR task_state <> 'deleting')"
                : "task_state IS NULL";
        return jdbc.update("UPDATE instances SET task_state = ?, task_action_id = ?, task_started_at = ?,"
                        + " updated_at = ? WHERE id = ? AND deleted = FALSE AND " + taskGuard + " AND vm_state IN ("
                        + vmIn + ")",
                op.task().wire(), actionId, ts(now), ts(now), id);
    }

    /** The answer to the task {@code actionId} arrived: end the task in {@code vm} (null keeps vm_state). */
    public int finishTask(String id, String actionId, VmState vm, Integer power, boolean launched, Instant now) {
        return jdbc.update("UPDATE instances SET task_state = NULL, task_action_id = NULL, task_started_at = NULL,"
                        + " vm_state = COALESCE(?, vm_state), power_state = COALESCE(?, power_state),"
                        + " launched_at = CASE WHEN ? THEN ? ELSE launched_at END, updated_at = ?"
                        + " WHERE id = ? AND task_action_id = ? AND deleted = FALSE",
                vm == null ? null : vm.wire(), power, launched, ts(now), ts(now), id, actionId);
    }

    /** Moves a stepped task (shelve, unshelve) on, if it is still {@code actionId} at {@code from}. */
    public int advanceTask(String id, String actionId, TaskState from, TaskState to, Instant now) {
        return jdbc.update("UPDATE instances SET task_state = ?, updated_at = ? WHERE id = ? AND task_action_id = ?"
                + " AND task_state = ? AND deleted = FALSE", to.wire(), ts(now), id, actionId, from.wire());
    }

    /** The shelve {@code actionId} deleted the guest: shelved_offloaded, no host, powered off, no task. */
    public int offload(String id, String actionId, Instant now) {
        return jdbc.update("UPDATE instances SET vm_state = ?, task_state = NULL, task_action_id = NULL,"
                        + " task_started_at = NULL, power_state = 0, host = NULL, updated_at = ? WHERE id = ?"
                        + " AND task_action_id = ? AND deleted = FALSE", VmState.SHELVED_OFFLOADED.wire(), ts(now), id,
                actionId);
    }

    /** An unshelve that did not reach its host: the instance has no host again (its claim is given back apart). */
    public int unplace(String id, Instant now) {
        return jdbc.update("UPDATE instances SET host = NULL, updated_at = ? WHERE id = ? AND deleted = FALSE",
                ts(now), id);
    }

    /** Nova's system_metadata of the instance (compute's own keys, never the user's). */
    public Map<String, String> systemMetadata(String id) {
        return read("instance_system_metadata", id);
    }

    public void putSystemMetadata(String id, Map<String, String> items) {
        put("instance_system_metadata", id, items);
    }

    public void deleteSystemMetadata(String id, java.util.Collection<String> keys) {
        for (String k : keys) {
            jdbc.update("DELETE FROM instance_system_metadata WHERE instance_id = ? AND meta_key = ?", id, k);
        }
    }

    /** Ends an instance (delete answered, or nothing to ask an agent): soft-deleted as Nova keeps them. */
    public int markDeleted(String id, Instant now) {
        return jdbc.update("UPDATE instances SET deleted = TRUE, deleted_at = ?, terminated_at = ?, vm_state = ?,"
                        + " task_state = NULL, task_action_id = NULL, power_state = 0, updated_at = ?"
                        + " WHERE id = ? AND deleted = FALSE",
                ts(now), ts(now), VmState.DELETED.wire(), ts(now), id);
    }

    /** Places the instance on a host (claimed) or puts it in ERROR when there is none. */
    public int placed(String id, String host, String zone, Instant now) {
        return jdbc.update("UPDATE instances SET host = ?, claimed = TRUE, availability_zone = ?, updated_at = ?"
                + " WHERE id = ? AND deleted = FALSE", host, zone, ts(now), id);
    }

    /** A live migration ended on {@code to}: the instance's host (and zone) follow the guest, if still on {@code from}. */
    public int moveHost(String id, String from, String to, String zone, Instant now) {
        return jdbc.update("UPDATE instances SET host = ?, availability_zone = ?, updated_at = ? WHERE id = ?"
                + " AND host = ? AND deleted = FALSE", to, zone, ts(now), id, from);
    }

    /** A resize's (or its revert's) flavor, while the task {@code actionId} is still the instance's. */
    public int setFlavor(String id, String actionId, FlavorSpec f, Instant now) {
        return jdbc.update("UPDATE instances SET flavor_id = ?, flavor_name = ?, vcpus = ?, memory_mb = ?, root_gb = ?,"
                        + " ephemeral_gb = ?, swap_mb = ?, flavor_extra_specs = ?, updated_at = ? WHERE id = ?"
                        + " AND task_action_id = ? AND deleted = FALSE", f.id(), f.name(), f.vcpus(), f.ramMb(),
                f.diskGb(), f.ephemeralGb(), f.swapMb(), JSON.writeValueAsString(f.extraSpecs() == null ? Map.of()
                        : f.extraSpecs()), ts(now), id, actionId);
    }

    /** Gives the claim back once; true for the one caller that did. */
    public boolean releaseClaim(String id) {
        return jdbc.update("UPDATE instances SET claimed = FALSE WHERE id = ? AND claimed = TRUE", id) == 1;
    }

    public int observedPower(String id, int power, VmState fromVm, VmState toVm, Instant now) {
        if (fromVm == null) {
            return jdbc.update("UPDATE instances SET power_state = ?, updated_at = ? WHERE id = ? AND deleted = FALSE",
                    power, ts(now), id);
        }
        return jdbc.update("UPDATE instances SET power_state = ?, vm_state = ?, updated_at = ? WHERE id = ?"
                + " AND deleted = FALSE AND task_state IS NULL AND vm_state = ?", power, toVm.wire(), ts(now), id,
                fromVm.wire());
    }

    /** os-resetState: the vm_state an administrator says, no task (an answer to the old task is then ignored). */
    public int resetState(String id, VmState vm, Instant now) {
        return jdbc.update("UPDATE instances SET vm_state = ?, task_state = NULL, task_action_id = NULL,"
                + " task_started_at = NULL, updated_at = ? WHERE id = ? AND deleted = FALSE", vm.wire(), ts(now), id);
    }

    public int setLocked(String id, boolean locked, String by, Instant now) {
        return jdbc.update("UPDATE instances SET locked = ?, locked_by = ?, updated_at = ? WHERE id = ?"
                + " AND deleted = FALSE", locked, locked ? by : null, ts(now), id);
    }

    public int rename(String id, String name, String hostname, String ipv4, String ipv6, Instant now) {
        return jdbc.update("UPDATE instances SET display_name = COALESCE(?, display_name),"
                        + " hostname = COALESCE(?, hostname), access_ipv4 = COALESCE(?, access_ipv4),"
                        + " access_ipv6 = COALESCE(?, access_ipv6), updated_at = ? WHERE id = ? AND deleted = FALSE",
                name, hostname, ipv4, ipv6, ts(now), id);
    }

    /** A rebuild's new image (and the kernel and ramdisk it names), and its new name when one is given. */
    public int rebuilt(String id, String imageId, String kernelId, String ramdiskId, String name, Instant now) {
        return jdbc.update("UPDATE instances SET image_id = ?, kernel_id = ?, ramdisk_id = ?,"
                + " display_name = COALESCE(?, display_name), updated_at = ? WHERE id = ?", imageId, kernelId,
                ramdiskId, name, ts(now), id);
    }

    /** Sets {@code OS-DCF:diskConfig} (AUTO or MANUAL) as a rebuild or an update asks. */
    public int setDiskConfig(String id, String diskConfig, Instant now) {
        return jdbc.update("UPDATE instances SET disk_config = ?, updated_at = ? WHERE id = ? AND deleted = FALSE",
                diskConfig, ts(now), id);
    }

    /** Sets (null clears) the server's description (2.19). */
    public int describe(String id, String description, Instant now) {
        return jdbc.update("UPDATE instances SET description = ?, updated_at = ? WHERE id = ? AND deleted = FALSE",
                description, ts(now), id);
    }

    /** Tasks whose command has waited longer than the timeout (lost by an agent or across a restart). */
    public List<Instance> stuckSince(Instant cutoff) {
        return jdbc.query("SELECT " + COLUMNS + " FROM instances WHERE deleted = FALSE AND task_state IS NOT NULL"
                + " AND task_started_at < ?", InstanceStore::map, ts(cutoff));
    }

    public int failTask(String id, String actionId, VmState vm, Instant now) {
        return jdbc.update("UPDATE instances SET task_state = NULL, task_action_id = NULL, task_started_at = NULL,"
                        + " vm_state = COALESCE(?, vm_state), updated_at = ? WHERE id = ? AND task_action_id = ?",
                vm == null ? null : vm.wire(), ts(now), id, actionId);
    }

    public int[] usage(String projectId) {
        return jdbc.queryForObject("SELECT COUNT(*), COALESCE(SUM(vcpus), 0), COALESCE(SUM(memory_mb), 0)"
                        + " FROM instances WHERE project_id = ? AND deleted = FALSE",
                (rs, i) -> new int[] {rs.getInt(1), rs.getInt(2), rs.getInt(3)}, projectId);
    }

    public Map<String, String> metadata(String id) {
        return read("instance_metadata", id);
    }

    private Map<String, String> read(String table, String id) {
        Map<String, String> m = new LinkedHashMap<>();
        jdbc.query("SELECT meta_key, meta_value FROM " + table + " WHERE instance_id = ? ORDER BY meta_key",
                rs -> {
                    m.put(rs.getString(1), rs.getString(2));
                }, id);
        return m;
    }

    public void putMetadata(String id, Map<String, String> items) {
        put("instance_metadata", id, items);
    }

    private void put(String table, String id, Map<String, String> items) {
        items.forEach((k, v) -> {
            if (jdbc.update("UPDATE " + table + " SET meta_value = ? WHERE instance_id = ? AND meta_key = ?", v, id,
                    k) == 0) {
                jdbc.update("INSERT INTO " + table + " (instance_id, meta_key, meta_value) VALUES (?, ?, ?)", id, k,
                        v);
            }
        });
    }

    public void replaceMetadata(String id, Map<String, String> items) {
        jdbc.update("DELETE FROM instance_metadata WHERE instance_id = ?", id);
        putMetadata(id, items);
    }

    public int deleteMetadata(String id, String key) {
        return jdbc.update("DELETE FROM instance_metadata WHERE instance_id = ? AND meta_key = ?", id, key);
    }

    /** A fault as Nova records it: code, message, and operator detail. */
    public record Fault(int code, String message, String details, Instant created) {
    }

    public void addFault(String id, int code, String message, String details, Instant now) {
        jdbc.update("INSERT INTO instance_faults (instance_id, code, message, details, created_at)"
                        + " VALUES (?, ?, ?, ?, ?)", id, code,
                message.length() > 1024 ? message.substring(0, 1024) : message, details, ts(now));
    }

    public Optional<Fault> latestFault(String id) {
        return jdbc.query("SELECT code, message, details, created_at FROM instance_faults WHERE instance_id = ?"
                        + " ORDER BY id DESC LIMIT 1",
                (rs, i) -> new Fault(rs.getInt(1), rs.getString(2), rs.getString(3), t(rs, "created_at")), id)
                .stream().findFirst();
    }

    public List<Instance> forHost(String host) {
        return new ArrayList<>(jdbc.query("SELECT " + COLUMNS + " FROM instances WHERE host = ? AND deleted = FALSE",
                InstanceStore::map, host));
    }
}
