package io.nubo.blockstorage.volume;

import io.nubo.blockstorage.backend.DiskFormat;
import io.nubo.blockstorage.backend.VolumeServices;
import io.nubo.blockstorage.config.BlockStorageProperties;
import io.nubo.blockstorage.image.ImageServiceClient;
import io.nubo.blockstorage.volume.quota.QuotaService;
import io.nubo.blockstorage.volume.group.GroupEntity;
import io.nubo.blockstorage.volume.group.GroupRepository;
import io.nubo.blockstorage.volume.snapshot.SnapshotEntity;
import io.nubo.blockstorage.volume.snapshot.SnapshotRepository;
import io.nubo.blockstorage.volume.snapshot.SnapshotStatus;
import io.nubo.blockstorage.volume.snapshot.SnapshotLifecycle;
import io.nubo.blockstorage.volume.snapshot.SnapshotTransition;
import io.nubo.blockstorage.volume.attachment.AttachmentRepository;
import io.nubo.blockstorage.volume.type.VolumeTypeEntity;
import io.nubo.blockstorage.volume.type.VolumeTypeService;
import io.nubo.blockstorage.request.Caller;
import io.nubo.blockstorage.request.Policy;
import io.nubo.blockstorage.error.VolumeError;
import java.io.IOException;
import java.time.Clock;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Volume operations on the API side: checks (input, policy, state, quota), the record and its status, then the
 * backend work handed to {@link VolumeWork} once the record is committed.
 */
@Service
public class VolumeService {

    private final VolumeRepository volumes;
    private final SnapshotRepository snapshots;
    private final SnapshotLifecycle snapshotLifecycle;
    private final AttachmentRepository attachments;
    private final VolumeTypeService types;
    private final VolumeServices services;
    private final QuotaService quotas;
    private final VolumeLifecycle lifecycle;
    private final VolumeWork work;
    private final ImageServiceClient images;
    private final TransactionTemplate tx;
    private final GroupRepository groups;
    private final Clock clock;
    private final String zone;

    public VolumeService(VolumeRepository volumes, SnapshotRepository snapshots, SnapshotLifecycle snapshotLifecycle,
                         AttachmentRepository attachments, VolumeTypeService types, VolumeServices services,
                         QuotaService quotas, VolumeLifecycle lifecycle, VolumeWork work, ImageServiceClient images,
                         TransactionTemplate tx, GroupRepository groups, Clock clock,
                         BlockStorageProperties properties) {
        this.volumes = volumes;
        this.snapshots = snapshots;
        this.snapshotLifecycle = snapshotLifecycle;
        this.attachments = attachments;
        this.types = types;
        this.services = services;
        this.quotas = quotas;
        this.lifecycle = lifecycle;
        this.work = work;
        this.images = images;
        this.tx = tx;
        this.groups = groups;
        this.clock = clock;
        this.zone = properties.availabilityZone();
    }

    /** The volume if the caller may see it: its own project's, or any for an admin; 404 otherwise (as Cinder). */
    public VolumeEntity visible(Caller caller, String id) {
        VolumeEntity v = volumes.findLive(id).orElseThrow(() -> VolumeError.VOLUME_NOT_FOUND.exception(id));
        if (!caller.admin() && !caller.owns(v.getProjectId())) {
            throw VolumeError.VOLUME_NOT_FOUND.exception(id);
        }
        return v;
    }

