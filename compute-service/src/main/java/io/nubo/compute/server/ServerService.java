package io.nubo.compute.server;

import io.nubo.compute.wire.Access;
import io.nubo.compute.image.ImageClient;
import io.nubo.compute.wire.ComputePolicy;
import io.nubo.compute.server.state.ServerOperation;
import io.nubo.compute.server.state.VmState;
import io.nubo.compute.wire.Caller;
import io.nubo.compute.error.ComputeError;
import io.nubo.shared.events.compute.DeleteInstance;
import io.nubo.shared.events.compute.ImageSpec;
import io.nubo.shared.events.compute.PowerAction;
import io.nubo.shared.events.compute.RebuildInstance;
import io.nubo.shared.events.compute.SnapshotInstance;
import io.nubo.shared.outbox.EventPublisher;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A server's reads, updates and the operations its agent carries out: each checks the caller, begins the operation
 * (compare-and-swap on the state), and sends the command through the outbox in the same transaction.
 */
@Service
public class ServerService {

    private final InstanceStore instances;
    private final ServerLifecycle lifecycle;
    private final EventPublisher publisher;
    private final ImageClient images;
    private final Clock clock;

    private final Access access;
    private final org.springframework.beans.factory.ObjectProvider<ServerVolumes> volumes;

    ServerService(InstanceStore instances, ServerLifecycle lifecycle, EventPublisher publisher, ImageClient images,
                  Clock clock, Access access, org.springframework.beans.factory.ObjectProvider<ServerVolumes> volumes) {
        this.access = access;
        this.volumes = volumes;
        this.instances = instances;
        this.lifecycle = lifecycle;
        this.publisher = publisher;
        this.images = images;
        this.clock = clock;
    }

    /** The live server, if the caller may see it (owner or admin); Nova's 404 otherwise. */
    @Transactional(readOnly = true)
    public Instance get(Caller caller, String id) {
        return get(caller, id, false);
    }

    /** The server, also once deleted when {@code deletedToo} (os-instance-actions from 2.21). */
    @Transactional(readOnly = true)
    public Instance get(Caller caller, String id, boolean deletedToo) {
        Instance i = instances.find(id).filter(x -> deletedToo || !x.deleted())
                .orElseThrow(() -> ComputeError.SERVER_NOT_FOUND.exception(id));
        if (!access.allows(ComputePolicy.SERVER_OWNER, caller, i.projectId())) {
            throw ComputeError.SERVER_NOT_FOUND.exception(id);
        }
        return i;
    }

    @Transactional(readOnly = true)
    public Map<String, String> metadata(String id) {
        return instances.metadata(id);
    }

    @Transactional(readOnly = true)
    public java.util.Optional<InstanceStore.Fault> fault(String id) {
        return instances.latestFault(id);
    }

    @Transactional(readOnly = true)
    public List<Instance> list(List<String> where, List<Object> args) {
        return instances.list(where, args);
    }

    /** The instance with this id, deleted ones too, whoever asks (for the agents' reports and the reconciles). */
    @Transactional(readOnly = true)
    public java.util.Optional<Instance> byId(String id) {
        return instances.list(List.of("id = ?"), List.of(id)).stream().findFirst();
    }

    /**
     * The instance an agent's report answers: not deleted, and its task still the report's action (a late report of
     * an ended task changes nothing).
     */
    @Transactional(readOnly = true)
    public java.util.Optional<Instance> awaitingReport(io.nubo.shared.events.compute.InstanceReport r) {
        return byId(r.instanceId()).filter(i -> !i.deleted() && r.actionId().equals(i.taskActionId()));
    }

