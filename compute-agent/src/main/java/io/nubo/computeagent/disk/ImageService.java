package io.nubo.computeagent.disk;

import java.io.InputStream;
import java.nio.file.Path;

/** The image service as the agent uses it: an image's record, its data, and uploading a snapshot's data. */
public interface ImageService {

    /** What the agent needs of an image record ({@code GET /v2/images/{id}}). */
    record ImageRecord(String id, String status, String diskFormat, long size, String hashAlgo, String hashValue) {
    }

    /** @throws ImageNotFoundException when there is no such image */
    ImageRecord show(String imageId);

    /** The image's data ({@code GET /v2/images/{id}/file}); the caller closes the stream. */
    InputStream download(String imageId);

    /** {@code PUT /v2/images/{id}/file}. */
    void upload(String imageId, Path data);

    class ImageNotFoundException extends DiskException {
        public ImageNotFoundException(String imageId) {
            super("image " + imageId + " does not exist in the image service");
        }
    }
}