    public VolumeEntity create(Caller caller, VolumeCreateRequest r, String token) {
        caller.require(Policy.VOLUME_CREATE);
        if (r.availabilityZone() != null && !r.availabilityZone().equals(zone)) {
            throw VolumeError.INVALID_INPUT.exception("Availability zone '" + r.availabilityZone() + "' is invalid.");
        }
        VolumeTypeEntity type = r.volumeType() == null ? null : types.get(r.volumeType(), caller);
        Integer size = r.size();
        String backend;
        String typeId;
        VolumeWork.Source source;
        Map<String, String> imageMetadata = Map.of();
        boolean bootable = false;
        boolean schedulable = true;
        if (r.snapshotId() != null) {
            SnapshotEntity s = snapshots.findLive(r.snapshotId()).filter(x -> caller.admin()
                    || caller.owns(x.getProjectId())).orElseThrow(() -> VolumeError.SNAPSHOT_NOT_FOUND
                    .exception(r.snapshotId()));
            if (s.getStatus() != SnapshotStatus.AVAILABLE) {
                throw VolumeError.INVALID_SNAPSHOT.exception("Originating snapshot status must be 'available' to"
                        + " create a volume, not " + s.getStatus().wire() + ".");
            }
            VolumeEntity parent = volumes.findById(s.getVolumeId()).orElseThrow();
            size = sizeAtLeast(size, s.getSizeGb(), "snapshot");
            backend = parent.getBackend();
            typeId = type == null ? parent.getVolumeTypeId() : type.getId();
            source = new VolumeWork.FromSnapshot(parent.getId(), s.getId());
            bootable = parent.isBootable();
            imageMetadata = parent.getImageMetadata();
        } else if (r.sourceVolid() != null) {
            VolumeEntity src = visible(caller, r.sourceVolid());
            if (!EnumSet.of(VolumeStatus.AVAILABLE, VolumeStatus.IN_USE).contains(src.getStatus())) {
                throw VolumeError.INVALID_VOLUME.exception("Unable to clone volumes that are in " + src.getStatus()
                        .wire() + " status.");
            }
            size = sizeAtLeast(size, src.getSizeGb(), "source volume");
            backend = src.getBackend();
            typeId = type == null ? src.getVolumeTypeId() : type.getId();
            source = new VolumeWork.FromVolume(src.getId());
            bootable = src.isBootable();
            imageMetadata = src.getImageMetadata();
        } else {
            VolumeTypeEntity t = type == null ? types.defaultType() : type;
            backend = types.backendOf(t);
            typeId = t.getId();
            schedulable = types.schedulable(t);
            if (r.imageRef() != null) {
                ImageServiceClient.Image image = image(token, r.imageRef());
                long minGb = Math.max(image.minDisk(), gibCeil(image.virtualSize() != null ? image.virtualSize()
                        : image.size()));
                size = size == null ? (int) Math.max(1, minGb) : size;
                if (size < minGb) {
                    throw VolumeError.INVALID_INPUT.exception("Size of specified image " + minGb + "GB is larger"
                            + " than volume size " + size + "GB.");
                }
                source = new VolumeWork.FromImage(image.id(), DiskFormat.fromGlance(image.diskFormat()), token,
                        image.directUrl());
                imageMetadata = image.properties();
                bootable = true;
            } else {
                if (size == null) {
                    throw VolumeError.INVALID_INPUT.exception("Volume size must be given when creating a volume"
                            + " from nothing (no snapshot, source volume or image).");
                }
                source = new VolumeWork.Empty();
            }
        }
        checkSize(size);
        checkGroup(caller, r.groupId(), typeId);
        if (!services.accepts(backend)) {
            throw VolumeError.INVALID_INPUT.exception("No valid backend was found: the volume service of backend "
                    + backend + " is disabled.");
        }
        int gb = size;
        String id = UUID.randomUUID().toString();
        String b = backend;
        String ty = typeId;
        Map<String, String> im = imageMetadata;
        boolean boot = bootable;
        VolumeEntity v = quotas.withLock(caller.projectId(), () -> tx.execute(st -> {
            quotas.check(caller.projectId(), 1, 0, gb, gb);
            quotas.checkType(caller.projectId(), ty, types.find(ty).map(VolumeTypeEntity::getName).orElse(ty), gb);
            VolumeEntity e = new VolumeEntity(id, caller.projectId(), caller.userId(), gb, zone, ty, b,
                    clock.instant());
            e.setName(r.name());
            e.setDescription(r.description());
            e.setSnapshotId(r.snapshotId());
            e.setSourceVolid(r.sourceVolid());
            e.setImageId(r.imageRef());
            e.setGroupId(r.groupId());
            e.setBootable(boot);
            e.getImageMetadata().putAll(im);
            if (r.metadata() != null) {
                e.getMetadata().putAll(r.metadata());
            }
            return volumes.save(e);
        }));
        if (schedulable) {
            work.create(v, source);
        } else {
            work.unschedulable(v);
        }
        return v;
    }

