package io.nubo.objectstore.object;

import java.io.IOException;
import java.io.InputStream;

/** A piece of an object's content: its own blob, or one segment of a large object. */
public interface SegmentSource {

    long length();

    InputStream open(long offset, long length) throws IOException;
}
