package io.nubo.compute.server;

import io.nubo.compute.config.ComputeProperties;
import io.nubo.compute.host.HostStore;
import io.nubo.compute.instanceaction.InstanceActions;
import io.nubo.compute.network.NetworkPorts;
import io.nubo.compute.server.state.ServerOperation;
import io.nubo.compute.server.state.EvacuateStep;
import io.nubo.compute.server.state.ShelveStep;
import io.nubo.compute.server.state.TaskState;
import io.nubo.compute.servergroup.ServerGroupService;
import io.nubo.compute.server.state.VmState;
import io.nubo.compute.wire.Caller;
import io.nubo.compute.error.ComputeError;
import io.nubo.shared.events.compute.InstanceReport;
import io.nubo.shared.events.compute.PowerState;
import io.nubo.shared.web.RequestIds;
import java.time.Clock;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Applies {@link ServerOperation}s to instances: a compare-and-swap that sets the task state (409 for the loser),
 * the instance action that records it, and later the agent's report that ends it: success leads where the
 * operation says, failure reverts the task (or puts a failed spawn in ERROR) and records a fault. Tasks that never
 * get an answer are failed by a sweep at start and every minute, so nothing stays in a transitional state.
 */
@Service
public class ServerLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ServerLifecycle.class);

    private final InstanceStore instances;
    private final InstanceActions actions;
    private final HostStore hosts;
    private final LifecycleEvents events;
    private final ServerGroupService groups;
    private final ComputeProperties props;
    private final Clock clock;
    private final NetworkPorts network;

    ServerLifecycle(InstanceStore instances, InstanceActions actions, HostStore hosts, LifecycleEvents events,
                    ServerGroupService groups, ComputeProperties props, Clock clock, NetworkPorts network) {
        this.network = network;
        this.groups = groups;
        this.instances = instances;
        this.actions = actions;
        this.hosts = hosts;
        this.events = events;
        this.props = props;
        this.clock = clock;
    }

    /** Starts {@code op} on the instance or throws Nova's 409; returns the request id that is the action id. */
    @Transactional(propagation = Propagation.MANDATORY)
    public String begin(Instance i, ServerOperation op, Caller caller) {
        if (i.locked() && !caller.admin() && op != ServerOperation.DELETE) {
            throw ComputeError.LOCKED.exception(i.id());
        }
        if (i.locked() && op == ServerOperation.DELETE && !caller.admin()) {
            throw ComputeError.LOCKED.exception(i.id());
        }
        String actionId = RequestIds.current() != null ? RequestIds.current() : RequestIds.generate();
        Instant now = clock.instant();
        if (instances.beginTask(i.id(), op, actionId, now) != 1) {
            Instance current = instances.find(i.id()).orElseThrow(() -> ComputeError.SERVER_NOT_FOUND
                    .exception(i.id()));
            throw conflict(current, op);
        }
        actions.start(i.id(), actionId, op.action(), caller.projectId(), caller.userId(),
                "compute_" + op.operation() + "_instance", i.host(), null, now);
        return actionId;
    }

    /** Nova's 409 for an operation the instance's state does not allow, naming the state in the way. */
    static RuntimeException conflict(Instance current, ServerOperation op) {
        String attr = current.taskState() != null ? "task_state" : "vm_state";
        String state = current.taskState() != null ? current.taskState().wire() : current.vmState().wire();
        return ComputeError.INVALID_STATE.exception(op.action(), current.id(), attr, state);
    }

    /** Throws the 409 now if {@code op} cannot start (for work that must not begin before the state allows it). */
    public void requireAllowed(Instance i, ServerOperation op) {
        if (!op.allowedFrom(i.vmState(), i.taskState())) {
            throw conflict(i, op);
        }
    }

    /** As {@link #requireAllowed(Instance, ServerOperation)}, after Nova's lock check (409 for a locked server). */
    public void requireAllowed(Instance i, ServerOperation op, Caller caller) {
        if (i.locked() && !caller.admin()) {
            throw ComputeError.LOCKED.exception(i.id());
        }
        requireAllowed(i, op);
    }

    /** Records a finished action that needs no agent (lock, unlock, an update). */
    @Transactional(propagation = Propagation.MANDATORY)
    public void recordDone(Instance i, String action, Caller caller) {
        String actionId = RequestIds.current() != null ? RequestIds.current() : RequestIds.generate();
        actions.start(i.id(), actionId, action, caller.projectId(), caller.userId(), "api_" + action, null,
                "Success", clock.instant());
    }

    /** Applies an agent's report of a command's outcome, or of what it observed. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void apply(InstanceReport r) {
        Instance i = instances.find(r.instanceId()).orElse(null);
        if (i == null || i.deleted()) {
            return;
        }
        Instant now = clock.instant();
        if (r.actionId() == null) {
            observe(i, r, now);
            return;
        }
        ServerOperation op = ServerOperation.ofReport(r.operation());
        if (op == null || !r.actionId().equals(i.taskActionId()) || ShelveStep.owns(i.taskState())
                || EvacuateStep.owns(i.taskState())
                || (op == ServerOperation.SPAWN && i.taskState() != op.task())) {
            // the answer to a task that is no longer current (superseded by a delete, or swept): nothing to change;
            // or one step of a shelve or unshelve, which ShelveReports applies (of an evacuation: EvacuationReports;
            // a spawn answers a boot only, an evacuated stopped server's spawn has moved its task on to the stop)
            return;
        }
        if (r.outcome() == InstanceReport.Outcome.SUCCEEDED) {
            succeeded(i, op, r, now);
        } else {
            failed(i, op, r.actionId(), r.faultMessage(), r.faultDetails(), now);
        }
    }

    private void succeeded(Instance i, ServerOperation op, InstanceReport r, Instant now) {
        if (op == ServerOperation.DELETE) {
            finishDelete(i, now);
            actions.finish(i.id(), r.actionId(), null, null, now);
            return;
        }
        Integer power = r.powerState() != null ? Integer.valueOf(r.powerState().code())
                : op.powerOnSuccess(i.vmState()) == null ? null : op.powerOnSuccess(i.vmState()).code();
        boolean launched = op == ServerOperation.SPAWN;
        instances.finishTask(i.id(), r.actionId(), op.onSuccess(i.vmState(), r.powerState()), power, launched, now);
        actions.finish(i.id(), r.actionId(), null, null, now);
        Instance after = instances.find(i.id()).orElseThrow();
        switch (op) {
            case SPAWN -> events.created(after, now);
            case START, RESUME, UNPAUSE -> events.started(after, now);
            case STOP, SUSPEND, PAUSE -> events.stopped(after, now);
            default -> { }
        }
    }

    /**
     * The guest of a live migration runs on {@code to} now: the instance's host and zone follow it (the claim it
     * holds is the destination's from here on; the caller gives the source's back). False when the instance is no
     * longer on {@code from} (a move already recorded) or is gone.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public boolean moved(String instanceId, String from, String to, String zone) {
        return instances.moveHost(instanceId, from, to, zone, clock.instant()) == 1;
    }

    /**
     * The instance runs with {@code flavor} now (a resize finished, or was reverted), if its task is still
     * {@code actionId}; its claim on the host is that flavor's from here on (the caller moves the claims).
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public boolean reflavored(String instanceId, String actionId, io.nubo.shared.events.compute.FlavorSpec flavor) {
        return instances.setFlavor(instanceId, actionId, flavor, clock.instant()) == 1;
    }

    /** Fails the task {@code actionId}: spawn goes to ERROR (its claim released), others keep their vm_state. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void failed(Instance i, ServerOperation op, String actionId, String message, String details, Instant now) {
        VmState vm = op.revertOnFailure() ? null : VmState.ERROR;
        if (instances.failTask(i.id(), actionId, vm, now) != 1) {
            return;
        }
        String text = message == null || message.isBlank() ? "The " + op.action() + " of instance " + i.id()
                + " failed." : message;
        instances.addFault(i.id(), 500, text, details, now);
        // the event's traceback leads with the reason: an instance that stays ACTIVE shows no fault
        actions.finish(i.id(), actionId, text, details == null ? text : text + "\n" + details, now);
        if (op == ServerOperation.SPAWN) {
            releaseClaim(i);
            network.release(i.id());
        }
    }

    private void observe(Instance i, InstanceReport r, Instant now) {
        if (r.powerState() == null || i.host() == null) {
            // an instance with no host (shelved_offloaded, or never placed) has no guest: a late word of its old
            // one (stopped, undefined) says nothing about it
            return;
        }
        if (r.host() != null && i.host() != null && !r.host().equals(i.host())) {
            // another host's view of a guest that left it: a live migration's source still holds the stopped
            // domain until libvirt's confirm phase undefines it, after the destination already runs it (and a
            // restarted source agent's reconcile reports it then); only the instance's own host tells its power
            return;
        }
        PowerState p = r.powerState();
        boolean off = p == PowerState.SHUTDOWN || p == PowerState.CRASHED;
        if (off && i.vmState() == VmState.ACTIVE && i.taskState() == null
                && instances.observedPower(i.id(), p.code(), VmState.ACTIVE, VmState.STOPPED, now) == 1) {
            log.info("Instance {} was found powered off on {}: it is stopped now", i.id(), i.host());
            events.stopped(i, now);
            return;
        }
        instances.observedPower(i.id(), p.code(), null, null, now);
    }

    /** The instance is gone: soft-deleted, its claim given back, metering told. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void finishDelete(Instance i, Instant now) {
        if (instances.markDeleted(i.id(), now) == 1) {
            network.release(i.id());
            groups.removeMember(i.id());
            releaseClaim(i);
            events.deleted(i, now);
        }
    }

    /** A step of a shelve or unshelve is done: its task moves on (compare-and-swap); false when it is not current. */
    @Transactional(propagation = Propagation.MANDATORY)
    public boolean advance(Instance i, String actionId, TaskState from, TaskState to) {
        return instances.advanceTask(i.id(), actionId, from, to, clock.instant()) == 1;
    }

    /** The shelve's guest is deleted: shelved_offloaded with no host, the host's claim given back. */
    @Transactional(propagation = Propagation.MANDATORY)
    public boolean offloaded(Instance i, String actionId) {
        Instant now = clock.instant();
        if (instances.offload(i.id(), actionId, now) != 1) {
            return false;
        }
        releaseClaim(i);
        actions.finish(i.id(), actionId, null, null, now);
        events.stopped(i, now);
        return true;
    }

    /** An unshelve's host is claimed: the instance is placed there (Nova's conductor picks it). */
    @Transactional(propagation = Propagation.MANDATORY)
    public void placed(Instance i, String host, String zone) {
        instances.placed(i.id(), host, zone, clock.instant());
    }

    /** The unshelved guest runs: active again, as a start. */
    @Transactional(propagation = Propagation.MANDATORY)
    public boolean unshelved(Instance i, String actionId, PowerState power) {
        return activated(i, actionId, power);
    }

    /** The evacuated guest runs on its new host: active, as a start there. */
    @Transactional(propagation = Propagation.MANDATORY)
    public boolean evacuated(Instance i, String actionId, PowerState power) {
        return activated(i, actionId, power);
    }

    private boolean activated(Instance i, String actionId, PowerState power) {
        Instant now = clock.instant();
        int code = (power == null ? PowerState.RUNNING : power).code();
        if (instances.finishTask(i.id(), actionId, VmState.ACTIVE, code, false, now) != 1) {
            return false;
        }
        actions.finish(i.id(), actionId, null, null, now);
        events.started(instances.find(i.id()).orElseThrow(), now);
        return true;
    }

    /** An unshelve failed (no host, or its spawn): shelved_offloaded again, with no host and no claim, and a fault. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void unshelveFailed(Instance i, String actionId, String message, String details) {
        Instant now = clock.instant();
        Instance placed = instances.find(i.id()).orElseThrow();
        if (!actionId.equals(placed.taskActionId())) {
            return;
        }
        failed(i, ServerOperation.UNSHELVE, actionId, message, details, now);
        releaseClaim(placed);
        instances.unplace(i.id(), now);
    }

    private void releaseClaim(Instance i) {
        if (i.host() != null && instances.releaseClaim(i.id())) {
            // a volume-backed instance (no image) claimed no local root disk
            hosts.release(i.host(), i.flavor().vcpus(), i.flavor().ramMb(),
                    (i.imageId() == null ? 0L : i.flavor().diskGb()) + i.flavor().ephemeralGb());
        }
    }

    /** Fails every task older than the timeout: a lost command, an agent that died, or an API restart. */
    @EventListener(ApplicationReadyEvent.class)
    @Scheduled(fixedDelayString = "${nubo.compute.sweep-interval:60s}", initialDelayString = "60s")
    @Transactional
    public void sweepStuckTasks() {
        Instant now = clock.instant();
        for (Instance i : instances.stuckSince(now.minus(props.taskTimeout()))) {
            ServerOperation found = ServerOperation.ofTask(i.taskState());
            ServerOperation op = found == null ? ServerOperation.values()[0] : found;
            log.warn("Instance {}: task {} got no answer within {}; failing it", i.id(), i.taskState().wire(),
                    props.taskTimeout());
            String message = "The " + op.action() + " did not finish within " + props.taskTimeout().toSeconds()
                    + " s (no answer from host " + i.host() + ").";
            if (op == ServerOperation.UNSHELVE) {
                unshelveFailed(i, i.taskActionId(), message, null);
            } else {
                failed(i, op, i.taskActionId(), message, null, now);
            }
        }
    }
}