    /** 3.13's {@code group_id}: a group the caller sees, whose volume types include the volume's (Cinder's checks). */
    private void checkGroup(Caller caller, String groupId, String typeId) {
        if (groupId == null) {
            return;
        }
        GroupEntity g = groups.findById(groupId).filter(x -> caller.admin() || caller.owns(x.getProjectId()))
                .orElseThrow(() -> VolumeError.GROUP_NOT_FOUND.exception(groupId));
        if (!g.getVolumeTypeIds().contains(typeId)) {
            throw VolumeError.INVALID_INPUT.exception("Invalid volume_type provided: " + typeId + " (requested type"
                    + " must be supported by this group).");
        }
    }

    /**
     * Microversion 3.8, {@code POST manageable_volumes}, as Cinder's {@code manage_existing}: the host must name a
     * volume service that takes volumes (else Cinder's ServiceUnavailable, 400), a {@code source-name} naming a
     * volume already managed is refused, and the volume is recorded {@code managing}, size 0, outside the quota,
     * then its backend is asked to adopt {@code ref} ({@link VolumeWork#manage}).
     */
    public VolumeEntity manage(Caller caller, String host, Map<String, String> ref, String name, String description,
                               String volumeType, Map<String, String> metadata, String availabilityZone,
                               boolean bootable) {
        caller.require(Policy.VOLUME_MANAGE);
        VolumeTypeEntity type;
        try {
            type = volumeType == null ? types.defaultType() : types.get(volumeType, caller);
        } catch (io.nubo.blockstorage.error.VolumeException e) {
            throw VolumeError.INVALID_TYPE.exception("Cannot find requested '" + volumeType + "' volume type");
        }
        String sourceName = ref.get("source-name");
        if (sourceName != null && sourceName.startsWith("volume-") && volumes.findLive(sourceName.substring(7))
                .isPresent()) {
            throw VolumeError.INVALID_VOLUME.exception("Unable to manage existing volume. The volume is already"
                    + " managed");
        }
        VolumeServices.Info service = services.volumeService(host).orElseThrow(() -> VolumeError.BAD_REQUEST
                .exception("Host '" + host + "' not found"));
        if (service.disabled()) {
            throw VolumeError.BAD_REQUEST.exception("Service is unavailable at this time.");
        }
        if (availabilityZone != null && !availabilityZone.equals(zone)) {
            throw VolumeError.INVALID_INPUT.exception("Availability zone '" + availabilityZone + "' is invalid.");
        }
        VolumeEntity v = tx.execute(st -> {
            VolumeEntity e = new VolumeEntity(UUID.randomUUID().toString(), caller.projectId(), caller.userId(), 0,
                    zone, type.getId(), service.backend(), clock.instant());
            e.startAs(VolumeStatus.MANAGING);
            e.setName(name == null ? null : name.strip());
            e.setDescription(description == null ? null : description.strip());
            e.setBootable(bootable);
            if (metadata != null) {
                e.getMetadata().putAll(metadata);
            }
            return volumes.save(e);
        });
        work.manage(v, ref);
        return v;
    }

    private ImageServiceClient.Image image(String token, String imageRef) {
        ImageServiceClient.Image image;
        try {
            image = images.show(token, imageRef);
        } catch (IOException e) {
            throw VolumeError.BACKEND_FAILURE.exception("read image " + imageRef + " from the image service");
        }
        if (image == null) {
            throw VolumeError.IMAGE_NOT_FOUND.exception();
        }
        if (!"active".equals(image.status())) {
            throw VolumeError.INVALID_INPUT.exception("Image " + imageRef + " is not active.");
        }
        if (DiskFormat.fromGlance(image.diskFormat()) == null) {
            throw VolumeError.INVALID_INPUT.exception("Image " + imageRef + " has disk format " + image.diskFormat()
                    + ", which a volume cannot be made from.");
        }
        return image;
    }

