package io.nubo.objectstore.storage;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Counts and MD5-hashes what is read through it, and refuses to read past a limit. */
public final class Md5CountingStream extends FilterInputStream {

    private final MessageDigest md5;
    private final long maxBytes;
    private long count;

    public Md5CountingStream(InputStream in, long maxBytes) {
        super(in);
        this.maxBytes = maxBytes;
        try {
            this.md5 = MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            md5.update((byte) b);
            add(1);
        }
        return b;
    }

    @Override
    public int read(byte[] buf, int off, int len) throws IOException {
        int n = super.read(buf, off, len);
        if (n > 0) {
            md5.update(buf, off, n);
            add(n);
        }
        return n;
    }

    private void add(long n) throws BlobTooLargeException {
        count += n;
        if (count > maxBytes) {
            throw new BlobTooLargeException(maxBytes);
        }
    }

    public long count() {
        return count;
    }

    public String hexMd5() {
        return HexFormat.of().formatHex(md5.digest());
    }
}
