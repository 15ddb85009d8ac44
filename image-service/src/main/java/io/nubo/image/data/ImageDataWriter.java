package io.nubo.image.data;

import io.nubo.image.image.ImageLifecycle.StoredData;
import io.nubo.image.quota.ImageQuotas;
import io.nubo.image.store.ImageStore;
import io.nubo.image.web.ImageError;
import java.io.IOException;
import java.io.InputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Streams image data into a store while counting and hashing it, and turns every way that can fail into a clear
 * error with nothing left in the store: content that does not match its disk_format (400, see
 * {@link DiskFormatInspector}), a short or broken client stream (400), more data than declared (400) or
 * than the quota allows (413), a failing store (503).
 */
@Component
public class ImageDataWriter {

    private static final Logger log = LoggerFactory.getLogger(ImageDataWriter.class);

    /**
     * @param declaredLength the request's Content-Length, or -1 when it is chunked
     * @param maxBytes       the most the project may still store
     * @param quotaLimit     the quota itself, for the message
     */
    public StoredData write(ImageStore store, String imageId, String diskFormat, InputStream data,
                            long declaredLength, long maxBytes, long quotaLimit) {
        if (declaredLength > maxBytes) {
            throw ImageError.OVER_QUOTA.exception(ImageQuotas.overBytes(quotaLimit));
        }
        boolean declared = declaredLength >= 0;
        long limit = declared ? declaredLength : maxBytes;
        String reason = declared && declaredLength < maxBytes ? "declared" : "quota";
        DigestingInputStream in = new DigestingInputStream(data, limit, reason);
        try {
            ImageStore.StoredObject stored;
            try {
                stored = store.write(imageId, in);
            } catch (DigestingInputStream.ClientDataException e) {
                throw ImageError.BAD_REQUEST.exception("The image data ended before all of it arrived ("
                        + in.count() + (declared ? " of " + declaredLength : "") + " bytes); nothing was stored.");
            } catch (DigestingInputStream.LimitExceededException e) {
                if (e.getMessage().equals("quota")) {
                    throw ImageError.OVER_QUOTA.exception(ImageQuotas.overBytes(quotaLimit));
                }
                throw ImageError.BAD_REQUEST.exception("More image data arrived than the declared size of "
                        + declaredLength + " bytes; nothing was stored.");
            } catch (IOException | RuntimeException e) {
                log.error("Store {} failed to write image {}", store.id(), imageId, e);
                throw ImageError.STORE_FAILURE.exception("store the image data");
            }
            if (declared && stored.size() != declaredLength) {
                store.deleteQuietly(stored.location());
                throw ImageError.BAD_REQUEST.exception("The image data was shorter than declared (" + stored.size()
                        + " of " + declaredLength + " bytes); nothing was stored.");
            }
            DiskFormatInspector.Inspection inspection = DiskFormatInspector.inspect(diskFormat, in.head(),
                    in.headLength(), stored.size());
            if (inspection.refusal() != null) {
                store.deleteQuietly(stored.location());
                throw ImageError.BAD_REQUEST.exception(inspection.refusal() + " Nothing was stored.");
            }
            String[] digests;
            try {
                digests = in.digests();
            } catch (IOException e) {
                store.deleteQuietly(stored.location());
                throw ImageError.STORE_FAILURE.exception("hash the image data");
            }
            return new StoredData(store.id(), stored.location(), stored.size(), digests[0], digests[1],
                    inspection.virtualSize());
        } finally {
            in.release();
        }
    }

}
