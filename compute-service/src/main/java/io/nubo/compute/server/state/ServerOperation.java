package io.nubo.compute.server.state;

import static io.nubo.compute.server.state.VmState.ACTIVE;
import static io.nubo.compute.server.state.VmState.BUILDING;
import static io.nubo.compute.server.state.VmState.ERROR;
import static io.nubo.compute.server.state.VmState.PAUSED;
import static io.nubo.compute.server.state.VmState.RESCUED;
import static io.nubo.compute.server.state.VmState.STOPPED;
import static io.nubo.compute.server.state.VmState.SUSPENDED;

import io.nubo.shared.events.compute.PowerState;
import java.util.EnumSet;
import java.util.Set;

/**
 * Every operation that sends a command to an agent, as data (Nova's {@code @check_instance_state} guards): the
 * vm_states it may start from (always with no task in flight, except delete), the task state it sets, the
 * {@link io.nubo.shared.events.compute.InstanceReport#operation()} that answers it, and where success leads.
 * A null {@code onSuccess} leaves vm_state as it was (snapshot); {@code revertOnFailure} false means a failure
 * puts the instance in ERROR (spawn), true means the task is cleared and vm_state kept. Shelve, shelveOffload and
 * unshelve are {@link #stepped()}: several agent commands, whose reports {@link ShelveStep} applies.
 */
public enum ServerOperation {
    SPAWN("create", "spawn", EnumSet.of(BUILDING), TaskState.SPAWNING, ACTIVE, PowerState.RUNNING, false),
    START("start", "start", EnumSet.of(STOPPED), TaskState.POWERING_ON, ACTIVE, PowerState.RUNNING, true),
    STOP("stop", "stop", EnumSet.of(ACTIVE, RESCUED, ERROR), TaskState.POWERING_OFF, STOPPED, PowerState.SHUTDOWN,
            true),
    REBOOT_SOFT("reboot", "reboot_soft", EnumSet.of(ACTIVE), TaskState.REBOOTING, ACTIVE, PowerState.RUNNING, true),
    REBOOT_HARD("reboot", "reboot_hard", EnumSet.of(ACTIVE, STOPPED, PAUSED, SUSPENDED, ERROR),
            TaskState.REBOOTING_HARD, ACTIVE, PowerState.RUNNING, true),
    PAUSE("pause", "pause", EnumSet.of(ACTIVE), TaskState.PAUSING, PAUSED, PowerState.PAUSED, true),
    UNPAUSE("unpause", "unpause", EnumSet.of(PAUSED), TaskState.UNPAUSING, ACTIVE, PowerState.RUNNING, true),
    SUSPEND("suspend", "suspend", EnumSet.of(ACTIVE), TaskState.SUSPENDING, SUSPENDED, PowerState.SUSPENDED, true),
    RESUME("resume", "resume", EnumSet.of(SUSPENDED), TaskState.RESUMING, ACTIVE, PowerState.RUNNING, true),
    REBUILD("rebuild", "rebuild", EnumSet.of(ACTIVE, STOPPED, ERROR), TaskState.REBUILDING, ACTIVE,
            PowerState.RUNNING, true),
    SNAPSHOT("createImage", "snapshot", EnumSet.of(ACTIVE, STOPPED, PAUSED, SUSPENDED), TaskState.IMAGE_SNAPSHOT,
            null, null, true),
    LIVE_MIGRATE("live-migration", "live_migration", EnumSet.of(ACTIVE, PAUSED), TaskState.MIGRATING, null, null,
            true),
    RESIZE("resize", "resize", EnumSet.of(ACTIVE, STOPPED), TaskState.RESIZE_PREP, VmState.RESIZED, null, true),
    MIGRATE("migrate", "migrate", EnumSet.of(ACTIVE, STOPPED), TaskState.RESIZE_PREP, VmState.RESIZED, null, true),
    CONFIRM_RESIZE("confirmResize", "confirm_resize", EnumSet.of(VmState.RESIZED), TaskState.RESIZE_CONFIRMING, null,
            null, true),
    REVERT_RESIZE("revertResize", "revert_resize", EnumSet.of(VmState.RESIZED), TaskState.RESIZE_REVERTING, null,
            null, true),
    SHELVE("shelve", "shelve", EnumSet.of(ACTIVE, STOPPED, PAUSED, SUSPENDED), TaskState.SHELVING,
            VmState.SHELVED_OFFLOADED, PowerState.NOSTATE, true),
    SHELVE_OFFLOAD("shelveOffload", "shelve_offload", EnumSet.of(VmState.SHELVED), TaskState.SHELVING_OFFLOADING,
            VmState.SHELVED_OFFLOADED, PowerState.NOSTATE, true),
    UNSHELVE("unshelve", "unshelve", EnumSet.of(VmState.SHELVED, VmState.SHELVED_OFFLOADED), TaskState.UNSHELVING,
            ACTIVE, PowerState.RUNNING, true),
    /** Nova's evacuate: rebuilt on another host; its steps are {@link EvacuateStep}'s, a failure ends in ERROR. */
    EVACUATE("evacuate", "evacuate", EnumSet.of(ACTIVE, STOPPED, ERROR), TaskState.REBUILDING, ACTIVE,
            PowerState.RUNNING, false),
    DELETE("delete", "delete", EnumSet.complementOf(EnumSet.of(VmState.DELETED)), TaskState.DELETING,
            VmState.DELETED, PowerState.NOSTATE, true);

