package io.nubo.objectstore.storage;

import com.ceph.rados.IoCTX;
import com.ceph.rados.Rados;
import com.ceph.rados.exceptions.RadosNotFoundException;
import io.nubo.shared.nativecall.NativeStackExecutor;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.UUID;

/**
 * Blobs in a Ceph RADOS pool (librados through {@code com.ceph:rados}), striped: the bytes go to
 * {@code <key>.<n>} objects of {@code stripeSize} each, then a small head object {@code <key>} saying
 * {@code size stripeSize md5} is written last. A blob exists only once its head does, so readers never see a
 * partial blob; a failed write removes the stripes it wrote. Memory per write is one stripe buffer, whatever the
 * blob's size.
 */
public final class RadosBlobStore implements BlobStore, AutoCloseable {

    /** librados overflows small JVM stacks (the all-in-one runs with -Xss512k): every call goes through here. */
    private final NativeStackExecutor ceph = new NativeStackExecutor("rados", 8,
            NativeStackExecutor.NATIVE_STACK_BYTES);
    private final Rados rados;
    private final IoCTX io;
    private final int stripeSize;

    public RadosBlobStore(String confFile, String user, String pool, int stripeSize) throws IOException {
        try {
            this.rados = ceph.call(() -> new Rados(user));
            this.io = ceph.call(() -> {
                rados.confReadFile(new java.io.File(confFile));
                rados.connect();
                return rados.ioCtxCreate(pool);
            });
        } catch (IOException | RuntimeException e) {
            ceph.close();
            throw e;
        }
        this.stripeSize = stripeSize;
    }

    /** The stripe layout of a blob, as its head object records it. */
    record Head(long size, int stripeSize, String md5) {
        static Head parse(String s) {
            String[] p = s.trim().split(" ");
            return new Head(Long.parseLong(p[0]), Integer.parseInt(p[1]), p[2]);
        }

        String text() {
            return size + " " + stripeSize + " " + md5;
        }

        long stripes() {
            return size == 0 ? 0 : (size + stripeSize - 1) / stripeSize;
        }
    }

    @Override
    public StoredBlob write(InputStream in, long maxBytes) throws IOException {
        String key = UUID.randomUUID().toString().replace("-", "");
        MessageDigest md5 = md5();
        byte[] buf = new byte[stripeSize];
        long size = 0;
        int stripe = 0;
        try {
            while (true) {
                int n = in.readNBytes(buf, 0, stripeSize);
                if (n == 0) {
                    break;
                }
                size += n;
                if (size > maxBytes) {
                    throw new BlobTooLargeException(maxBytes);
                }
                md5.update(buf, 0, n);
                String stripeName = stripeName(key, stripe++);
                int length = n;
                ceph.run(() -> {
                    io.writeFull(stripeName, buf, length);
                    return null;
                });
                if (n < stripeSize) {
                    break;
                }
            }
            if (in.read() >= 0) {
                throw new BlobTooLargeException(maxBytes);
            }
            Head head = new Head(size, stripeSize, HexFormat.of().formatHex(md5.digest()));
            ceph.run(() -> {
                io.writeFull(key, head.text().getBytes(StandardCharsets.US_ASCII), head.text().length());
                return null;
            });
            return new StoredBlob(key, size, head.md5());
        } catch (IOException | RuntimeException e) {
            removeStripes(key, stripe);
            throw e;
        }
    }

    @Override
    public InputStream read(String key, long offset, long length) throws IOException {
        Head head = head(key);
        long end = length < 0 ? head.size() : Math.min(head.size(), offset + length);
        return new StripeInputStream(key, head.stripeSize(), offset, end);
    }

    @Override
    public void delete(String key) throws IOException {
        Head head;
        try {
            head = head(key);
        } catch (NoSuchFileException e) {
            return;
        }
        ceph.run(() -> {
            io.remove(key);
            return null;
        });
        removeStripes(key, (int) head.stripes());
    }

    @Override
    public boolean exists(String key) throws IOException {
        try {
            ceph.run(() -> io.stat(key));
            return true;
        } catch (RadosNotFoundException e) {
            return false;
        }
    }

    @Override
    public String name() {
        return "rados";
    }

    /** Every object in the pool: for tests, which check that failed writes leave nothing behind. */
    public String[] objects() throws IOException {
        return ceph.call(io::listObjects);
    }

    @Override
    public void close() {
        try {
            ceph.run(() -> {
                rados.ioCtxDestroy(io);
                rados.shutDown();
                return null;
            });
        } catch (IOException e) {
            // shutting down: nothing left to do with the cluster
        } finally {
            ceph.close();
        }
    }

    private Head head(String key) throws IOException {
        if (!key.matches("[0-9a-f]{32}")) {
            throw new IllegalArgumentException("not a blob key: " + key);
        }
        byte[] b = new byte[256];
        try {
            int n = ceph.call(() -> io.read(key, b.length, 0, b));
            return Head.parse(new String(b, 0, n, StandardCharsets.US_ASCII));
        } catch (RadosNotFoundException e) {
            throw new NoSuchFileException(key);
        }
    }

    private void removeStripes(String key, int count) {
        for (int i = 0; i < count; i++) {
            try {
                String stripeName = stripeName(key, i);
                ceph.run(() -> {
                    io.remove(stripeName);
                    return null;
                });
            } catch (IOException e) {
                // already gone, or the cluster is away: an orphan stripe without a head is never read
            }
        }
    }

    static String stripeName(String key, int stripe) {
        return key + "." + String.format(Locale.ROOT, "%08d", stripe);
    }

    private static MessageDigest md5() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Reads {@code [pos, end)} stripe by stripe, at most 1 MiB per librados call. */
    private final class StripeInputStream extends InputStream {
        private final String key;
        private final int stripe;
        private final long end;
        private long pos;

        StripeInputStream(String key, int stripe, long pos, long end) {
            this.key = key;
            this.stripe = stripe;
            this.pos = pos;
            this.end = end;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (pos >= end) {
                return -1;
            }
            if (len == 0) {
                return 0;
            }
            int index = (int) (pos / stripe);
            long within = pos % stripe;
            int want = (int) Math.min(Math.min(len, 1 << 20), Math.min(stripe - within, end - pos));
            byte[] tmp = off == 0 ? b : new byte[want];
            String stripeName = stripeName(key, index);
            long offset = within;
            int n = ceph.call(() -> io.read(stripeName, want, offset, tmp));
            if (n <= 0) {
                throw new IOException("stripe " + index + " of blob " + key + " is short");
            }
            if (tmp != b) {
                System.arraycopy(tmp, 0, b, off, n);
            }
            pos += n;
            return n;
        }
    }
}
