package io.nubo.compute.shelve;

import io.nubo.compute.image.ImageClient;
import io.nubo.compute.server.Instance;
import io.nubo.compute.server.ServerLifecycle;
import io.nubo.compute.server.state.ServerOperation;
import io.nubo.compute.wire.Caller;
import io.nubo.shared.events.compute.DeleteInstance;
import io.nubo.shared.events.compute.PowerAction;
import io.nubo.shared.events.compute.SnapshotInstance;
import io.nubo.shared.outbox.EventPublisher;
import java.util.Map;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Nova's shelve and shelveOffload ({@code compute/api.py}) with {@code shelved_offload_time = 0}: for an
 * image-backed server the image record {@code <name>-shelved} is made with the caller's token (as createImage makes
 * its record), the task set to {@code shelving}, and the host sent the stop and then the snapshot, which uploads into
 * that record as the caller; both go in one transaction under the instance's key, so the host runs them in that
 * order. A volume-backed server gets the stop only (Nova makes no image of it). {@link ShelveReports} sends the
 * guest's delete once the image is uploaded (or the guest is off) and ends the shelve. The volumes stay attached:
 * their exports are per volume, not per host, so the unshelve's host connects them anew (as a live migration's
 * destination does).
 */
@Service
class Shelves {

    private final ServerLifecycle lifecycle;
    private final ImageClient images;
    private final ShelvedImages shelved;
    private final EventPublisher publisher;

    Shelves(ServerLifecycle lifecycle, ImageClient images, ShelvedImages shelved, EventPublisher publisher) {
        this.lifecycle = lifecycle;
        this.images = images;
        this.shelved = shelved;
        this.publisher = publisher;
    }

    @Transactional
    public void shelve(Caller caller, Instance i) {
        lifecycle.requireAllowed(i, ServerOperation.SHELVE, caller);
        boolean volumeBacked = i.imageId() == null;
        String imageId = volumeBacked ? null : images.createSnapshotRecord(caller, i.displayName() + "-shelved",
                i.id(), i.imageId(), Map.of());
        String actionId;
        try {
            actionId = lifecycle.begin(i, ServerOperation.SHELVE, caller);
        } catch (RuntimeException e) {
            if (imageId != null) {
                images.deleteQuietly(caller, imageId);
            }
            throw e;
        }
        shelved.record(i, imageId);
        shelved.hold(actionId, caller);
        publisher.publish(new PowerAction(i.id(), i.host(), actionId, PowerAction.Action.STOP, 0), i.id(),
                i.projectId());
        if (!volumeBacked) {
            publisher.publish(new SnapshotInstance(i.id(), i.host(), actionId, imageId, "qcow2", caller.token()),
                    i.id(), i.projectId());
        }
    }

    /**
     * shelveOffload: only from vm_state {@code shelved}, which a shelve here never leaves a server in (it offloads at
     * once), so every shelveOffload of a served server is Nova's 409; one in {@code shelved} has its guest deleted.
     */
    @Transactional
    public void offload(Caller caller, Instance i) {
        lifecycle.requireAllowed(i, ServerOperation.SHELVE_OFFLOAD, caller);
        String actionId = lifecycle.begin(i, ServerOperation.SHELVE_OFFLOAD, caller);
        publisher.publish(new DeleteInstance(i.id(), i.host(), actionId), i.id(), i.projectId());
    }
}