    private final String action;
    private final String operation;
    private final Set<VmState> from;
    private final TaskState task;
    private final VmState onSuccess;
    private final PowerState powerOnSuccess;
    private final boolean revertOnFailure;

    ServerOperation(String action, String operation, Set<VmState> from, TaskState task, VmState onSuccess,
                    PowerState powerOnSuccess, boolean revertOnFailure) {
        this.action = action;
        this.operation = operation;
        this.from = from;
        this.task = task;
        this.onSuccess = onSuccess;
        this.powerOnSuccess = powerOnSuccess;
        this.revertOnFailure = revertOnFailure;
    }

    /** The os-instance-actions name ({@code create}, {@code reboot}, {@code createImage}, ...). */
    public String action() {
        return action;
    }

    /** The report's operation name. */
    public String operation() {
        return operation;
    }

    public Set<VmState> from() {
        return from;
    }

    public TaskState task() {
        return task;
    }

    public VmState onSuccess() {
        return onSuccess;
    }

    public PowerState powerOnSuccess() {
        return powerOnSuccess;
    }

    /** Where success leads from {@code from}: a rebuild keeps a stopped server stopped, as Nova's manager does. */
    public VmState onSuccess(VmState from) {
        return this == REBUILD && from == STOPPED ? STOPPED : onSuccess;
    }

    /**
     * Where success leads with the power state the agent reported: a confirmed or reverted resize ends ACTIVE when
     * the guest runs and STOPPED when it is off (it kept the power it had before the resize), as Nova's manager.
     */
    public VmState onSuccess(VmState from, PowerState reported) {
        if (this == CONFIRM_RESIZE || this == REVERT_RESIZE) {
            return reported == PowerState.SHUTDOWN || reported == PowerState.CRASHED ? STOPPED : ACTIVE;
        }
        return onSuccess(from);
    }

    /** The power state success leaves from {@code from} (null: as the agent reports). */
    public PowerState powerOnSuccess(VmState from) {
        return this == REBUILD && from == STOPPED ? PowerState.SHUTDOWN : powerOnSuccess;
    }

    public boolean revertOnFailure() {
        return revertOnFailure;
    }

    /** Delete may interrupt any task but another delete; every other operation needs no task in flight. */
    public boolean allowedFrom(VmState vm, TaskState current) {
        if (!from.contains(vm)) {
            return false;
        }
        return this == DELETE ? current != TaskState.DELETING : current == null;
    }

    /**
     * Whether the operation is a sequence of agent commands (stop, snapshot, delete; or spawn) whose reports its own
     * step table ({@link ShelveStep}) applies, rather than each report ending the operation.
     */
    public boolean stepped() {
        return this == SHELVE || this == SHELVE_OFFLOAD || this == UNSHELVE;
    }

    /** The operation a task state belongs to: its first task, or a later step of it; null for none. */
    public static ServerOperation ofTask(TaskState task) {
        for (ServerOperation o : values()) {
            if (o.task == task) {
                return o;
            }
        }
        ServerOperation shelve = ShelveStep.operationOf(task);
        return shelve != null ? shelve : EvacuateStep.operationOf(task);
    }

    public static ServerOperation ofReport(String operation) {
        for (ServerOperation o : values()) {
            if (o.operation.equals(operation)) {
                return o;
            }
        }
        return null;
    }
}
