package io.nubo.objectstore.object;

import java.io.InputStream;

/**
 * An object write as the object feature receives it, whoever read it off the wire (the Swift API's PUT, a bulk
 * archive's entry, a form POST): no servlet type crosses into the feature.
 *
 * @param account     the account, {@code AUTH_<project>}
 * @param name        the object's name in its container
 * @param body        the bytes, read once
 * @param length      the announced length, or -1 for a chunked body
 * @param description what the write says about the object besides its bytes
 */
public record ObjectUpload(String account, String name, InputStream body, long length,
                           ObjectWriter.Description description) {
}
