package io.nubo.compute.server.state;

import io.nubo.shared.events.compute.InstanceReport;

/**
 * Evacuate as data (Nova's {@code rebuild_instance} with {@code evacuate=True}): the API sets {@code rebuilding},
 * schedules and claims the destination, binds the ports and connects the volumes there and moves the task to
 * {@code rebuild_spawning} (a compare-and-swap on the task and its action id) as it sends the spawn. The spawn's
 * report ends the evacuation ACTIVE; a server that was STOPPED is then powered off ({@code powering-off}, Nova's
 * {@code _do_rebuild_instance} stops it again), and the stop's report, which the server lifecycle applies as any
 * stop's, ends it STOPPED. A failed spawn puts the server in ERROR on its new host, as Nova does.
 */
public enum EvacuateStep {
    SPAWNED(TaskState.REBUILD_SPAWNING, "spawn", false, null, Then.ACTIVE),
    SPAWNED_STOPPED(TaskState.REBUILD_SPAWNING, "spawn", true, TaskState.POWERING_OFF, Then.POWER_OFF);

    /** What follows a step's successful report. */
    public enum Then {
        /** the evacuation is over: ACTIVE on the new host */
        ACTIVE,
        /** send the stop; its report ends the evacuation STOPPED */
        POWER_OFF
    }

    private final TaskState from;
    private final String report;
    private final boolean wasStopped;
    private final TaskState next;
    private final Then then;

    EvacuateStep(TaskState from, String report, boolean wasStopped, TaskState next, Then then) {
        this.from = from;
        this.report = report;
        this.wasStopped = wasStopped;
        this.next = next;
        this.then = then;
    }

    public TaskState from() {
        return from;
    }

    /** The task state after this step; null when the evacuation ends with it. */
    public TaskState next() {
        return next;
    }

    public Then then() {
        return then;
    }

    /** The step {@code r} moves on from {@code task} for a server in {@code vm}; null when it is none of them. */
    public static EvacuateStep of(TaskState task, VmState vm, InstanceReport r) {
        for (EvacuateStep s : values()) {
            if (s.from == task && s.report.equals(r.operation()) && s.wasStopped == (vm == VmState.STOPPED)) {
                return s;
            }
        }
        return null;
    }

    /** Whether {@code task} is one of the steps' (their reports are the evacuation's to apply). */
    public static boolean owns(TaskState task) {
        return task == TaskState.REBUILD_SPAWNING;
    }

    static ServerOperation operationOf(TaskState task) {
        return owns(task) ? ServerOperation.EVACUATE : null;
    }
}
