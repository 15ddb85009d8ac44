package io.nubo.image.image;

import io.nubo.image.store.ImageInUseException;
import io.nubo.image.store.ImageStore;
import io.nubo.image.store.ImageStores;
import io.nubo.image.web.Caller;
import io.nubo.image.web.ImageError;
import java.io.IOException;
import org.springframework.stereotype.Service;

/**
 * Deletes an image: the record turns {@code deleted} first (compare-and-swap, so an upload still streaming
 * cannot make it active again: its finishing swap fails and it removes its own data), then the bytes go.
 */
@Service
public class ImageDeletion {

    private final ImageAccess access;
    private final ImageLifecycle lifecycle;
    private final ImageStores stores;
    private final ImageEvents events;

    public ImageDeletion(ImageAccess access, ImageLifecycle lifecycle, ImageStores stores, ImageEvents events) {
        this.access = access;
        this.lifecycle = lifecycle;
        this.stores = stores;
        this.events = events;
    }

    public void delete(String id, Caller caller) {
        ImageEntity image = access.modifiable(id, caller);
        if (image.isProtected()) {
            throw ImageError.PROTECTED.exception(id);
        }
        refuseWhileInUse(image);
        if (!events.deleted(image)) {
            throw ImageError.IMAGE_NOT_FOUND.exception(id);
        }
        ImageStore store = stores.byId(image.getStoreName());
        if (store != null) {
            store.deleteQuietly(image.getLocation());
        }
        for (ExtraLocation extra : image.getExtraLocations()) {
            ImageStore other = stores.byId(extra.getStoreName());
            if (other != null) {
                other.deleteQuietly(extra.getUrl());
            }
        }
        stores.staging().deleteQuietly(image.getStagedLocation());
    }

    /** As Glance: 409 while a store's copy is in use (an RBD snapshot with clones); the image stays as it was. */
    private void refuseWhileInUse(ImageEntity image) {
        check(image.getId(), stores.byId(image.getStoreName()), image.getLocation());
        for (ExtraLocation extra : image.getExtraLocations()) {
            check(image.getId(), stores.byId(extra.getStoreName()), extra.getUrl());
        }
    }

    private static void check(String id, ImageStore store, String location) {
        if (store == null || location == null) {
            return;
        }
        try {
            store.checkNotInUse(location);
        } catch (ImageInUseException e) {
            throw ImageError.CONFLICT.exception("Image " + id + " could not be deleted because it is in use: "
                    + e.getMessage());
        } catch (IOException | RuntimeException e) {
            // the store is away or the location is not its own: the delete goes on and logs what it cannot remove
        }
    }
}
