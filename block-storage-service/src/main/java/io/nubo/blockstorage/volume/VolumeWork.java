package io.nubo.blockstorage.volume;

import io.nubo.blockstorage.backend.DiskFormat;
import io.nubo.blockstorage.backend.VolumeBackend;
import io.nubo.blockstorage.backend.VolumeBackends;
import io.nubo.blockstorage.backend.ImageTooLargeException;
import io.nubo.blockstorage.image.ImageServiceClient;
import io.nubo.blockstorage.message.MessageService;
import io.nubo.blockstorage.message.UserMessage;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import io.nubo.blockstorage.volume.snapshot.SnapshotEntity;
import io.nubo.blockstorage.volume.snapshot.SnapshotLifecycle;
import io.nubo.blockstorage.volume.snapshot.SnapshotTransition;
import java.util.concurrent.ExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

/**
 * The backend side of volume operations, run on the work executor after the request's transaction committed: each
 * task does the backend call, then applies the success or the failure transition, so every status held by work is
 * left again whatever happens (and the start-up sweep covers a crash in between).
 */
@Component
public class VolumeWork {

    static final long GIB = 1L << 30;
    private static final Logger log = LoggerFactory.getLogger(VolumeWork.class);

    private final VolumeBackends backends;
    private final VolumeLifecycle lifecycle;
    private final SnapshotLifecycle snapshotLifecycle;
    private final VolumeEvents events;
    private final ImageServiceClient images;
    private final ExecutorService executor;
    private final MessageService messages;
    private final GroupMembers groups;

    public VolumeWork(VolumeBackends backends, VolumeLifecycle lifecycle, SnapshotLifecycle snapshotLifecycle,
                      VolumeEvents events, ImageServiceClient images,
                      @Qualifier("volumeWorkExecutor") ExecutorService executor, MessageService messages,
                      GroupMembers groups) {
        this.backends = backends;
        this.lifecycle = lifecycle;
        this.snapshotLifecycle = snapshotLifecycle;
        this.events = events;
        this.images = images;
        this.executor = executor;
        this.messages = messages;
        this.groups = groups;
    }

    /** Where a new volume's bytes come from. */
    public sealed interface Source permits Empty, FromSnapshot, FromVolume, FromImage {
    }

    public record Empty() implements Source {
    }

    public record FromSnapshot(String volumeId, String snapshotId) implements Source {
    }

    public record FromVolume(String volumeId) implements Source {
    }

    /** {@code location}: the image's direct_url, which a backend may clone from (null: download it). */
    public record FromImage(String imageId, DiskFormat format, String token, String location) implements Source {
    }

    public void create(VolumeEntity v, Source source) {
        executor.execute(() -> {
            VolumeBackend b = backends.get(v.getBackend());
            long bytes = v.getSizeGb() * GIB;
            try {
                if (source instanceof FromSnapshot s) {
                    b.createFromSnapshot(s.volumeId(), s.snapshotId(), v.getId(), bytes);
                } else if (source instanceof FromVolume s) {
                    b.cloneVolume(s.volumeId(), v.getId(), bytes);
                } else if (source instanceof FromImage i) {
                    if (!lifecycle.tryApply(v.getId(), VolumeTransition.BEGIN_DOWNLOAD)) {
                        return;
                    }
                    // Cinder's clone_image: a backend that reaches the image where it lives clones it (rbd:
                    // copy-on-write from the image's snap, whatever the size); otherwise the bytes are copied
                    if (i.location() == null || !b.cloneImage(v.getId(), i.location(), i.format(), bytes)) {
                        b.create(v.getId(), bytes);
                        try (InputStream data = images.download(i.token(), i.imageId())) {
                            b.copyImageToVolume(v.getId(), data, i.format());
                        }
                    }
                } else {
                    b.create(v.getId(), bytes);
                }
                VolumeTransition done = source instanceof FromImage ? VolumeTransition.DOWNLOADED
                        : VolumeTransition.CREATED;
                if (!events.created(v.getId(), done)) {
                    // deleted meanwhile? then the bytes just made are nobody's
                    log.warn("volume {} left creating while its bytes were made", v.getId());
                }
            } catch (IOException | RuntimeException e) {
                log.warn("creating volume {} on {} failed: {}", v.getId(), v.getBackend(), e.toString());
                removeQuietly(b, v.getId());
                if (lifecycle.fail(v.getId(), VolumeTransition.CREATE_FAILED, e.getMessage())
                        && source instanceof FromImage) {
                    messages.record(v.getProjectId(), v.getId(), UserMessage.Action.COPY_IMAGE_TO_VOLUME,
                            e instanceof ImageTooLargeException ? UserMessage.Detail.NOT_ENOUGH_SPACE_FOR_IMAGE
                                    : UserMessage.Detail.UNKNOWN_ERROR);
                }
            }
            if (v.getGroupId() != null) {
                groups.settled(v.getGroupId());
            }
        });
    }

