package io.nubo.compute.server.state;

import static io.nubo.compute.server.state.TaskState.REBOOTING;
import static io.nubo.compute.server.state.TaskState.REBOOTING_HARD;
import static io.nubo.compute.server.state.TaskState.REBUILDING;

import java.util.EnumMap;
import java.util.Map;

/**
 * The API's {@code status}, derived from vm_state and task_state by Nova's one table
 * ({@code nova/api/openstack/common.py} {@code _STATE_MAP}); never stored.
 */
public final class ServerStatus {

    private record Row(String otherwise, Map<TaskState, String> byTask) {
    }

    private static final Map<VmState, Row> TABLE = new EnumMap<>(VmState.class);

    static {
        TABLE.put(VmState.ACTIVE, new Row("ACTIVE", Map.of(REBOOTING, "REBOOT", REBOOTING_HARD, "HARD_REBOOT",
                REBUILDING, "REBUILD", TaskState.MIGRATING, "MIGRATING", TaskState.RESIZE_PREP, "RESIZE")));
        TABLE.put(VmState.BUILDING, new Row("BUILD", Map.of()));
        TABLE.put(VmState.STOPPED, new Row("SHUTOFF", Map.of(REBUILDING, "REBUILD", REBOOTING_HARD, "HARD_REBOOT",
                TaskState.RESIZE_PREP, "RESIZE")));
        TABLE.put(VmState.RESIZED, new Row("VERIFY_RESIZE", Map.of(TaskState.RESIZE_REVERTING, "REVERT_RESIZE")));
        TABLE.put(VmState.PAUSED, new Row("PAUSED", Map.of(REBOOTING_HARD, "HARD_REBOOT")));
        TABLE.put(VmState.SUSPENDED, new Row("SUSPENDED", Map.of(REBOOTING_HARD, "HARD_REBOOT")));
        TABLE.put(VmState.RESCUED, new Row("RESCUE", Map.of()));
        TABLE.put(VmState.ERROR, new Row("ERROR", Map.of(REBUILDING, "REBUILD", REBOOTING_HARD, "HARD_REBOOT")));
        TABLE.put(VmState.DELETED, new Row("DELETED", Map.of()));
        TABLE.put(VmState.SOFT_DELETED, new Row("SOFT_DELETED", Map.of()));
        TABLE.put(VmState.SHELVED, new Row("SHELVED", Map.of()));
        TABLE.put(VmState.SHELVED_OFFLOADED, new Row("SHELVED_OFFLOADED", Map.of()));
    }

    private ServerStatus() {
    }

    public static String of(VmState vm, TaskState task) {
        Row row = TABLE.get(vm);
        return task == null ? row.otherwise() : row.byTask().getOrDefault(task, row.otherwise());
    }

    /** The vm_states a {@code status} list filter means (the table read backwards; UNKNOWN for none). */
    public static java.util.Set<VmState> vmStatesFor(String status) {
        java.util.Set<VmState> out = java.util.EnumSet.noneOf(VmState.class);
        TABLE.forEach((vm, row) -> {
            if (row.otherwise().equalsIgnoreCase(status) || row.byTask().containsValue(status.toUpperCase())) {
                out.add(vm);
            }
        });
        return out;
    }

    /** Statuses whose server view carries {@code progress}. */
    public static boolean showsProgress(String status) {
        return switch (status) {
            case "ACTIVE", "BUILD", "REBUILD", "RESIZE", "VERIFY_RESIZE", "MIGRATING" -> true;
            default -> false;
        };
    }
}
