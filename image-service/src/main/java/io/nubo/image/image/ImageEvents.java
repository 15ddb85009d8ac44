package io.nubo.image.image;

import io.nubo.shared.events.ImageActivated;
import io.nubo.shared.events.ImageDeleted;
import io.nubo.shared.outbox.EventPublisher;
import java.time.Clock;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The status changes other services hear about, each written with its event in one transaction (the outbox):
 * an image turning active with its data, and an image being deleted.
 */
@Component
public class ImageEvents {

    private final ImageLifecycle lifecycle;
    private final ImageRepository images;
    private final EventPublisher publisher;
    private final Clock clock;

    public ImageEvents(ImageLifecycle lifecycle, ImageRepository images, EventPublisher publisher, Clock clock) {
        this.lifecycle = lifecycle;
        this.images = images;
        this.publisher = publisher;
        this.clock = clock;
    }

    /** Finishes an upload or import and announces it; false if the image left the transition's source status. */
    @Transactional
    public boolean activated(String imageId, ImageTransition t, ImageLifecycle.StoredData data) {
        if (!lifecycle.finish(imageId, t, data)) {
            return false;
        }
        ImageEntity i = images.findById(imageId).orElseThrow();
        publisher.publish(new ImageActivated(imageId, i.getOwner(), data.size(), data.md5(),
                ImageLifecycle.StoredData.HASH_ALGO, data.sha512(), i.getDiskFormat(), i.getContainerFormat(),
                data.store(), clock.instant()), imageId, i.getOwner());
        return true;
    }

    /** A first location makes a queued image active (no bytes to hash: the client's validation_data, if any). */
    @Transactional
    public boolean located(String imageId, String store, String location, long size, String checksum, String algo,
                           String hash) {
        if (!lifecycle.locate(imageId, store, location, size, checksum, algo, hash)) {
            return false;
        }
        ImageEntity i = images.findById(imageId).orElseThrow();
        publisher.publish(new ImageActivated(imageId, i.getOwner(), size, checksum, algo, hash, i.getDiskFormat(),
                i.getContainerFormat(), store, clock.instant()), imageId, i.getOwner());
        return true;
    }

    /** Marks the image deleted and announces it; false if it already was. */
    @Transactional
    public boolean deleted(ImageEntity image) {
        if (!lifecycle.markDeleted(image.getId())) {
            return false;
        }
        publisher.publish(new ImageDeleted(image.getId(), image.getOwner(), image.getSize(), clock.instant()),
                image.getId(), image.getOwner());
        return true;
    }
}
