package io.nubo.compute.server.state;

import io.nubo.shared.events.compute.InstanceReport;

/**
 * Shelve and unshelve as data: each row is one agent report that moves a {@link ServerOperation#stepped() stepped}
 * operation on, from the task state it expects to the next one (a compare-and-swap on both), and what comes next.
 * Nova's shelve with {@code shelved_offload_time = 0}: {@code shelving} (the stop is sent, the snapshot queued behind
 * it on the same host), {@code shelving_image_pending_upload} (the guest is off, the agent converts and uploads the
 * root disk), {@code shelving_offloading} (the image is uploaded, the guest and its local disk are deleted), then
 * vm_state {@code shelved_offloaded} with no host. A volume-backed server has no snapshot: its guest is deleted once
 * it is off. Nova's {@code shelving_image_uploading} is not used: the agent
 * does not report when its upload begins. Unshelve: {@code unshelving} (a host is claimed and the spawn sent), then
 * {@code active}. A failed report of any step ends the operation with the vm_state it had and a fault.
 */
public enum ShelveStep {
    POWERED_OFF(ServerOperation.SHELVE, TaskState.SHELVING, "stop", false, TaskState.SHELVING_IMAGE_PENDING_UPLOAD,
            Then.AWAIT_SNAPSHOT),
    /** Nova snapshots no volume-backed server: its guest is deleted once it is off (the root volume stays). */
    VOLUME_BACKED_POWERED_OFF(ServerOperation.SHELVE, TaskState.SHELVING, "stop", true,
            TaskState.SHELVING_OFFLOADING, Then.DELETE_GUEST),
    IMAGE_UPLOADED(ServerOperation.SHELVE, TaskState.SHELVING_IMAGE_PENDING_UPLOAD, "snapshot", false,
            TaskState.SHELVING_OFFLOADING, Then.DELETE_GUEST),
    GUEST_DELETED(ServerOperation.SHELVE, TaskState.SHELVING_OFFLOADING, "delete", null, null, Then.OFFLOADED),
    SPAWNED(ServerOperation.UNSHELVE, TaskState.UNSHELVING, "spawn", null, null, Then.UNSHELVED);

    /** What follows a step's successful report. */
    public enum Then {
        /** nothing to send: the next command is already queued on the host */
        AWAIT_SNAPSHOT,
        /** send the delete of the guest (its ports and volumes kept) */
        DELETE_GUEST,
        /** the instance is shelved_offloaded: no host, its claim given back */
        OFFLOADED,
        /** the instance is active on its new host: the shelved image and its system metadata go */
        UNSHELVED
    }

    private final ServerOperation operation;
    private final TaskState from;
    private final String report;
    private final Boolean volumeBacked;
    private final TaskState next;
    private final Then then;

    /** {@code volumeBacked}: the step is only a volume-backed server's (true), only an image-backed one's, or both's. */
    ShelveStep(ServerOperation operation, TaskState from, String report, Boolean volumeBacked, TaskState next,
               Then then) {
        this.operation = operation;
        this.from = from;
        this.report = report;
        this.volumeBacked = volumeBacked;
        this.next = next;
        this.then = then;
    }

    public ServerOperation operation() {
        return operation;
    }

    public TaskState from() {
        return from;
    }

    /** The task state after this step; null when the operation ends with it. */
    public TaskState next() {
        return next;
    }

    public Then then() {
        return then;
    }

    /** The step a report moves on from {@code task}; null when the report is none of the task's. */
    public static ShelveStep of(TaskState task, InstanceReport r, boolean volumeBacked) {
        for (ShelveStep s : values()) {
            if (s.from == task && s.report.equals(r.operation())
                    && (s.volumeBacked == null || s.volumeBacked == volumeBacked)) {
                return s;
            }
        }
        return null;
    }

    /** Whether a report of {@code operation} may be a step's (the others need no look at the instance). */
    public static boolean reports(String operation) {
        for (ShelveStep s : values()) {
            if (s.report.equals(operation)) {
                return true;
            }
        }
        return false;
    }

    /** Whether {@code task} is one of the steps' (a report for the instance is theirs to apply). */
    public static boolean owns(TaskState task) {
        return operationOf(task) != null;
    }

    static ServerOperation operationOf(TaskState task) {
        for (ShelveStep s : values()) {
            if (s.from == task) {
                return s.operation;
            }
        }
        return null;
    }
}