    /** Every instance (deleted too) that existed in [start, end) in the project, or in all projects for null. */
    @Transactional(readOnly = true)
    public List<Instance> existedBetween(String projectId, java.time.Instant start, java.time.Instant end) {
        List<String> where = new java.util.ArrayList<>(List.of("created_at < ?",
                "(terminated_at IS NULL OR terminated_at >= ?)"));
        List<Object> args = new java.util.ArrayList<>(List.of(InstanceStore.ts(end), InstanceStore.ts(start)));
        if (projectId != null) {
            where.add("project_id = ?");
            args.add(projectId);
        }
        return instances.list(where, args);
    }

    /** The live instances on a host (os-hypervisors' servers and current workload). */
    @Transactional(readOnly = true)
    public List<Instance> onHost(String host) {
        return instances.forHost(host);
    }

    @Transactional
    public Instance update(Caller caller, String id, String name, String ipv4, String ipv6,
                           ServerRequests.Description description, String diskConfig) {
        Instance i = get(caller, id);
        instances.rename(i.id(), name, name == null ? null : ServerCreation.hostname(name), ipv4, ipv6,
                clock.instant());
        if (description != null) {
            instances.describe(i.id(), description.value(), clock.instant());
        }
        if (diskConfig != null) {
            instances.setDiskConfig(i.id(), diskConfig, clock.instant());
        }
        return instances.find(id).orElseThrow();
    }

    /** Deletes: asks the host's agent, or ends the instance at once when it never reached a host. */
    @Transactional
    public void delete(Caller caller, String id) {
        Instance i = get(caller, id);
        if (i.taskState() == io.nubo.compute.server.state.TaskState.DELETING) {
            // as Nova: deleting a server that is being deleted is accepted again; the first delete finishes it
            return;
        }
        String actionId = lifecycle.begin(i, ServerOperation.DELETE, caller);
        if (i.vmState() == VmState.SHELVED_OFFLOADED) {
            // as Nova: a shelved server's image goes with it
            String shelved = instances.systemMetadata(i.id()).get(InstanceStore.SHELVED_IMAGE_ID);
            if (shelved != null) {
                images.deleteQuietly(caller, shelved);
            }
        }
        volumes.ifAvailable(v -> v.releaseForDelete(caller, i, actionId));
        if (i.host() == null) {
            lifecycle.finishDelete(i, clock.instant());
            return;
        }
        publisher.publish(new DeleteInstance(i.id(), i.host(), actionId), i.id(), i.projectId());
    }

    /** os-start, os-stop, reboot, pause/unpause, suspend/resume. */
    @Transactional
    public void power(Caller caller, String id, ServerOperation op) {
        Instance i = get(caller, id);
        String actionId = lifecycle.begin(i, op, caller);
        PowerAction.Action a = PowerAction.Action.valueOf(op.name());
        publisher.publish(new PowerAction(i.id(), i.host(), actionId, a, 0), i.id(), i.projectId());
    }

    @Transactional
    public Instance rebuild(Caller caller, String id, String imageRef, String name, Map<String, String> metadata,
                            ServerRequests.Description description, String diskConfig) {
        Instance i = get(caller, id);
        if (i.imageId() == null) {
            // Nova: a volume-backed server (image_ref '') cannot be rebuilt with an image
            throw ComputeError.BAD_REQUEST.exception("Image " + imageRef + " is unacceptable: Unable to rebuild with"
                    + " a different image for a volume-backed server.");
        }
        ImageSpec image = images.find(caller, imageRef);
        String actionId = lifecycle.begin(i, ServerOperation.REBUILD, caller);
        instances.rebuilt(i.id(), image.id(), ServerCreation.property(image, "kernel_id"),
                ServerCreation.property(image, "ramdisk_id"), name, clock.instant());
        if (description != null) {
            instances.describe(i.id(), description.value(), clock.instant());
        }
        if (diskConfig != null) {
            instances.setDiskConfig(i.id(), diskConfig, clock.instant());
        }
        if (metadata != null) {
            instances.replaceMetadata(i.id(), metadata);
        }
        Instance after = instances.find(id).orElseThrow();
        publisher.publish(new RebuildInstance(i.id(), i.host(), actionId, image, after.flavor(), after.displayName(),
                instances.metadata(i.id()), i.vmState() != VmState.STOPPED), i.id(), i.projectId());
        return after;
    }

