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
import tools.jackson.databind.JsonNode;
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

    // ---- microversion 3.27: the v3 attachments API, on the same records as the os-* actions above ----

    /**
     * Cinder's {@code attachment_create}: an attachment of the volume for the instance, reserved (the volume
     * {@code reserved}); with a connector it is connected at once ({@link #connect}). A volume in an error status is
     * refused; one not available is refused unless it is reserved or in-use for the same instance (Cinder's
     * override, the volume's status then kept).
     */
    @Transactional
    public AttachmentEntity create(VolumeEntity v, String instanceUuid, JsonNode connector) {
        refuseInError(v, VolumeError.INVALID_VOLUME, "created");
        if (!lifecycle.tryApply(v.getId(), VolumeTransition.RESERVE)) {
            boolean override = instanceUuid != null
                    && (v.getStatus() == VolumeStatus.IN_USE || v.getStatus() == VolumeStatus.RESERVED)
                    && attachments.findLiveOf(v.getId()).stream().anyMatch(a -> instanceUuid.equals(
                            a.getInstanceUuid()));
            if (!override) {
                throw VolumeError.INVALID_VOLUME.exception("Volume " + v.getId() + " status must be available to"
                        + " reserve, but the current status is " + v.getStatus().wire() + ".");
            }
        }
        AttachmentEntity a = new AttachmentEntity(UUID.randomUUID().toString(), v.getId(), v.getProjectId(),
                instanceUuid, Boolean.TRUE.equals(v.getReadonly()) ? "ro" : "null", AttachStatus.RESERVED,
                clock.instant());
        attachments.saveAndFlush(a);
        // Cinder's "if connector": an empty one (cinderclient sends {} without --connect) is a reserve
        if (connector != null && connector.isObject() && !connector.isEmpty()) {
            return connect(v, a.getId(), connector);
        }
        return a;
    }

    /**
     * Cinder's {@code attachment_update} (and the manager's): the backend connects the connector's host, the
     * record keeps the connector and the connection info, {@code attaching} at the connector's host and mountpoint
     * ({@code na} when none), in the attachment's mode ({@code rw} unless set); the volume {@code attaching}, as
     * Cinder leaves it until the attachment is completed (3.44, not served). An attachment already attached
     * through {@code os-attach} (compute's) gets the new connection and stays attached, its volume in-use. A
     * volume in error is 409, as is a second connector on a volume that is not multiattach.
     */
    @Transactional
    public AttachmentEntity connect(VolumeEntity v, String attachmentId, JsonNode connector) {
        refuseInError(v, VolumeError.CONFLICT, "updated");
        List<AttachmentEntity> live = attachments.findLiveOf(v.getId());
        if (live.size() > 1 && live.stream().anyMatch(x -> x.getConnectionInfo() != null
                && !x.getId().equals(attachmentId))) {
            throw VolumeError.CONFLICT.exception("duplicate connectors detected on volume " + v.getId());
        }
        AttachmentEntity a = attachments.findById(attachmentId).orElseThrow(() -> VolumeError.NOT_FOUND
                .exception("Volume attachment could not be found with filter: attachment_id = " + attachmentId
                        + "."));
        String mode = !"null".equals(a.getAttachMode()) ? a.getAttachMode()
                : connector.hasNonNull("mode") ? connector.get("mode").asString() : "rw";
        VolumeConnection c = initializeConnection(v, connectorOf(connector));
        Map<String, Object> info = new LinkedHashMap<>(c.data());
        info.put("access_mode", mode);
        info.putIfAbsent("encrypted", false);
        info.put("driver_volume_type", c.driverVolumeType());
        info.put("attachment_id", a.getId());
        info.put("enforce_multipath", connector.hasNonNull("enforce_multipath")
                && connector.get("enforce_multipath").asBoolean());
        boolean attached = a.getAttachStatus() == AttachStatus.ATTACHED;
        if (!attached) {
            lifecycle.apply(v.getId(), VolumeTransition.CONNECT);
        }
        // the compare-and-swap cleared the persistence context: change the record as loaded after it
        AttachmentEntity stored = attachments.findById(attachmentId).orElseThrow();
        stored.setConnector(JSON.writeValueAsString(connector));
        stored.setConnectionInfo(JSON.writeValueAsString(info));
        stored.setAttachMode(mode);
        if (!attached) {
            stored.setAttachStatus(AttachStatus.ATTACHING);
            stored.setAttachedHost(connector.hasNonNull("host") ? connector.get("host").asString() : "");
            stored.setMountpoint(connector.hasNonNull("mountpoint") ? connector.get("mountpoint").asString() : "na");
            // as stored (microseconds): the answer then equals what show reads back
            stored.setAttachedAt(clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MICROS));
        }
        return attachments.saveAndFlush(stored);
    }

    /**
     * Cinder's {@code attachment_delete}: the connection ended (not for a reserved one, which has none), the record
     * detached; the volume available once none is left, else in-use. An attachment an instance uses through
     * compute (attached by {@code os-attach}) is detached through the Compute API, Cinder's 409 for a user's call
     * (Bug #2004555); a service (a token with the {@code service} role) may. Answers the volume's attachments left.
     */
    @Transactional
    public List<AttachmentEntity> delete(VolumeEntity v, AttachmentEntity a, boolean service) {
        if (!service && a.getAttachStatus() == AttachStatus.ATTACHED && a.getInstanceUuid() != null) {
            throw VolumeError.CONFLICT_NOVA_USING_ATTACHMENT.exception(a.getInstanceUuid());
        }
        if (a.getAttachStatus() != AttachStatus.RESERVED && a.getConnector() != null) {
            terminateConnection(v, connectorOf(JSON.readTree(a.getConnector())));
        }
        boolean wasAttached = a.getAttachStatus() == AttachStatus.ATTACHED;
        List<AttachmentEntity> left = attachments.findLiveOf(v.getId()).stream()
                .filter(x -> !x.getId().equals(a.getId())).toList();
        lifecycle.tryApply(v.getId(), left.isEmpty() ? VolumeTransition.ATTACHMENT_DELETED
                : VolumeTransition.ATTACHMENT_DELETED_OTHERS_LEFT);
        Instant now = clock.instant();
        AttachmentEntity stored = attachments.findById(a.getId()).orElseThrow();
        stored.setAttachStatus(AttachStatus.DETACHED);
        stored.setDetachedAt(now);
        attachments.saveAndFlush(stored);
        if (wasAttached) {
            publisher.publish(new VolumeDetached(v.getId(), v.getProjectId(), a.getId(), a.getInstanceUuid(), now),
                    v.getId(), v.getProjectId());
        }
        return attachments.findLiveOf(v.getId());
    }

    /** Cinder's refusal of an attachment to a volume in an error status (create: 400, update: 409). */
    private static void refuseInError(VolumeEntity v, VolumeError error, String verb) {
        if (v.getStatus().wire().contains("error")) {
            throw error.exception("Volume attachments can not be " + verb + " if the volume is in an error state."
                    + " The Volume " + v.getId() + " currently has a status of: " + v.getStatus().wire() + " ");
        }
    }

    /** What the backends read of os-brick's connector: host, initiator, ip. */
    private static VolumeBackend.Connector connectorOf(JsonNode c) {
        return new VolumeBackend.Connector(text(c, "host"), text(c, "initiator"), text(c, "ip"));
    }

    private static String text(JsonNode n, String field) {
        return n != null && n.hasNonNull(field) ? n.get(field).asString() : null;
    }

    private static final tools.jackson.databind.json.JsonMapper JSON = tools.jackson.databind.json.JsonMapper
            .builder().build();

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
