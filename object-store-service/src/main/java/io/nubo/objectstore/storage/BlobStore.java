package io.nubo.objectstore.storage;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.function.Consumer;

/**
 * Where object bytes live. The database names objects and holds their metadata; a blob store only keeps opaque,
 * immutable blobs under keys it hands out. A blob becomes visible under its key only when completely written, so
 * no reader ever sees a partial object, and a failed or interrupted write leaves nothing behind.
 * One contract test suite ({@code BlobStoreContractTest}) runs against every driver.
 */
public interface BlobStore {

    /**
     * Streams {@code in} into a new blob, computing its MD5 on the way.
     *
     * @param maxBytes the most bytes accepted; more fails with {@link BlobTooLargeException} and stores nothing
     */
    StoredBlob write(InputStream in, long maxBytes) throws IOException;

    /**
     * Streams {@code length} bytes of a blob from {@code offset}; {@code length < 0} means to the end.
     *
     * @throws java.nio.file.NoSuchFileException when no blob has this key: the one "not found" of every byte store
     *                                           (the image service's {@code ImageStore} says it the same way)
     */
    InputStream read(String key, long offset, long length) throws IOException;

    /** Removes a blob; removing a missing one is not an error. */
    void delete(String key) throws IOException;

    boolean exists(String key) throws IOException;

    /**
     * Hands every blob last written before {@code writtenBefore} to {@code key}: what the sweep of blobs no object
     * names reads. A driver that cannot list its blobs hands none.
     */
    default void forEachBlobWrittenBefore(Instant writtenBefore, Consumer<String> key) throws IOException {
    }

    /** The driver's name as configured ({@code local}, {@code rados}). */
    String name();
}
