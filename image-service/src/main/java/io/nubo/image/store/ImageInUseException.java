package io.nubo.image.store;

import java.io.IOException;

/** The store cannot remove the data because something still uses it (an RBD snapshot with clones). */
public class ImageInUseException extends IOException {

    public ImageInUseException(String message) {
        super(message);
    }
}