    /**
     * createImage: the image record first (with the caller's token, so it is the caller's), then the snapshot
     * command carrying that token, with which the agent uploads as the caller; the image id. An image whose
     * command is never sent (another task won the race) is deleted again.
     */
    @Transactional
    public String snapshot(Caller caller, String id, String name, Map<String, String> metadata) {
        Instance i = get(caller, id);
        lifecycle.requireAllowed(i, ServerOperation.SNAPSHOT);
        String imageId = images.createSnapshotRecord(caller, name, i.id(), i.imageId(),
                metadata == null ? Map.of() : metadata);
        String actionId;
        try {
            actionId = lifecycle.begin(i, ServerOperation.SNAPSHOT, caller);
        } catch (RuntimeException e) {
            images.deleteQuietly(caller, imageId);
            throw e;
        }
        publisher.publish(new SnapshotInstance(i.id(), i.host(), actionId, imageId, "qcow2", caller.token()), i.id(),
                i.projectId());
        return imageId;
    }

    /**
     * createBackup: a snapshot whose image carries Nova's {@code image_type=backup} and {@code backup_type}, after the
     * instance's oldest backups of that type beyond {@code rotation - 1} are deleted (Nova rotates once the upload is
     * done; here when the backup is accepted, so a failed upload leaves one backup fewer). Rotation 0 deletes them all
     * and makes none (null).
     */
    @Transactional
    public String backup(Caller caller, String id, String name, String backupType, int rotation,
                         Map<String, String> metadata) {
        Instance i = get(caller, id);
        lifecycle.requireAllowed(i, ServerOperation.SNAPSHOT);
        List<tools.jackson.databind.JsonNode> existing = images.backups(caller, i.id(), backupType);
        int keep = Math.max(0, rotation - 1);
        for (int n = 0; n < existing.size() - keep; n++) {
            images.delete(caller, existing.get(n).path("id").asString());
        }
        if (rotation == 0) {
            return null;
        }
        Map<String, String> props = new java.util.LinkedHashMap<>(metadata == null ? Map.of() : metadata);
        props.put("image_type", "backup");
        props.put("backup_type", backupType);
        return snapshot(caller, id, name, props);
    }

    @Transactional
    public void lock(Caller caller, String id, boolean locked) {
        Instance i = get(caller, id);
        if (!locked && i.locked() && "admin".equals(i.lockedBy()) && !caller.admin()) {
            access.check(ComputePolicy.SERVER_UNLOCK_OVERRIDE, caller);
        }
        instances.setLocked(i.id(), locked, caller.admin() && !caller.owns(i.projectId()) ? "admin" : "owner",
                clock.instant());
        lifecycle.recordDone(i, locked ? "lock" : "unlock", caller);
    }

    @Transactional
    public Map<String, String> setMetadata(Caller caller, String id, Map<String, String> items, boolean replace,
                                           int limit) {
        Instance i = get(caller, id);
        Map<String, String> current = instances.metadata(i.id());
        long after = replace ? items.size() : java.util.stream.Stream.concat(current.keySet().stream(),
                items.keySet().stream()).distinct().count();
        if (limit >= 0 && after > limit) {
            throw ComputeError.OVER_QUOTA.exception("Quota exceeded for metadata_items: Requested " + after
                    + ", but the limit is " + limit + " metadata_items");
        }
        if (replace) {
            instances.replaceMetadata(i.id(), items);
        } else {
            instances.putMetadata(i.id(), items);
        }
        return instances.metadata(i.id());
    }

    @Transactional
    public void deleteMetadata(Caller caller, String id, String key) {
        Instance i = get(caller, id);
        if (instances.deleteMetadata(i.id(), key) == 0) {
            throw ComputeError.NOT_FOUND.exception("Metadata item was not found");
        }
    }
}
