package io.nubo.blockstorage.volume.attachment;

import io.nubo.blockstorage.backend.VolumeBackend;
import io.nubo.blockstorage.backend.VolumeBackends;
import io.nubo.blockstorage.volume.VolumeEntity;
import io.nubo.blockstorage.volume.VolumeLifecycle;
import io.nubo.blockstorage.volume.VolumeStatus;
import io.nubo.blockstorage.volume.VolumeTransition;
import io.nubo.blockstorage.error.VolumeError;
import io.nubo.shared.events.blockstorage.VolumeAttached;
import io.nubo.shared.events.blockstorage.VolumeDetached;
import io.nubo.shared.events.compute.VolumeConnection;
import io.nubo.shared.outbox.EventPublisher;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Attachments of volumes to instances: the records, the volume's status through {@link VolumeLifecycle} in the
 * same transaction, and the attached/detached events. The compute agent does the attaching itself; this side
 * answers the connection info and keeps the state. Cinder's old actions map onto it: os-reserve (attaching, a
 * reserved record), os-attach (in-use, the record attached), os-begin_detaching / os-roll_detaching, os-detach
 * (available, the record detached), os-unreserve.
 */
@Service
public class AttachmentService {

    /** where os-initialize_connection may be called: any status in which a host may be (about to be) attached */
    private static final Set<VolumeStatus> CONNECTABLE = EnumSet.of(VolumeStatus.AVAILABLE, VolumeStatus.RESERVED,
            VolumeStatus.ATTACHING, VolumeStatus.IN_USE, VolumeStatus.DETACHING);

    private final AttachmentRepository attachments;
    private final VolumeLifecycle lifecycle;
    private final VolumeBackends backends;
    private final EventPublisher publisher;
    private final Clock clock;

    public AttachmentService(AttachmentRepository attachments, VolumeLifecycle lifecycle, VolumeBackends backends,
                             EventPublisher publisher, Clock clock) {
        this.attachments = attachments;
        this.lifecycle = lifecycle;
        this.backends = backends;
        this.publisher = publisher;
        this.clock = clock;
    }

    /** os-reserve: the volume turns attaching and a reserved record holds it for the coming attach. */
    @Transactional
    public void reserve(VolumeEntity v) {
        lifecycle.apply(v.getId(), VolumeTransition.BEGIN_ATTACH);
        attachments.save(new AttachmentEntity(UUID.randomUUID().toString(), v.getId(), v.getProjectId(), null,
                "rw", AttachStatus.RESERVED, clock.instant()));
    }

    /** os-unreserve: back to available; the reserved record goes. */
    @Transactional
    public void unreserve(VolumeEntity v) {
        lifecycle.apply(v.getId(), VolumeTransition.UNRESERVE);
        for (AttachmentEntity a : attachments.findLiveOf(v.getId())) {
            if (a.getAttachStatus() != AttachStatus.ATTACHED) {
                a.setAttachStatus(AttachStatus.DETACHED);
                a.setDetachedAt(clock.instant());
            }
        }
    }

    /** os-attach: the volume is in-use, attached to the instance (or host) at the mountpoint. */
    @Transactional
    public AttachmentEntity attach(VolumeEntity v, String instanceUuid, String hostName, String mountpoint,
                                   String mode) {
        if (Boolean.TRUE.equals(v.getReadonly()) && "rw".equals(mode)) {
            throw VolumeError.INVALID_VOLUME.exception("Invalid attaching mode 'rw' for volume " + v.getId()
                    + ", which is readonly.");
        }
        lifecycle.apply(v.getId(), VolumeTransition.ATTACHED);
        Instant now = clock.instant();
        AttachmentEntity a = attachments.findLiveOf(v.getId()).stream()
                .filter(x -> x.getAttachStatus() != AttachStatus.ATTACHED).findFirst()
                .orElseGet(() -> new AttachmentEntity(UUID.randomUUID().toString(), v.getId(), v.getProjectId(),
                        instanceUuid, mode, AttachStatus.RESERVED, now));
        AttachmentEntity attached = new AttachmentEntity(a.getId(), v.getId(), v.getProjectId(), instanceUuid, mode,
                AttachStatus.ATTACHED, a.getCreatedAt());
        attached.setAttachedHost(hostName);
        attached.setMountpoint(mountpoint);
        attached.setAttachedAt(now);
        attachments.save(attached);
        publisher.publish(new VolumeAttached(v.getId(), v.getProjectId(), a.getId(), instanceUuid, hostName,
                mountpoint, mode, now), v.getId(), v.getProjectId());
        return attached;
    }

