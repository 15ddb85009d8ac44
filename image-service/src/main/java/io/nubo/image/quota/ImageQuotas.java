package io.nubo.image.quota;

import io.nubo.image.config.ImageServiceProperties;
import io.nubo.image.image.ImageRepository;
import io.nubo.image.image.ImageStatus;
import io.nubo.image.web.ImageError;
import java.util.EnumSet;
import org.springframework.stereotype.Component;

/**
 * Per-project limits on image count and bytes, answered with Glance's 413. A byte limit is checked against the
 * declared length before an upload starts and enforced while the data streams (an undeclared or lying length
 * cannot pass it).
 */
@Component
public class ImageQuotas {

    private final ImageServiceProperties.Quota quota;
    private final ImageRepository images;

    public ImageQuotas(ImageServiceProperties properties, ImageRepository images) {
        this.quota = properties.quota();
        this.images = images;
    }

    public void checkNewImage(String owner) {
        if (quota.images() >= 0 && images.countLive(owner) >= quota.images()) {
            throw ImageError.OVER_QUOTA.exception("Maximum number of images (" + quota.images()
                    + ") exceeded for project " + owner + ".");
        }
    }

    public void checkNewUpload(String owner) {
        if (quota.uploads() >= 0 && images.countInStatus(owner,
                EnumSet.of(ImageStatus.SAVING, ImageStatus.UPLOADING, ImageStatus.IMPORTING)) >= quota.uploads()) {
            throw ImageError.OVER_QUOTA.exception("Maximum number of concurrent uploads (" + quota.uploads()
                    + ") exceeded for project " + owner + ".");
        }
    }

    /** Bytes the project may still store ({@code Long.MAX_VALUE} when unlimited). */
    public long remainingBytes(String owner) {
        if (quota.bytes() < 0) {
            return Long.MAX_VALUE;
        }
        return Math.max(0, quota.bytes() - images.bytesUsed(owner));
    }

    public long bytesLimit() {
        return quota.bytes();
    }

    public long imagesLimit() {
        return quota.images();
    }

    public long uploadsLimit() {
        return quota.uploads();
    }

    public static String overBytes(long limit) {
        return "Image data would exceed the storage quota of " + limit + " bytes for this project.";
    }
}
