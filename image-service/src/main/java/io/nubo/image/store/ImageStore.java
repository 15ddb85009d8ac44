package io.nubo.image.store;

import java.io.IOException;
import java.io.InputStream;

/**
 * Where image bytes live: Glance's "store". A driver only moves bytes; checksums, size limits and the image's
 * status are the caller's business. Every driver passes {@code ImageStoreContract}.
 *
 * <p>A write is all or nothing: when {@link #write} returns, the data is durable under the returned location;
 * when it throws, nothing is left behind under any location a reader could be given.
 */
public interface ImageStore {

    /** The store's id, as {@code /v2/info/stores} and an image's {@code stores} field name it (e.g. {@code file}). */
    String id();

    String description();

    /** Streams {@code data} to its end into a new object for {@code imageId}; never buffers it whole in memory. */
    StoredObject write(String imageId, InputStream data) throws IOException;

    /**
     * Opens the object for reading from {@code offset}, at most {@code length} bytes ({@code -1}: to the end).
     *
     * @throws java.nio.file.NoSuchFileException when nothing is stored there: the one "not found" of every byte
     *                                           store (the object store's {@code BlobStore} says it the same way)
     */
    InputStream read(String location, long offset, long length) throws IOException;

    /** Removes the object; removing one that is not there is not an error. */
    void delete(String location) throws IOException;

    boolean exists(String location) throws IOException;

    /**
     * Throws {@link ImageInUseException} when {@link #delete} would refuse because something still uses the data
     * (an RBD snapshot with clones), so that an image delete can answer 409 before it marks the image deleted.
     */
    default void checkNotInUse(String location) throws IOException {
    }

    /** Deletes for clean-up after a failure or a delete: logged, never thrown (an orphan is better than a 500). */
    default void deleteQuietly(String location) {
        if (location == null) {
            return;
        }
        try {
            delete(location);
        } catch (IOException | RuntimeException e) {
            org.slf4j.LoggerFactory.getLogger(ImageStore.class)
                    .warn("Could not remove image data at {} from store {}: {}", location, id(), e.toString());
        }
    }

    /** What a write left behind: where it is and how many bytes it holds. */
    record StoredObject(String location, long size) {
    }
}
