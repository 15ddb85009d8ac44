package io.nubo.objectstore.storage;

import java.io.IOException;

/** The stream held more bytes than the write allowed; nothing was stored. */
public class BlobTooLargeException extends IOException {

    public BlobTooLargeException(long maxBytes) {
        super("more than " + maxBytes + " bytes");
    }
}
