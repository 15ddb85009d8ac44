package io.nubo.network.dataplane;

/** A host network operation failed; the message names the command and what it said. */
public class DataPlaneException extends RuntimeException {

    public DataPlaneException(String message) {
        super(message);
    }
}
