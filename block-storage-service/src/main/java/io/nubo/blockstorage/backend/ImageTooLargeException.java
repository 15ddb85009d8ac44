package io.nubo.blockstorage.backend;

import java.io.IOException;

/** An image whose virtual size does not fit the volume it was to be written to; the volume is unchanged. */
public class ImageTooLargeException extends IOException {

    private final long imageBytes;
    private final long volumeBytes;

    public ImageTooLargeException(long imageBytes, long volumeBytes) {
        super("Image virtual size is " + imageBytes + " bytes and doesn't fit in a volume of " + volumeBytes
                + " bytes.");
        this.imageBytes = imageBytes;
        this.volumeBytes = volumeBytes;
    }

    public long imageBytes() {
        return imageBytes;
    }

    public long volumeBytes() {
        return volumeBytes;
    }
}