    /** Microversion 3.8: the backend adopts {@code ref} as the volume, or the volume goes to error_managing. */
    public void manage(VolumeEntity v, Map<String, String> ref) {
        executor.execute(() -> {
            try {
                backends.get(v.getBackend()).manageExisting(v.getId(), ref);
                // no driver gets here yet: when one does, it must also report the size and make the volume available
                throw new UnsupportedOperationException("the backend adopted the volume but reported no size");
            } catch (IOException | RuntimeException e) {
                log.warn("managing {} as volume {} on {} failed: {}", ref, v.getId(), v.getBackend(), e.toString());
                lifecycle.fail(v.getId(), VolumeTransition.MANAGE_FAILED, e.getMessage());
            }
        });
    }

    /**
     * A volume whose type asks for capabilities its backend does not have: Cinder's scheduler finds no backend,
     * so the volume goes to error (nothing is made on any backend) with the user message saying so.
     */
    public void unschedulable(VolumeEntity v) {
        executor.execute(() -> {
            if (lifecycle.fail(v.getId(), VolumeTransition.CREATE_FAILED, "No valid backend was found.")) {
                messages.record(v.getProjectId(), v.getId(), UserMessage.Action.SCHEDULE_ALLOCATE_VOLUME,
                        UserMessage.Detail.NO_BACKEND_AVAILABLE);
            }
        });
    }

    /** Deletes the volume's snapshots (already deleting: cascade) and then the volume, on the backend. */
    public void delete(VolumeEntity v, boolean wasAnnounced, List<SnapshotEntity> snapshots) {
        executor.execute(() -> {
            VolumeBackend b = backends.get(v.getBackend());
            for (SnapshotEntity s : snapshots) {
                try {
                    b.deleteSnapshot(v.getId(), s.getId());
                    events.snapshotDeleted(s);
                } catch (IOException | RuntimeException e) {
                    log.warn("deleting snapshot {} of volume {} failed: {}", s.getId(), v.getId(), e.toString());
                    snapshotLifecycle.fail(s.getId(), SnapshotTransition.DELETE_FAILED, e.getMessage());
                    lifecycle.fail(v.getId(), VolumeTransition.DELETE_FAILED, "snapshot " + s.getId()
                            + " could not be deleted: " + e.getMessage());
                    return;
                }
            }
            try {
                b.delete(v.getId());
                events.deleted(v, wasAnnounced);
            } catch (IOException | RuntimeException e) {
                log.warn("deleting volume {} failed: {}", v.getId(), e.toString());
                lifecycle.fail(v.getId(), VolumeTransition.DELETE_FAILED, e.getMessage());
            }
        });
    }

    /** Whether the volume's backend can grow it while a guest holds it (3.42's in-use extend). */
    public boolean extendsAttached(VolumeEntity v) {
        return backends.get(v.getBackend()).extendsAttached();
    }

    /** {@code attached}: an in-use volume (3.42), which ends in-use again; a detached one ends available. */
    public void extend(VolumeEntity v, int newSizeGb, boolean attached) {
        executor.execute(() -> {
            try {
                VolumeBackend b = backends.get(v.getBackend());
                if (attached) {
                    b.extendAttached(v.getId(), newSizeGb * GIB);
                } else {
                    b.extend(v.getId(), newSizeGb * GIB);
                }
                events.resized(v.getId(), attached ? VolumeTransition.EXTENDED_ATTACHED : VolumeTransition.EXTENDED,
                        v.getSizeGb(), newSizeGb);
            } catch (IOException | RuntimeException e) {
                log.warn("extending volume {} failed: {}", v.getId(), e.toString());
                if (lifecycle.fail(v.getId(), VolumeTransition.EXTEND_FAILED, e.getMessage())) {
                    messages.record(v.getProjectId(), v.getId(), UserMessage.Action.EXTEND_VOLUME,
                            UserMessage.Detail.DRIVER_FAILED_EXTEND);
                }
            }
        });
    }

    /** Streams the volume into an image the caller created already; on failure the image is deleted. */
    public void upload(VolumeEntity v, String imageId, DiskFormat format, String token) {
        executor.execute(() -> {
            try (InputStream raw = backends.get(v.getBackend()).copyVolumeToImage(v.getId());
                 InputStream data = ImageConversion.fromRaw(raw, format)) {
                images.upload(token, imageId, data);
            } catch (IOException | RuntimeException e) {
                log.warn("uploading volume {} to image {} failed: {}", v.getId(), imageId, e.toString());
                messages.record(v.getProjectId(), v.getId(), UserMessage.Action.COPY_VOLUME_TO_IMAGE,
                        UserMessage.Detail.FAILED_TO_UPLOAD_VOLUME);
                try {
                    images.delete(token, imageId);
                } catch (IOException | RuntimeException ignored) {
                    // the image stays queued; its owner can delete it
                }
            } finally {
                lifecycle.tryApply(v.getId(), VolumeTransition.UPLOAD_ENDED);
            }
        });
    }

    private static void removeQuietly(VolumeBackend b, String volumeId) {
        try {
            b.delete(volumeId);
        } catch (IOException | RuntimeException e) {
            log.warn("could not remove what a failed create of volume {} left: {}", volumeId, e.toString());
        }
    }
}
