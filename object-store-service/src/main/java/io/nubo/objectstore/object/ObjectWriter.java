package io.nubo.objectstore.object;

import io.nubo.objectstore.config.ObjectStoreProperties;
import io.nubo.objectstore.container.ContainerEntity;
import io.nubo.objectstore.error.SwiftError;
import io.nubo.objectstore.storage.BlobStore;
import io.nubo.objectstore.storage.BlobTooLargeException;
import io.nubo.objectstore.storage.StoredBlob;
import java.io.IOException;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Writes an object's bytes and then its row: the bytes go to the blob store first (streamed, never held in
 * memory), are checked against the client's ETag and the quotas, and only then become the object. Whatever
 * fails on the way removes the new blob, so a failed write leaves the previous version untouched.
 */
@Component
public class ObjectWriter {

    private final BlobStore blobs;
    private final ObjectCatalog catalog;
    private final Quotas quotas;
    private final ObjectStoreProperties props;

    public ObjectWriter(BlobStore blobs, ObjectCatalog catalog, Quotas quotas, ObjectStoreProperties props) {
        this.blobs = blobs;
        this.catalog = catalog;
        this.quotas = quotas;
        this.props = props;
    }

    /** What a write says about the object besides its bytes. */
    public record Description(String contentType, Map<String, String> metadata, Long deleteAt, ObjectKind kind,
                              String manifest, String expectedEtag) {
    }

    /** Writes the upload's bytes to the blob store, then its row: the object becomes visible at once, whole. */
    public ObjectEntity write(ContainerEntity c, ObjectUpload upload) throws IOException {
        String account = upload.account();
        String name = upload.name();
        long length = upload.length();
        Description d = upload.description();
        if (length > props.maxFileSize()) {
            throw SwiftError.OS_008_TOO_LARGE.error("Your request is too large.");
        }
        boolean checkQuota = quotas.any(account, c);
        // the object this one replaces matters only to a quota (its bytes are freed, it is not a new object)
        Optional<ObjectEntity> previous = checkQuota ? catalog.find(c.getId(), name) : Optional.empty();
        long replaced = previous.map(ObjectEntity::getSizeBytes).orElse(0L);
        if (checkQuota && length >= 0) {
            quotas.check(account, c, length, previous.isEmpty(), replaced);
        }
        StoredBlob blob;
        try {
            blob = blobs.write(upload.body(), length >= 0 ? length : props.maxFileSize());
        } catch (BlobTooLargeException e) {
            throw SwiftError.OS_008_TOO_LARGE.error("Your request is too large.");
        }
        try {
            if (length >= 0 && blob.size() != length) {
                throw SwiftError.OS_002_BAD_REQUEST.error("The body was shorter than its Content-Length.");
            }
            String expected = d.expectedEtag() == null ? null
                    : d.expectedEtag().replace("\"", "").trim().toLowerCase(Locale.ROOT);
            if (expected != null && !expected.isEmpty() && !expected.equals(blob.md5())) {
                throw SwiftError.OS_009_UNPROCESSABLE.error("The ETag sent does not match the MD5 of the data.");
            }
            if (checkQuota && length < 0) {
                quotas.check(account, c, blob.size(), previous.isEmpty(), replaced);
            }
            ObjectVersion v = new ObjectVersion(blob.key(), blob.size(), blob.md5(), d.contentType(), Instant.now(),
                    d.deleteAt(), d.kind(), d.manifest(), d.metadata());
            return save(c, name, v);
        } catch (RuntimeException e) {
            catalog.deleteQuietly(blob.key());
            throw e;
        }
    }

    /**
     * Saves a row whose blob (if any) is written. When a concurrent write of the same name committed first (a first
     * write of the name, or a replacement of the row this one read), it is applied again on top of the winner:
     * the last write wins and no blob a row still names is deleted.
     */
    public ObjectEntity save(ContainerEntity c, String name, ObjectVersion v) {
        return ObjectCatalog.retryingConflicts(() -> catalog.put(c, name, v));
    }
}
