package io.nubo.compute.volume;

import io.nubo.compute.agent.CommandReports;
import io.nubo.compute.config.VolumeAttachProperties;
import io.nubo.compute.error.ComputeError;
import io.nubo.compute.instanceaction.InstanceActions;
import io.nubo.compute.server.Instance;
import io.nubo.compute.server.ServerService;
import io.nubo.compute.server.ServerVolumes;
import io.nubo.compute.server.state.VmState;
import io.nubo.compute.volume.AttachmentStore.Row;
import io.nubo.compute.volume.AttachmentStore.Status;
import io.nubo.compute.wire.Caller;
import io.nubo.shared.events.compute.AttachVolume;
import io.nubo.shared.events.compute.DetachVolume;
import io.nubo.shared.events.compute.BlockDeviceSpec;
import io.nubo.shared.events.compute.InstanceReport;
import io.nubo.shared.events.compute.PrepareLiveMigration;
import io.nubo.shared.events.compute.VolumeConnection;
import io.nubo.shared.outbox.EventPublisher;
import java.time.Clock;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Volumes attached to servers, the way Nova's compute API and manager do it with Cinder's pre-3.27 actions: the
 * volume is reserved with the caller's token, block storage says how the server's host reaches it
 * ({@code os-initialize_connection} with that host's connector), the host's agent plugs the disk into the guest
 * ({@link AttachVolume}), and on the agent's report {@code os-attach} makes the volume in-use at the device.
 * Detach runs backwards ({@code os-begin_detaching}, {@link DetachVolume}, {@code os-terminate_connection},
 * {@code os-detach}). An attach waits for the agent (outside any transaction), so every failure is undone before
 * it answers; a detach answers 202 once the command is sent and finishes (or rolls back) in the background when
 * the agent reports, since a guest still booting may take minutes to let go. Nothing stays attaching or detaching,
 * in compute or in block storage, unless the API stops in between.
 */
@Service
public class VolumeAttachments implements ServerVolumes {

    private static final Logger log = LoggerFactory.getLogger(VolumeAttachments.class);
    /** Nova's check_instance_state for attach_volume and detach_volume, among the states Nubo serves with a host */
    private static final Set<VmState> ATTACHABLE = EnumSet.of(VmState.ACTIVE, VmState.PAUSED, VmState.STOPPED,
            VmState.RESIZED);
    /** qemu's own iSCSI initiator name (block/iscsi.c's default); the host name keeps hosts apart */
    private static final String QEMU_INITIATOR = "iqn.2008-11.org.linux-kvm:";

    private final ServerService servers;
    private final AttachmentStore store;
    private final BlockStorageClient volumes;
    private final CommandReports reports;
    private final EventPublisher publisher;
    private final InstanceActions actions;
    private final TransactionTemplate tx;
    private final VolumeAttachProperties props;
    private final Clock clock;
    /** detaches waiting for their agent's answer; daemon threads, as nothing is lost that a restart needs */
    private final ExecutorService background = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "volume-detach");
        t.setDaemon(true);
        return t;
    });

    VolumeAttachments(ServerService servers, AttachmentStore store, BlockStorageClient volumes,
                      CommandReports reports, EventPublisher publisher, InstanceActions actions,
                      PlatformTransactionManager tx, VolumeAttachProperties props, Clock clock) {
        this.servers = servers;
        this.store = store;
        this.volumes = volumes;
        this.reports = reports;
        this.publisher = publisher;
        this.actions = actions;
        this.tx = new TransactionTemplate(tx);
        this.props = props;
        this.clock = clock;
    }

    /** A server's attachment as the API shows it. */
    public record Attachment(String volumeId, String serverId, String device) {
    }

    public List<Attachment> list(Instance i) {
        return store.ofInstance(i.id()).stream().map(VolumeAttachments::view).toList();
    }

    public Attachment show(Instance i, String volumeId) {
        return store.find(i.id(), volumeId).map(VolumeAttachments::view)
                .orElseThrow(() -> ComputeError.VOLUME_BDM_NOT_FOUND.exception(volumeId));
    }

    @Override
    public List<String> attachedVolumeIds(String instanceId) {
        return store.ofInstance(instanceId).stream().map(Row::volumeId).toList();
    }

    /** Attaches the volume; answers once the guest has the disk and block storage says in-use. */
    public Attachment attach(Caller caller, Instance i, String volumeId) {
        requireState(i, "attach_volume", caller);
        BlockStorageClient.Volume v = attachable(caller, volumeId);
        String requestId = CommandReports.requestId();
        String device = nextDevice(i, store.ofInstance(i.id()));
        Boolean begun = tx.execute(s -> {
            if (!store.begin(v.id(), i.id(), device, requestId, clock.instant())) {
                return false;
            }
            actions.start(i.id(), requestId, "attach_volume", caller.projectId(), caller.userId(),
                    "compute_attach_volume", i.host(), null, clock.instant());
            return true;
        });
        if (!Boolean.TRUE.equals(begun)) {
            throw ComputeError.INVALID_VOLUME.exception("volume " + v.id() + " is already being attached");
        }
        boolean reserved = false;
        boolean connected = false;
        boolean sent = false;
        boolean answered = false;
        boolean plugged = false;
        try {
            volumes.reserve(caller, v.id());
            reserved = true;
            VolumeConnection connection = volumes.initializeConnection(caller, v.id(), connector(i));
            connected = true;
            String correlation = CommandReports.correlation(requestId);
            sent = true;
            InstanceReport r = reports.await(correlation, () -> tx.executeWithoutResult(s -> publisher.publish(
                    new AttachVolume(i.id(), i.host(), correlation, v.id(), device, connection), i.id(),
                    i.projectId())), props.agentTimeout(), "attach volume " + v.id());
            answered = true;
            if (r.outcome() != InstanceReport.Outcome.SUCCEEDED) {
                throw ComputeError.CONFLICT.exception("Volume " + v.id() + " could not be attached to instance "
                        + i.id() + ": " + r.faultMessage());
            }
            plugged = true;
            volumes.attach(caller, v.id(), i.id(), device, i.host());
        } catch (RuntimeException e) {
            // a command that got no answer may still be carried out: unplug then too
            undoAttach(caller, i, v.id(), reserved, connected, plugged || sent && !answered, requestId, e);
            throw e;
        }
        tx.executeWithoutResult(s -> {
            store.move(v.id(), i.id(), Status.ATTACHING, Status.ATTACHED, requestId, clock.instant());
            actions.finish(i.id(), requestId, null, null, clock.instant());
        });
        return new Attachment(v.id(), i.id(), device);
    }

    /** The volume, if it may be attached: Nova's 400s for one attached (or being attached) or not available. */
    BlockStorageClient.Volume attachable(Caller caller, String volumeId) {
        BlockStorageClient.Volume v = volumes.get(caller, volumeId);
        store.ofVolume(v.id()).ifPresent(r -> {
            throw ComputeError.INVALID_VOLUME.exception("volume " + v.id() + " is already attached to instance "
                    + r.instanceId());
        });
        if (!"available".equals(v.status())) {
            throw ComputeError.INVALID_VOLUME.exception("volume '" + v.id() + "' status must be 'available'."
                    + " Currently in '" + v.status() + "'");
        }
        return v;
    }

    private void undoAttach(Caller caller, Instance i, String volumeId, boolean reserved, boolean connected,
                            boolean plugged, String requestId, RuntimeException cause) {
        log.warn("Attaching volume {} to instance {} failed ({}); undoing it", volumeId, i.id(), cause.getMessage());
        if (plugged) {
            // the guest has the disk (or may get it late): take it out again before block storage lets it go
            bestEffort("unplug volume " + volumeId, () -> unplug(i, volumeId));
        }
        if (connected) {
            bestEffort("end the connection of volume " + volumeId,
                    () -> volumes.terminateConnection(caller, volumeId, connector(i)));
        }
        if (reserved) {
            bestEffort("unreserve volume " + volumeId, () -> volumes.unreserve(caller, volumeId));
        }
        tx.executeWithoutResult(s -> {
            store.remove(volumeId, i.id());
            actions.finish(i.id(), requestId, cause.getMessage(), null, clock.instant());
        });
    }

    /**
     * Swap volume: Nova's checks (the attachment and the new volume must exist: 404), then Nova's answer for a
     * driver that cannot swap (501), since the agent has no block copy yet.
     */
    public void swap(Caller caller, Instance i, String volumeId, String newVolumeId) {
        store.find(i.id(), volumeId).orElseThrow(() -> ComputeError.VOLUME_BDM_NOT_FOUND.exception(volumeId));
        volumes.get(caller, newVolumeId);
        throw ComputeError.NOT_IMPLEMENTED.exception("Feature not supported by this cloud: swapping volume " + volumeId
                + " of instance " + i.id() + " for another.");
    }

    /**
     * Detaches the volume: the checks, {@code os-begin_detaching} and the command now (202, as Nova answers), the
     * rest when the agent reports, in the background.
     */
    public void detach(Caller caller, Instance i, String volumeId) {
        requireState(i, "detach_volume", caller);
        BlockStorageClient.Volume v = volumes.get(caller, volumeId);
        Row row = detachable(i, v.id());
        String requestId = CommandReports.requestId();
        Boolean begun = tx.execute(s -> {
            if (!store.move(v.id(), i.id(), Status.ATTACHED, Status.DETACHING, requestId, clock.instant())) {
                return false;
            }
            actions.start(i.id(), requestId, "detach_volume", caller.projectId(), caller.userId(),
                    "compute_detach_volume", i.host(), null, clock.instant());
            return true;
        });
        if (!Boolean.TRUE.equals(begun)) {
            throw ComputeError.INVALID_VOLUME.exception("Unable to detach volume " + v.id() + ": it is "
                    + row.status().name().toLowerCase(java.util.Locale.ROOT) + " at the moment.");
        }
        try {
            volumes.beginDetaching(caller, v.id());
        } catch (RuntimeException e) {
            tx.executeWithoutResult(s -> {
                store.move(v.id(), i.id(), Status.DETACHING, Status.ATTACHED, row.actionId(), clock.instant());
                actions.finish(i.id(), requestId, e.getMessage(), null, clock.instant());
            });
            throw e;
        }
        String correlation = CommandReports.correlation(requestId);
        CompletableFuture<InstanceReport> reply = reports.expect(correlation);
        tx.executeWithoutResult(s -> publisher.publish(new DetachVolume(i.id(), i.host(), correlation, v.id()), i.id(),
                i.projectId()));
        background.execute(() -> finishDetach(caller, i, v.id(), row, requestId, correlation, reply));
    }

    /** The volume's attachment to the server, if it may be detached: 404 for none, 400 for the root volume. */
    Row detachable(Instance i, String volumeId) {
        Row row = store.find(i.id(), volumeId).orElseThrow(() -> ComputeError.VOLUME_BDM_NOT_FOUND.exception(volumeId));
        if (row.root()) {
            throw ComputeError.BAD_REQUEST.exception("Cannot detach a root device volume");
        }
        return row;
    }

    /**
     * The rest of a detach, once the agent answers (Nova's compute manager: the guest lets go of the disk, then the
     * connection ends and the volume is detached). The caller's token, kept in memory for this, does the calls.
     */
    private void finishDetach(Caller caller, Instance i, String volumeId, Row row, String requestId,
                              String correlation, CompletableFuture<InstanceReport> reply) {
        try {
            InstanceReport r = CommandReports.get(reply, props.detachTimeout(), "detach volume " + volumeId);
            if (r.outcome() != InstanceReport.Outcome.SUCCEEDED) {
                throw ComputeError.CONFLICT.exception("Volume " + volumeId + " could not be detached from instance "
                        + i.id() + ": " + r.faultMessage());
            }
        } catch (RuntimeException e) {
            log.warn("Detaching volume {} from instance {} failed: {}", volumeId, i.id(), e.getMessage());
            bestEffort("roll back detaching volume " + volumeId, () -> volumes.rollDetaching(caller, volumeId));
            tx.executeWithoutResult(s -> {
                store.move(volumeId, i.id(), Status.DETACHING, Status.ATTACHED, row.actionId(), clock.instant());
                actions.finish(i.id(), requestId, e.getMessage(), null, clock.instant());
            });
            return;
        } finally {
            reports.forget(correlation);
        }
        // the guest no longer has the disk: whatever block storage answers now, compute's record goes
        bestEffort("end the connection of volume " + volumeId,
                () -> volumes.terminateConnection(caller, volumeId, connector(i)));
        bestEffort("detach volume " + volumeId, () -> volumes.detach(caller, volumeId));
        tx.executeWithoutResult(s -> {
            store.remove(volumeId, i.id());
            actions.finish(i.id(), requestId, null, null, clock.instant());
        });
    }

    @PreDestroy
    void stop() {
        background.shutdown();
    }

    /**
     * Once the host's agent has deleted the guest (its report on the delete's action id), every volume of the
     * server is let go in block storage with the deleting caller's token, as Nova's compute manager does after it
     * destroys the guest: the connection ended, the volume detached (or unreserved while it was still being
     * attached), and deleted when its mapping says delete_on_termination. A server that never reached a host lets
     * them go as soon as the delete commits. A failed delete keeps them attached.
     */
    @Override
    public void releaseForDelete(Caller caller, Instance i, String deleteActionId) {
        if (store.ofInstance(i.id()).isEmpty()) {
            return;
        }
        afterCommit(() -> {
            if (i.host() == null) {
                background.execute(() -> release(caller, i));
                return;
            }
            CompletableFuture<InstanceReport> reply = reports.expect(deleteActionId);
            background.execute(() -> {
                try {
                    InstanceReport r = CommandReports.get(reply, props.detachTimeout(), "delete instance "
                            + i.id());
                    if (r.outcome() != InstanceReport.Outcome.SUCCEEDED) {
                        log.warn("Instance {} was not deleted ({}): its volumes stay attached", i.id(),
                                r.faultMessage());
                        return;
                    }
                } catch (RuntimeException e) {
                    log.warn("Instance {}: {}; its volumes stay attached", i.id(), e.getMessage());
                    return;
                } finally {
                    reports.forget(deleteActionId);
                }
                release(caller, i);
            });
        });
    }

    /** Lets every volume of the (gone) instance go in block storage, deleting those marked delete_on_termination. */
    void release(Caller caller, Instance i) {
        for (Row r : store.ofInstance(i.id())) {
            if (i.host() != null) {
                bestEffort("end the connection of volume " + r.volumeId(),
                        () -> volumes.terminateConnection(caller, r.volumeId(), connector(i)));
            }
            if (r.status() == Status.ATTACHING) {
                bestEffort("unreserve volume " + r.volumeId(), () -> volumes.unreserve(caller, r.volumeId()));
            } else {
                bestEffort("detach volume " + r.volumeId(), () -> volumes.detach(caller, r.volumeId()));
            }
            if (r.deleteOnTermination()) {
                bestEffort("delete volume " + r.volumeId(), () -> volumes.delete(caller, r.volumeId()));
            }
            tx.executeWithoutResult(s -> store.remove(r.volumeId(), i.id()));
        }
    }

    /** Runs {@code work} once the calling transaction commits (at once when there is none). */
    static void afterCommit(Runnable work) {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    work.run();
                }
            });
        } else {
            work.run();
        }
    }

    private InstanceReport unplug(Instance i, String volumeId) {
        String correlation = CommandReports.correlation(CommandReports.requestId());
        return reports.await(correlation, () -> tx.executeWithoutResult(s -> publisher.publish(
                new DetachVolume(i.id(), i.host(), correlation, volumeId), i.id(), i.projectId())),
                props.agentTimeout(), "detach volume " + volumeId);
    }

    private void requireState(Instance i, String action, Caller caller) {
        if (i.locked() && !caller.admin()) {
            throw ComputeError.LOCKED.exception(i.id());
        }
        if (i.taskState() != null) {
            throw ComputeError.INVALID_STATE.exception(action, i.id(), "task_state", i.taskState().wire());
        }
        if (!ATTACHABLE.contains(i.vmState()) || i.host() == null) {
            throw ComputeError.INVALID_STATE.exception(action, i.id(), "vm_state", i.vmState().wire());
        }
    }

    /**
     * The first virtio name after the disks the server was built with (root, then ephemeral and swap, as the
     * agent's designer lays them out) and its volumes. Like Nova's libvirt driver, Nubo picks the name itself; the
     * one a request asks for is not honoured.
     */
    static String nextDevice(Instance i, List<Row> attached) {
        Set<String> taken = new HashSet<>();
        char next = 'a';
        taken.add("/dev/vd" + next++);
        if (i.flavor().ephemeralGb() > 0) {
            taken.add("/dev/vd" + next++);
        }
        if (i.flavor().swapMb() > 0) {
            taken.add("/dev/vd" + next);
        }
        attached.forEach(r -> taken.add(r.device()));
        for (char c = 'b'; c <= 'z'; c++) {
            if (!taken.contains("/dev/vd" + c)) {
                return "/dev/vd" + c;
            }
        }
        throw ComputeError.BAD_REQUEST.exception("Instance " + i.id() + " has no free disk device name left.");
    }

    static BlockStorageClient.Connector connector(Instance i) {
        return connector(i.host());
    }

    static BlockStorageClient.Connector connector(String host) {
        return new BlockStorageClient.Connector(host, QEMU_INITIATOR + host, null);
    }

    /**
     * How {@code host} reaches each volume attached to the server (its root volume too), from block storage's
     * {@code os-initialize_connection} with that host's connector: what a live migration's destination connects
     * before the guest arrives (Nova's {@code pre_live_migration}). The source's connections are not terminated
     * after the move: the backends' exports are per volume, not per host (tgt's target serves both hosts'
     * initiators, a file or RBD image has no connection), and qemu's own iSCSI session ends with the source's qemu.
     */
    @Override
    public List<PrepareLiveMigration.MigratingVolume> connectionsFor(Caller caller, Instance i, String host) {
        return blockDevicesFor(caller, i, host).stream()
                .map(b -> new PrepareLiveMigration.MigratingVolume(b.volumeId(), b.connection())).toList();
    }

    /** As {@link #connectionsFor}, as block devices (an unshelve's spawn); the same connections, for the same reason. */
    @Override
    public List<BlockDeviceSpec> blockDevicesFor(Caller caller, Instance i, String host) {
        return store.ofInstance(i.id()).stream().filter(r -> r.status() == Status.ATTACHED)
                .map(r -> new BlockDeviceSpec(r.volumeId(), r.device(), r.bootIndex(), r.deleteOnTermination(),
                        volumes.initializeConnection(caller, r.volumeId(), connector(host))))
                .toList();
    }

    private static Attachment view(Row r) {
        return new Attachment(r.volumeId(), r.instanceId(), r.device());
    }



    private static void bestEffort(String what, Runnable step) {
        try {
            step.run();
        } catch (RuntimeException e) {
            log.warn("Could not {}: {}", what, e.getMessage());
        }
    }
}