    @Transactional
    public void beginDetaching(VolumeEntity v) {
        lifecycle.apply(v.getId(), VolumeTransition.BEGIN_DETACH);
    }

    @Transactional
    public void rollDetaching(VolumeEntity v) {
        lifecycle.apply(v.getId(), VolumeTransition.ROLL_DETACH);
    }

    /** os-detach: the attachment (the given one, or the only one) ends and the volume is available again. */
    @Transactional
    public void detach(VolumeEntity v, String attachmentId) {
        List<AttachmentEntity> live = attachments.findLiveOf(v.getId()).stream()
                .filter(a -> a.getAttachStatus() == AttachStatus.ATTACHED).toList();
        if (live.isEmpty() || !VolumeTransition.DETACHED.allowedFrom(v.getStatus())) {
            throw VolumeError.INVALID_VOLUME.exception("Volume must be attached in order to detach.");
        }
        List<AttachmentEntity> ending = attachmentId == null ? live
                : live.stream().filter(a -> a.getId().equals(attachmentId)).toList();
        if (ending.isEmpty()) {
            throw VolumeError.ATTACHMENT_NOT_FOUND.exception(attachmentId);
        }
        // the compare-and-swap clears the persistence context: load the records to change after it
        lifecycle.apply(v.getId(), VolumeTransition.DETACHED);
        Set<String> endingIds = ending.stream().map(AttachmentEntity::getId).collect(java.util.stream.Collectors
                .toSet());
        Instant now = clock.instant();
        for (AttachmentEntity a : attachments.findAllById(endingIds)) {
            a.setAttachStatus(AttachStatus.DETACHED);
            a.setDetachedAt(now);
            publisher.publish(new VolumeDetached(v.getId(), v.getProjectId(), a.getId(), a.getInstanceUuid(), now),
                    v.getId(), v.getProjectId());
        }
    }

    /**
     * os-force_detach (admin), or os-reset_status with attach_status detached: the attachment (the given one, or
     * all) ends whatever the volume's status; with {@code makeAvailable} the volume becomes available once none is
     * left (Cinder's force detach). The guest is not asked: this is the operator's clean-up after it is gone.
     */
    @Transactional
    public void forceDetach(VolumeEntity v, String attachmentId, boolean makeAvailable) {
        List<AttachmentEntity> live = attachments.findLiveOf(v.getId());
        List<AttachmentEntity> ending = attachmentId == null ? live
                : live.stream().filter(a -> a.getId().equals(attachmentId)).toList();
        if (attachmentId != null && ending.isEmpty()) {
            throw VolumeError.ATTACHMENT_NOT_FOUND.exception(attachmentId);
        }
        Instant now = clock.instant();
        for (AttachmentEntity a : ending) {
            boolean wasAttached = a.getAttachStatus() == AttachStatus.ATTACHED;
            a.setAttachStatus(AttachStatus.DETACHED);
            a.setDetachedAt(now);
            if (wasAttached) {
                publisher.publish(new VolumeDetached(v.getId(), v.getProjectId(), a.getId(), a.getInstanceUuid(),
                        now), v.getId(), v.getProjectId());
            }
        }
        attachments.flush();
        if (makeAvailable && live.size() == ending.size()) {
            lifecycle.tryApply(v.getId(), VolumeTransition.FORCE_DETACHED);
        }
    }

    /** os-initialize_connection: how the connector's host reaches the volume (the backend exports it if needed). */
    public VolumeConnection initializeConnection(VolumeEntity v, VolumeBackend.Connector connector) {
        if (!CONNECTABLE.contains(v.getStatus())) {
            throw VolumeError.INVALID_VOLUME.exception("Volume " + v.getId() + " status must be available, reserved,"
                    + " attaching, in-use or detaching to connect, but it is " + v.getStatus().wire() + ".");
        }
        try {
            VolumeConnection c = backends.get(v.getBackend()).initializeConnection(v.getId(), connector);
            Map<String, String> data = new LinkedHashMap<>(c.data());
            data.put("access_mode", Boolean.TRUE.equals(v.getReadonly()) ? "ro" : "rw");
            return new VolumeConnection(c.driverVolumeType(), data);
        } catch (IOException e) {
            throw VolumeError.BACKEND_FAILURE.exception("initialize a connection to volume " + v.getId());
        }
    }

    public void terminateConnection(VolumeEntity v, VolumeBackend.Connector connector) {
        try {
            backends.get(v.getBackend()).terminateConnection(v.getId(), connector);
        } catch (IOException e) {
            throw VolumeError.BACKEND_FAILURE.exception("terminate the connection to volume " + v.getId());
        }
    }
}
