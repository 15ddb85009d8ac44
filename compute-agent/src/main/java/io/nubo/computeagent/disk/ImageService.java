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

    /**
     * {@code PUT /v2/images/{id}/file} as the user {@code userToken} names, with the agent's own token as
     * {@code X-Service-Token} (Nova's pattern: the image is the user's, the agent carries the data); as the agent
     * alone when {@code userToken} is null.
     */
    void upload(String imageId, Path data, String userToken);

    /**
     * {@code DELETE /v2/images/{id}} as {@link #upload} does it: a snapshot that failed leaves no queued image
     * behind (Nova's {@code delete_image_on_error}). An image already gone is not an error.
     */
    void delete(String imageId, String userToken);

    class ImageNotFoundException extends DiskException {
        public ImageNotFoundException(String imageId) {
            super("image " + imageId + " does not exist in the image service");
        }
    }
}
