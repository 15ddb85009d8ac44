package io.nubo.image.data;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * The image data on its way to a store: counts it, computes Glance's MD5 {@code checksum} and SHA-512
 * {@code os_hash_value} as it passes (on two other threads, {@link ParallelDigests}), refuses to pass more than a
 * limit, and tells the client's broken or short stream apart from a store's failure.
 */
final class DigestingInputStream extends FilterInputStream {

    /** The client's data stream failed or ended early. */
    static final class ClientDataException extends IOException {
        ClientDataException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** More bytes arrived than the limit allows (quota or declared size). */
    static final class LimitExceededException extends IOException {
        LimitExceededException(String message) {
            super(message);
        }
    }

    private final ParallelDigests digests = new ParallelDigests();
    private final long limit;
    private final String limitReason;
    private long count;
    private final byte[] head = new byte[DiskFormatInspector.HEAD_BYTES];
    private int headLength;

    /** @param limit the most bytes allowed through ({@code Long.MAX_VALUE}: no limit) */
    DigestingInputStream(InputStream in, long limit, String limitReason) {
        super(in);
        this.limit = limit;
        this.limitReason = limitReason;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n;
        try {
            n = super.read(b, off, len);
        } catch (IOException e) {
            throw new ClientDataException("The image data stream broke off after " + count + " bytes", e);
        }
        if (n > 0) {
            count += n;
            if (count > limit) {
                throw new LimitExceededException(limitReason);
            }
            if (headLength < head.length) {
                int k = Math.min(n, head.length - headLength);
                System.arraycopy(b, off, head, headLength, k);
                headLength += k;
            }
            digests.update(b, off, n);
        }
        return n;
    }

    @Override
    public long skip(long n) {
        return 0;
    }

    byte[] head() {
        return head;
    }

    int headLength() {
        return headLength;
    }

    long count() {
        return count;
    }

    /** MD5 and SHA-512 in hex, once the stream has been read to its end. */
    String[] digests() throws IOException {
        return digests.finish();
    }

    /** Stops the hashing threads (always, in a finally; closing the stream is the store's business). */
    void release() {
        digests.close();
    }
}
