package io.nubo.compute.shelve;

import io.nubo.compute.error.ComputeError;
import io.nubo.compute.image.ImageClient;
import io.nubo.compute.server.Instance;
import io.nubo.compute.server.ServerLifecycle;
import io.nubo.compute.server.ServerService;
import io.nubo.compute.server.ServerVolumes;
import io.nubo.compute.server.state.ServerOperation;
import io.nubo.compute.wire.Access;
import io.nubo.compute.wire.Caller;
import io.nubo.compute.wire.ComputePolicy;
import io.nubo.shared.events.compute.DeleteInstance;
import io.nubo.shared.events.compute.PowerAction;
import io.nubo.shared.events.compute.SnapshotInstance;
import io.nubo.shared.outbox.EventPublisher;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Nova's shelve and shelveOffload ({@code compute/api.py}) with {@code shelved_offload_time = 0}: the image record
 * {@code <name>-shelved} is made with the caller's token (as createImage makes its record), the task set to
 * {@code shelving}, and the host sent the stop and then the snapshot, which uploads into that record as the caller;
 * both go in one transaction under the instance's key, so the host runs them in that order.
 * {@link ShelveReports} sends the guest's delete once the image is uploaded and ends the shelve. Servers with
 * volumes (volume-backed, or with volumes attached) are refused: their connections would have to be moved to the
 * unshelve's host, which Nubo does not do yet.
 */
@Service
class Shelves {

    private final ServerService servers;
    private final ServerLifecycle lifecycle;
    private final ImageClient images;
    private final ShelvedImages shelved;
    private final EventPublisher publisher;
    private final Access access;
    private final ObjectProvider<ServerVolumes> volumes;

    Shelves(ServerService servers, ServerLifecycle lifecycle, ImageClient images, ShelvedImages shelved,
            EventPublisher publisher, Access access, ObjectProvider<ServerVolumes> volumes) {
        this.servers = servers;
        this.lifecycle = lifecycle;
        this.images = images;
        this.shelved = shelved;
        this.publisher = publisher;
        this.access = access;
        this.volumes = volumes;
    }

    @Transactional
    public void shelve(Caller caller, Instance i) {
        access.check(ComputePolicy.SERVER_SHELVE, caller, i.projectId());
        lifecycle.requireAllowed(i, ServerOperation.SHELVE, caller);
        boolean attached = volumes.getIfAvailable() != null
                && !volumes.getObject().attachedVolumeIds(i.id()).isEmpty();
        if (i.imageId() == null || attached) {
            throw ComputeError.CONFLICT.exception("Cannot 'shelve' instance " + i.id() + ": shelving a server with"
                    + " volumes (volume-backed, or with volumes attached) is not supported by this cloud.");
        }
        String imageId = images.createSnapshotRecord(caller, i.displayName() + "-shelved", i.id(), i.imageId(),
                Map.of());
        String actionId;
        try {
            actionId = lifecycle.begin(i, ServerOperation.SHELVE, caller);
        } catch (RuntimeException e) {
            images.deleteQuietly(caller, imageId);
            throw e;
        }
        shelved.record(i, imageId);
        shelved.hold(actionId, caller);
        publisher.publish(new PowerAction(i.id(), i.host(), actionId, PowerAction.Action.STOP, 0), i.id(),
                i.projectId());
        publisher.publish(new SnapshotInstance(i.id(), i.host(), actionId, imageId, "qcow2", caller.token()), i.id(),
                i.projectId());
    }

    /**
     * shelveOffload: only from vm_state {@code shelved}, which a shelve here never leaves a server in (it offloads at
     * once), so every shelveOffload of a served server is Nova's 409; one in {@code shelved} has its guest deleted.
     */
    @Transactional
    public void offload(Caller caller, Instance i) {
        access.check(ComputePolicy.SERVER_SHELVE_OFFLOAD, caller, i.projectId());
        lifecycle.requireAllowed(i, ServerOperation.SHELVE_OFFLOAD, caller);
        String actionId = lifecycle.begin(i, ServerOperation.SHELVE_OFFLOAD, caller);
        publisher.publish(new DeleteInstance(i.id(), i.host(), actionId), i.id(), i.projectId());
    }
}
