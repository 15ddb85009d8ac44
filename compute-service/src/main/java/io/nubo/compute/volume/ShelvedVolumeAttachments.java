package io.nubo.compute.volume;

import io.nubo.compute.error.ComputeError;
import io.nubo.compute.instanceaction.InstanceActions;
import io.nubo.compute.server.Instance;
import io.nubo.compute.server.state.VmState;
import io.nubo.compute.volume.AttachmentStore.Row;
import io.nubo.compute.volume.AttachmentStore.Status;
import io.nubo.compute.wire.Caller;
import io.nubo.shared.web.RequestIds;
import java.time.Clock;
import java.util.EnumSet;
import java.util.Set;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Nova 2.20's volume attach and detach on a shelved server ({@code _attach_volume_shelved_offloaded},
 * {@code _detach_volume_shelved_offloaded}): no host has the guest, so nothing is sent to an agent. An attach reserves
 * the volume and marks it attached in block storage ({@code os-reserve}, {@code os-attach} with no host) and records
 * it, with the next free device name; the unshelve's host connects it with the others. A detach of a volume that is
 * not the root: {@code os-begin_detaching}, {@code os-detach}, the record removed (it has no connection to end).
 */
@Service
class ShelvedVolumeAttachments {

    static final Set<VmState> SHELVED = EnumSet.of(VmState.SHELVED, VmState.SHELVED_OFFLOADED);

    private final VolumeAttachments attachments;
    private final BlockStorageClient volumes;
    private final AttachmentStore store;
    private final InstanceActions actions;
    private final TransactionTemplate tx;
    private final Clock clock;

    ShelvedVolumeAttachments(VolumeAttachments attachments, BlockStorageClient volumes, AttachmentStore store,
                             InstanceActions actions, PlatformTransactionManager tx, Clock clock) {
        this.attachments = attachments;
        this.volumes = volumes;
        this.store = store;
        this.actions = actions;
        this.tx = new TransactionTemplate(tx);
        this.clock = clock;
    }

    VolumeAttachments.Attachment attach(Caller caller, Instance i, String volumeId) {
        requireState(i, "attach_volume", caller);
        BlockStorageClient.Volume v = attachments.attachable(caller, volumeId);
        String requestId = requestId();
        String device = VolumeAttachments.nextDevice(i, store.ofInstance(i.id()));
        if (!Boolean.TRUE.equals(tx.execute(s -> store.begin(v.id(), i.id(), device, requestId, clock.instant())))) {
            throw ComputeError.INVALID_VOLUME.exception("volume " + v.id() + " is already being attached");
        }
        try {
            volumes.reserve(caller, v.id());
        } catch (RuntimeException e) {
            tx.executeWithoutResult(s -> store.remove(v.id(), i.id()));
            throw e;
        }
        try {
            volumes.attach(caller, v.id(), i.id(), device, null);
        } catch (RuntimeException e) {
            try {
                volumes.unreserve(caller, v.id());
            } catch (RuntimeException ignored) {
                e.addSuppressed(ignored);
            }
            tx.executeWithoutResult(s -> store.remove(v.id(), i.id()));
            throw e;
        }
        tx.executeWithoutResult(s -> {
            store.move(v.id(), i.id(), Status.ATTACHING, Status.ATTACHED, requestId, clock.instant());
            actions.start(i.id(), requestId, "attach_volume", caller.projectId(), caller.userId(),
                    "api_attach_volume", null, "Success", clock.instant());
        });
        return new VolumeAttachments.Attachment(v.id(), i.id(), device);
    }

    void detach(Caller caller, Instance i, String volumeId) {
        requireState(i, "detach_volume", caller);
        BlockStorageClient.Volume v = volumes.get(caller, volumeId);
        Row row = attachments.detachable(i, v.id());
        String requestId = requestId();
        if (!Boolean.TRUE.equals(tx.execute(s -> store.move(v.id(), i.id(), Status.ATTACHED, Status.DETACHING,
                requestId, clock.instant())))) {
            throw ComputeError.INVALID_VOLUME.exception("Unable to detach volume " + v.id() + ": it is "
                    + row.status().name().toLowerCase(java.util.Locale.ROOT) + " at the moment.");
        }
        try {
            volumes.beginDetaching(caller, v.id());
            volumes.detach(caller, v.id());
        } catch (RuntimeException e) {
            tx.executeWithoutResult(s -> store.move(v.id(), i.id(), Status.DETACHING, Status.ATTACHED,
                    row.actionId(), clock.instant()));
            throw e;
        }
        tx.executeWithoutResult(s -> {
            store.remove(v.id(), i.id());
            actions.start(i.id(), requestId, "detach_volume", caller.projectId(), caller.userId(),
                    "api_detach_volume", null, "Success", clock.instant());
        });
    }

    private static void requireState(Instance i, String action, Caller caller) {
        if (i.locked() && !caller.admin()) {
            throw ComputeError.LOCKED.exception(i.id());
        }
        if (i.taskState() != null) {
            throw ComputeError.INVALID_STATE.exception(action, i.id(), "task_state", i.taskState().wire());
        }
    }

    private static String requestId() {
        return RequestIds.current() != null ? RequestIds.current() : RequestIds.generate();
    }
}
