package io.nubo.image.data;

import io.nubo.image.image.ImageAccess;
import io.nubo.image.image.ImageEntity;
import io.nubo.image.image.ImageEvents;
import io.nubo.image.image.ImageLifecycle;
import io.nubo.image.image.ImageLifecycle.StoredData;
import io.nubo.image.image.ImageTransition;
import io.nubo.image.quota.ImageQuotas;
import io.nubo.image.store.ImageStore;
import io.nubo.image.store.ImageStores;
import io.nubo.image.web.Caller;
import io.nubo.image.web.ImageError;
import java.io.InputStream;
import org.springframework.stereotype.Service;

/**
 * {@code PUT /v2/images/{id}/file} and {@code PUT /v2/images/{id}/stage}: claim the image by compare-and-swap
 * (queued to saving, or to uploading), stream the data into the store, then finish with a second swap. Any
 * failure puts the image back to queued and removes what was written, so no image stays in saving.
 */
@Service
public class ImageUploads {

    private final ImageAccess access;
    private final ImageLifecycle lifecycle;
    private final ImageEvents events;
    private final ImageQuotas quotas;
    private final ImageStores stores;
    private final ImageDataWriter writer;

    public ImageUploads(ImageAccess access, ImageLifecycle lifecycle, ImageEvents events, ImageQuotas quotas,
                        ImageStores stores, ImageDataWriter writer) {
        this.access = access;
        this.lifecycle = lifecycle;
        this.events = events;
        this.quotas = quotas;
        this.stores = stores;
        this.writer = writer;
    }

    public void upload(String imageId, Caller caller, InputStream data, long declaredLength) {
        ImageEntity image = access.modifiable(imageId, caller);
        requireFormats(image);
        long remaining = quotas.remainingBytes(image.getOwner());
        if (declaredLength > remaining) {
            throw ImageError.OVER_QUOTA.exception(ImageQuotas.overBytes(quotas.bytesLimit()));
        }
        quotas.checkNewUpload(image.getOwner());
        lifecycle.apply(imageId, ImageTransition.BEGIN_UPLOAD);
        ImageStore store = stores.defaultStore();
        StoredData stored;
        try {
            stored = writer.write(store, imageId, image.getDiskFormat(), data, declaredLength, remaining,
                    quotas.bytesLimit());
        } catch (RuntimeException e) {
            lifecycle.tryApply(imageId, ImageTransition.ABORT_UPLOAD);
            throw e;
        }
        boolean finished;
        try {
            finished = events.activated(imageId, ImageTransition.FINISH_UPLOAD, stored);
        } catch (RuntimeException e) {
            store.deleteQuietly(stored.location());
            lifecycle.tryApply(imageId, ImageTransition.ABORT_UPLOAD);
            throw e;
        }
        if (!finished) {
            store.deleteQuietly(stored.location());
            throw ImageError.CONFLICT.exception("Image " + imageId + " was deleted during the upload; its data was discarded.");
        }
    }

    public void stage(String imageId, Caller caller, InputStream data, long declaredLength) {
        ImageEntity image = access.modifiable(imageId, caller);
        requireFormats(image);
        long remaining = quotas.remainingBytes(image.getOwner());
        quotas.checkNewUpload(image.getOwner());
        lifecycle.apply(imageId, ImageTransition.BEGIN_STAGE);
        ImageStore staging = stores.staging();
        StoredData stored;
        try {
            stored = writer.write(staging, imageId, image.getDiskFormat(), data, declaredLength, remaining,
                    quotas.bytesLimit());
        } catch (RuntimeException e) {
            lifecycle.tryApply(imageId, ImageTransition.ABORT_STAGE);
            throw e;
        }
        if (!lifecycle.recordStaged(imageId, stored.location(), stored.size())) {
            staging.deleteQuietly(stored.location());
            throw ImageError.CONFLICT.exception("Image " + imageId + " was deleted during the upload; its data was discarded.");
        }
    }

    /** Glance's rule: data is only accepted once the image says what it is. */
    static void requireFormats(ImageEntity image) {
        if (image.getDiskFormat() == null || image.getContainerFormat() == null) {
            throw ImageError.BAD_REQUEST.exception("Properties disk_format, container_format must be set prior to "
                    + "saving data.");
        }
    }
}
