package io.nubo.image.image;

import io.nubo.image.web.ImageError;
import java.time.Clock;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Applies {@link ImageTransition}s as compare-and-swap updates: each is one short transaction that succeeds only
 * if the image is still in one of the transition's source statuses. Long work (streaming bytes) happens between
 * two such transactions, never inside one.
 */
@Component
public class ImageLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ImageLifecycle.class);

    private final ImageRepository images;
    private final Clock clock;

    public ImageLifecycle(ImageRepository images, Clock clock) {
        this.images = images;
        this.clock = clock;
    }

    /** Applies the transition or throws 409 naming the status the image is really in (404 if it is gone). */
    @Transactional
    public void apply(String imageId, ImageTransition t) {
        if (images.swapStatus(imageId, t.from(), t.to(), clock.instant()) == 1) {
            return;
        }
        ImageEntity now = images.findLive(imageId).orElseThrow(() -> ImageError.IMAGE_NOT_FOUND.exception(imageId));
        throw ImageError.BAD_STATUS.exception(now.getStatus().wire(), t.to().wire());
    }

    /** Applies the transition if the image is still where it started; says whether it did. Never throws for state. */
    @Transactional
    public boolean tryApply(String imageId, ImageTransition t) {
        return images.swapStatus(imageId, t.from(), t.to(), clock.instant()) == 1;
    }

    /**
     * Finishes an upload or import: the data and its digests become the image's, and it turns active, only if it is
     * still in the transition's source status (it may have been deleted meanwhile).
     */
    @Transactional
    public boolean finish(String imageId, ImageTransition t, StoredData data) {
        ImageStatus from = t.from().iterator().next();
        return images.swapToStored(imageId, from, t.to(), data.size(), data.virtualSize(), data.md5(),
                StoredData.HASH_ALGO, data.sha512(), data.store(), data.location(), clock.instant()) == 1;
    }

    /** A queued image becomes active with its data at an external location ({@link ImageTransition#SET_LOCATION}). */
    @Transactional
    public boolean locate(String imageId, String store, String location, long size, String checksum, String algo,
                          String hash) {
        ImageTransition t = ImageTransition.SET_LOCATION;
        return images.swapToStored(imageId, t.from().iterator().next(), t.to(), size, null, checksum, algo, hash,
                store, location, clock.instant()) == 1;
    }

    @Transactional
    public boolean recordStaged(String imageId, String location, long size) {
        return images.recordStaged(imageId, location, size, clock.instant()) == 1;
    }

    @Transactional
    public boolean markDeleted(String imageId) {
        return images.markDeleted(imageId, ImageTransition.DELETE.from(), clock.instant()) == 1;
    }

    /**
     * No upload survives a restart of the service that received it, so at start images left in a transitional
     * status go back to {@code queued} (the client uploads again). One image-service instance owns the uploads of
     * its database; several instances behind one database would need an owner per upload.
     */
    @EventListener(ApplicationReadyEvent.class)
    @Transactional
    public void requeueInterruptedUploads() {
        Instant now = clock.instant();
        int n = images.requeueStuck(ImageTransition.REQUEUE_INTERRUPTED.from(), now);
        if (n > 0) {
            log.warn("{} image(s) were saving or importing when the service stopped; they are queued again", n);
        }
    }

    /** Bytes that reached a store: where, how many, and their digests. */
    public record StoredData(String store, String location, long size, String md5, String sha512, Long virtualSize) {
        public static final String HASH_ALGO = "sha512";
    }
}