    private static Integer sizeAtLeast(Integer size, int sourceGb, String what) {
        if (size == null) {
            return sourceGb;
        }
        if (size < sourceGb) {
            throw VolumeError.INVALID_INPUT.exception("Volume size '" + size + "'GB cannot be smaller than the " + what
                    + " size " + sourceGb + "GB. They must be >= original " + what + " size.");
        }
        return size;
    }

    static void checkSize(Integer size) {
        if (size == null || size <= 0) {
            throw VolumeError.INVALID_INPUT.exception("Volume size '" + size + "' must be an integer and greater"
                    + " than 0.");
        }
    }

    static long gibCeil(long bytes) {
        return (bytes + VolumeWork.GIB - 1) / VolumeWork.GIB;
    }

    public VolumeEntity update(Caller caller, String id, String name, String description,
                               Map<String, String> metadata) {
        return tx.execute(st -> {
            VolumeEntity v = visible(caller, id);
            caller.require(Policy.VOLUME_UPDATE, v.getProjectId());
            if (name != null) {
                v.setName(name);
            }
            if (description != null) {
                v.setDescription(description);
            }
            if (metadata != null) {
                v.getMetadata().clear();
                v.getMetadata().putAll(metadata);
            }
            v.setUpdatedAt(clock.instant());
            return volumes.save(v);
        });
    }

    /** Cinder refuses to delete a volume that is attached, busy or has snapshots: 400, the volume unchanged. */
    private static final String IN_GROUP_OR_BUSY = "Volume status must be available or error or error_restoring"
            + " or error_extending or error_managing and must not be migrating, attached, belong to a group,"
            + " have snapshots or be disassociated from snapshots after volume transfer.";

    public void delete(Caller caller, String id) {
        delete(caller, id, false, false);
    }

    /**
     * {@code DELETE /volumes/{id}?cascade=true} also deletes the volume's snapshots (each must be available or in
     * error, as Cinder); {@code force} (os-force_delete, admin) starts from any status but deleting. Neither deletes
     * an attached volume.
     */
    public void delete(Caller caller, String id, boolean force, boolean cascade) {
        delete(caller, id, force, cascade, false);
    }

    /** A group's delete with {@code delete-volumes} (3.13): its volumes go with it, as Cinder's delete_group. */
    public void deleteOfGroup(Caller caller, String id) {
        delete(caller, id, false, false, true);
    }

    private void delete(Caller caller, String id, boolean force, boolean cascade, boolean ofGroup) {
        VolumeEntity v = visible(caller, id);
        caller.require(force ? Policy.VOLUME_FORCE_DELETE : Policy.VOLUME_DELETE, v.getProjectId());
        if (v.getGroupId() != null && !ofGroup) {
            throw VolumeError.INVALID_VOLUME.exception(IN_GROUP_OR_BUSY);
        }
        List<SnapshotEntity> snaps = snapshots.findLiveOf(id);
        if (!snaps.isEmpty() && !cascade) {
            throw VolumeError.INVALID_VOLUME.exception("Volume still has " + snaps.size() + " dependent snapshots.");
        }
        for (SnapshotEntity s : snaps) {
            if (!SnapshotTransition.BEGIN_DELETE.from().contains(s.getStatus())) {
                throw VolumeError.INVALID_VOLUME.exception("Snapshot " + s.getId() + " of the volume is "
                        + s.getStatus().wire() + ": it must be available or error to delete with cascade.");
            }
        }
        if (!attachments.findLiveOf(id).isEmpty() && force) {
            throw VolumeError.INVALID_VOLUME.exception("Volume cannot be deleted while in attached state.");
        }
        VolumeStatus before = v.getStatus();
        if (!lifecycle.tryApply(id, force ? VolumeTransition.FORCE_DELETE : VolumeTransition.BEGIN_DELETE)) {
            throw VolumeError.INVALID_VOLUME.exception(IN_GROUP_OR_BUSY);
        }
        List<SnapshotEntity> deleting = snaps.stream()
                .filter(s -> snapshotLifecycle.tryApply(s.getId(), SnapshotTransition.BEGIN_DELETE)).toList();
        // a volume whose create failed was never announced, so its deletion is not either
        work.delete(v, before != VolumeStatus.ERROR, deleting);
    }

