package io.nubo.compute.iface;

import io.nubo.compute.agent.CommandReports;
import io.nubo.compute.config.VolumeAttachProperties;
import io.nubo.compute.error.ComputeError;
import io.nubo.compute.instanceaction.InstanceActions;
import io.nubo.compute.network.NetworkPorts;
import io.nubo.compute.server.Instance;
import io.nubo.compute.server.state.VmState;
import io.nubo.compute.wire.Caller;
import io.nubo.shared.events.compute.AttachInterface;
import io.nubo.shared.events.compute.DetachInterface;
import io.nubo.shared.events.compute.InstanceReport;
import io.nubo.shared.events.compute.NicSpec;
import io.nubo.shared.outbox.EventPublisher;
import jakarta.annotation.PreDestroy;
import java.time.Clock;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Ports attached to and detached from running servers, as Nova's compute API and manager do it: the port is made
 * (or taken) and bound through the network feature, the host's agent hot-plugs the virtio NIC
 * ({@link AttachInterface}) and the attach answers once it reports (200, Nova's synchronous attach; a failure gives
 * the port back). A detach answers 202 once {@link DetachInterface} is sent; when the agent reports the NIC gone,
 * the port is given back (deleted if compute made it, unbound if it is the user's).
 */
@Service
public class InterfaceAttachments {

    private static final Logger log = LoggerFactory.getLogger(InterfaceAttachments.class);
    /** Nova's check_instance_state for attach_interface and detach_interface */
    private static final Set<VmState> PLUGGABLE = EnumSet.of(VmState.ACTIVE, VmState.PAUSED, VmState.STOPPED);

    private final NetworkPorts network;
    private final CommandReports reports;
    private final EventPublisher publisher;
    private final InstanceActions actions;
    private final TransactionTemplate tx;
    private final VolumeAttachProperties timeouts;
    private final Clock clock;
    private final ExecutorService background = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "interface-detach");
        t.setDaemon(true);
        return t;
    });

    InterfaceAttachments(NetworkPorts network, CommandReports reports, EventPublisher publisher,
                         InstanceActions actions, PlatformTransactionManager tx, VolumeAttachProperties timeouts,
                         Clock clock) {
        this.network = network;
        this.reports = reports;
        this.publisher = publisher;
        this.actions = actions;
        this.tx = new TransactionTemplate(tx);
        this.timeouts = timeouts;
        this.clock = clock;
    }

    public List<NetworkPorts.Interface> list(Caller caller, Instance i) {
        return network.interfaces(caller, i.id());
    }

    public NetworkPorts.Interface show(Caller caller, Instance i, String portId) {
        return network.interfaceOf(caller, i.id(), portId);
    }

    /** Attaches a port (given, or made on the network with the fixed IP) and answers once the guest has the NIC. */
    public NetworkPorts.Interface attach(Caller caller, Instance i, NetworkPorts.Requested requested) {
        requireState(i, "attach_interface", caller);
        String requestId = CommandReports.requestId();
        NicSpec nic = network.attachPort(caller, new NetworkPorts.Boot(i.id(), i.host(), i.availabilityZone(), true,
                List.of()),
                requested);
        tx.executeWithoutResult(s -> actions.start(i.id(), requestId, "attach_interface", caller.projectId(),
                caller.userId(), "compute_attach_interface", i.host(), null, clock.instant()));
        String correlation = CommandReports.correlation(requestId);
        InstanceReport r;
        try {
            r = reports.await(correlation, () -> tx.executeWithoutResult(s -> publisher.publish(
                    new AttachInterface(i.id(), i.host(), correlation, nic), i.id(), i.projectId())),
                    timeouts.agentTimeout(), "attach port " + nic.portId());
            if (r.outcome() != InstanceReport.Outcome.SUCCEEDED) {
                throw ComputeError.CONFLICT.exception("Failed to attach network adapter device to " + i.id() + ": "
                        + r.faultMessage());
            }
        } catch (RuntimeException e) {
            log.warn("Attaching port {} to instance {} failed ({}); giving it back", nic.portId(), i.id(),
                    e.getMessage());
            bestEffort("give back port " + nic.portId(), () -> network.detachPort(i.id(), nic.portId()));
            tx.executeWithoutResult(s -> actions.finish(i.id(), requestId, e.getMessage(), null, clock.instant()));
            throw e;
        }
        tx.executeWithoutResult(s -> actions.finish(i.id(), requestId, null, null, clock.instant()));
        return network.interfaceOf(caller, i.id(), nic.portId());
    }

    /** Sends the unplug (202, as Nova) and gives the port back once the agent reports the NIC gone. */
    public void detach(Caller caller, Instance i, String portId) {
        requireState(i, "detach_interface", caller);
        if (!network.hasPort(i.id(), portId)) {
            throw ComputeError.NOT_FOUND.exception("Port " + portId + " is not attached");
        }
        String requestId = CommandReports.requestId();
        String correlation = CommandReports.correlation(requestId);
        CompletableFuture<InstanceReport> reply = reports.expect(correlation);
        tx.executeWithoutResult(s -> {
            actions.start(i.id(), requestId, "detach_interface", caller.projectId(), caller.userId(),
                    "compute_detach_interface", i.host(), null, clock.instant());
            publisher.publish(new DetachInterface(i.id(), i.host(), correlation, portId), i.id(), i.projectId());
        });
        background.execute(() -> {
            String fault = null;
            try {
                InstanceReport r = CommandReports.get(reply, timeouts.detachTimeout(), "detach port " + portId);
                if (r.outcome() == InstanceReport.Outcome.SUCCEEDED) {
                    network.detachPort(i.id(), portId);
                } else {
                    fault = r.faultMessage();
                }
            } catch (RuntimeException e) {
                fault = e.getMessage();
            } finally {
                reports.forget(correlation);
            }
            if (fault != null) {
                log.warn("Detaching port {} from instance {} failed: {}", portId, i.id(), fault);
            }
            String message = fault;
            tx.executeWithoutResult(s -> actions.finish(i.id(), requestId, message, null, clock.instant()));
        });
    }

    private static void requireState(Instance i, String action, Caller caller) {
        if (i.locked() && !caller.admin()) {
            throw ComputeError.LOCKED.exception(i.id());
        }
        if (i.taskState() != null) {
            throw ComputeError.INVALID_STATE.exception(action, i.id(), "task_state", i.taskState().wire());
        }
        if (!PLUGGABLE.contains(i.vmState()) || i.host() == null) {
            throw ComputeError.INVALID_STATE.exception(action, i.id(), "vm_state", i.vmState().wire());
        }
    }

    @PreDestroy
    void stop() {
        background.shutdown();
    }



    private static void bestEffort(String what, Runnable step) {
        try {
            step.run();
        } catch (RuntimeException e) {
            log.warn("Could not {}: {}", what, e.getMessage());
        }
    }
}
