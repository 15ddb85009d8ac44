package io.nubo.computeagent.disk;

import java.io.InputStream;
import java.nio.file.Path;

/** The image service as the agent uses it: an image's record, its data, and uploading a snapshot's data. */
public interface ImageService {

    /**
     * What the agent needs of an image record ({@code GET /v2/images/{id}}); {@code locations} are the urls of its
     * {@code locations} (and {@code direct_url}), e.g. {@code rbd://<fsid>/<pool>/<image>/snap}, empty when the
     * image service shows none.
     */
    record ImageRecord(String id, String status, String diskFormat, long size, String hashAlgo, String hashValue,
                       java.util.List<String> locations) {

        public ImageRecord {
            locations = locations == null ? java.util.List.of() : java.util.List.copyOf(locations);
        }

        public ImageRecord(String id, String status, String diskFormat, long size, String hashAlgo,
                           String hashValue) {
            this(id, status, diskFormat, size, hashAlgo, hashValue, java.util.List.of());
        }
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
