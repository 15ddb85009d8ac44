package io.nubo.objectstore.storage;

import java.io.IOException;

/** The blob store has no blob under this key (the database points at bytes that are gone). */
public class BlobNotFoundException extends IOException {

    public BlobNotFoundException(String key) {
        super("no blob " + key);
    }
}
