package io.nubo.image.data;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The image data on its way to a store: counts it, computes Glance's MD5 {@code checksum} and SHA-512
 * {@code os_hash_value} as it passes, refuses to pass more than a limit, and tells the client's broken or short
 * stream apart from a store's failure.
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

    private final MessageDigest md5;
    private final MessageDigest sha512;
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
        try {
            this.md5 = MessageDigest.getInstance("MD5");
            this.sha512 = MessageDigest.getInstance("SHA-512");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
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
            md5.update(b, off, n);
            sha512.update(b, off, n);
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

    String md5Hex() {
        return HexFormat.of().formatHex(md5.digest());
    }

    String sha512Hex() {
        return HexFormat.of().formatHex(sha512.digest());
    }
}