    /** Microversion 3.42: an in-use volume may be extended too (Cinder's extend_attached_volume). */
    public static final io.nubo.shared.microversion.ApiVersion EXTEND_ATTACHED =
            io.nubo.shared.microversion.ApiVersion.parse("3.42");

    public void extend(Caller caller, String id, Integer newSize, io.nubo.shared.microversion.ApiVersion version) {
        VolumeEntity v = visible(caller, id);
        caller.require(Policy.VOLUME_EXTEND, v.getProjectId());
        if (newSize == null) {
            throw VolumeError.INVALID_INPUT.exception("New volume size must be specified as an integer.");
        }
        boolean attachedAllowed = version != null && version.atLeast(EXTEND_ATTACHED);
        boolean attached = attachedAllowed && v.getStatus() == VolumeStatus.IN_USE;
        if (v.getStatus() != VolumeStatus.AVAILABLE && !attached) {
            throw VolumeError.INVALID_VOLUME.exception("Volume " + id + " status must be "
                    + (attachedAllowed ? "available or in-use" : "available") + " to extend, but current status is: "
                    + v.getStatus().wire() + ".");
        }
        if (newSize <= v.getSizeGb()) {
            throw VolumeError.INVALID_INPUT.exception("New size for extend must be greater than current size."
                    + " (current: " + v.getSizeGb() + ", extended: " + newSize + ").");
        }
        if (attached && !work.extendsAttached(v)) {
            throw VolumeError.INVALID_VOLUME.exception("Volume " + id + " is attached and its backend ("
                    + v.getBackend() + ") cannot extend an attached volume so that the server sees the new size;"
                    + " detach it first.");
        }
        quotas.withLock(v.getProjectId(), () -> tx.execute(st -> {
            quotas.check(v.getProjectId(), 0, 0, newSize - v.getSizeGb(), newSize);
            lifecycle.apply(id, attached ? VolumeTransition.BEGIN_EXTEND_ATTACHED : VolumeTransition.BEGIN_EXTEND);
            return null;
        }));
        work.extend(v, newSize, attached);
    }

    public void setBootable(Caller caller, String id, boolean bootable) {
        tx.executeWithoutResult(st -> {
            VolumeEntity v = visible(caller, id);
            caller.require(Policy.VOLUME_BOOTABLE, v.getProjectId());
            v.setBootable(bootable);
            v.setUpdatedAt(clock.instant());
        });
    }

    public void setReadonly(Caller caller, String id, boolean readonly) {
        tx.executeWithoutResult(st -> {
            VolumeEntity v = visible(caller, id);
            caller.require(Policy.VOLUME_READONLY, v.getProjectId());
            if (v.getStatus() != VolumeStatus.AVAILABLE) {
                throw VolumeError.INVALID_VOLUME.exception("Volume status must be available to update readonly"
                        + " flag, but it is " + v.getStatus().wire() + ".");
            }
            v.setReadonly(readonly);
            v.setUpdatedAt(clock.instant());
        });
    }

    /** os-set_image_metadata (merge), os-unset_image_metadata (one key: 404 if absent); answers what is left. */
    public Map<String, String> changeImageMetadata(Caller caller, String id, Map<String, String> set, String unset) {
        return tx.execute(st -> {
            VolumeEntity v = visible(caller, id);
            caller.require(Policy.VOLUME_IMAGE_METADATA, v.getProjectId());
            if (set != null) {
                v.getImageMetadata().putAll(set);
            }
            if (unset != null && v.getImageMetadata().remove(unset) == null) {
                throw VolumeError.METADATA_NOT_FOUND.exception();
            }
            if (set != null || unset != null) {
                v.setUpdatedAt(clock.instant());
            }
            return new java.util.TreeMap<>(v.getImageMetadata());
        });
    }
}
