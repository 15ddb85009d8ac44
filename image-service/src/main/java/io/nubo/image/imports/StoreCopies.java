package io.nubo.image.imports;

import io.nubo.image.image.ExtraLocation;
import io.nubo.image.image.ImageEntity;
import io.nubo.image.image.ImageStatus;
import io.nubo.image.store.ImageStore;
import io.nubo.image.web.ImageError;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Glance's multi-store: the same image data in several stores, each copy one more location of the image (its
 * store named in the image's {@code stores}). Copies are read from a copy already written, never from the client
 * again, and each must have the image's size.
 */
final class StoreCopies {

    static final String IMPORTING_TO = "os_glance_importing_to_stores";
    private static final Logger log = LoggerFactory.getLogger(StoreCopies.class);

    private StoreCopies() {
    }

    /** Which stores an import or copy writes to; {@code present}: stores that hold the image already. */
    static List<ImageStore> targets(ImportRequest request, String headerStore, List<ImageStore> writable,
                                    ImageStore defaultStore, Set<String> present, boolean copy) {
        List<ImageStore> chosen = new ArrayList<>();
        if (Boolean.TRUE.equals(request.allStores())) {
            if (request.stores() != null && !request.stores().isEmpty()) {
                throw ImageError.BAD_REQUEST.exception("Specify either all_stores or stores, not both.");
            }
            writable.stream().filter(s -> !present.contains(s.id())).forEach(chosen::add);
            return chosen;
        }
        Set<String> ids = new LinkedHashSet<>();
        if (request.stores() != null && !request.stores().isEmpty()) {
            ids.addAll(request.stores());
        } else if (headerStore != null && !headerStore.isBlank()) {
            ids.add(headerStore.trim());
        } else if (!copy) {
            ids.add(defaultStore.id());
        }
        for (String id : ids) {
            ImageStore s = writable.stream().filter(w -> w.id().equals(id)).findFirst().orElseThrow(
                    () -> ImageError.CONFLICT.exception("Store " + id + " is not available on this cloud."));
            if (present.contains(id)) {
                throw ImageError.CONFLICT.exception("Image is already present at store '" + id + "'.");
            }
            chosen.add(s);
        }
        if (copy && chosen.isEmpty() && !Boolean.TRUE.equals(request.allStores())) {
            throw ImageError.BAD_REQUEST.exception("copy-image needs 'stores' or 'all_stores'.");
        }
        return chosen;
    }

    /** A copy that reached a store. */
    record Copy(String store, String location) {
    }

    /** Copies the data at {@code location} of {@code source} to each target; answers the copies made. */
    static List<Copy> copy(String imageId, ImageStore source, String location, long size, List<ImageStore> targets,
                           List<String> failed) {
        List<Copy> made = new ArrayList<>();
        for (ImageStore target : targets) {
            try (InputStream in = source.read(location, 0, -1)) {
                ImageStore.StoredObject o = target.write(imageId, in);
                if (o.size() != size) {
                    target.deleteQuietly(o.location());
                    throw new IOException("copied " + o.size() + " of " + size + " bytes");
                }
                made.add(new Copy(target.id(), o.location()));
            } catch (IOException | RuntimeException e) {
                log.warn("Copying image {} to store {} failed: {}", imageId, target.id(), e.toString());
                failed.add(target.id());
            }
        }
        return made;
    }

    /** Records the copies as further locations of a live image with data; false if it is gone or has none. */
    static boolean record(ImageEntity image, List<Copy> copies) {
        if (image == null || image.getLocation() == null
                || image.getStatus() != ImageStatus.ACTIVE && image.getStatus() != ImageStatus.DEACTIVATED) {
            return false;
        }
        for (Copy c : copies) {
            image.getExtraLocations().add(new ExtraLocation(c.location(), c.store(), "{}"));
        }
        return true;
    }

    static void deleteAll(List<ImageStore> stores, List<Copy> copies) {
        for (Copy c : copies) {
            stores.stream().filter(s -> s.id().equals(c.store())).findFirst()
                    .ifPresent(s -> s.deleteQuietly(c.location()));
        }
    }
}
