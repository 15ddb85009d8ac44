package io.nubo.computeagent.disk;

/** Preparing or removing a guest's files failed; the message is fit for an instance fault. */
public class DiskException extends RuntimeException {

    public DiskException(String message) {
        super(message);
    }

    public DiskException(String message, Throwable cause) {
        super(message, cause);
    }
}
