package io.nubo.image.data;

import java.io.InterruptedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * MD5 and SHA-512 of a stream, each computed on its own thread while the request thread reads and stores the data:
 * hashing is the slowest part of an upload, and the two digests (Glance's {@code checksum} and
 * {@code os_hash_value}) need not wait for each other. Data is handed over in 256 KiB blocks through bounded queues,
 * so memory stays a few MiB whatever the image's size, and a slow hasher slows the upload rather than the heap.
 * {@link #close()} stops both threads; call it in a {@code finally}.
 */
final class ParallelDigests implements AutoCloseable {

    private static final int BLOCK = 256 * 1024;
    private static final int QUEUED_BLOCKS = 16;
    private static final byte[] END = new byte[0];

    private final Hasher md5 = new Hasher("MD5");
    private final Hasher sha512 = new Hasher("SHA-512");
    private byte[] block = new byte[BLOCK];
    private int fill;
    private String[] result;

    void update(byte[] b, int off, int len) throws InterruptedIOException {
        while (len > 0) {
            int k = Math.min(len, BLOCK - fill);
            System.arraycopy(b, off, block, fill, k);
            fill += k;
            off += k;
            len -= k;
            if (fill == BLOCK) {
                handOver();
            }
        }
    }

    /** The hex MD5 and SHA-512 of everything passed to {@link #update}; waits for both threads. */
    String[] finish() throws InterruptedIOException {
        if (result == null) {
            handOver();
            md5.offer(END);
            sha512.offer(END);
            result = new String[] {md5.result(), sha512.result()};
        }
        return result;
    }

    @Override
    public void close() {
        md5.thread.interrupt();
        sha512.thread.interrupt();
    }

    private void handOver() throws InterruptedIOException {
        if (fill == 0) {
            return;
        }
        byte[] full = fill == BLOCK ? block : Arrays.copyOf(block, fill);
        md5.offer(full);
        sha512.offer(full);
        block = new byte[BLOCK];
        fill = 0;
    }

    private static final class Hasher implements Runnable {
        private final BlockingQueue<byte[]> queue = new ArrayBlockingQueue<>(QUEUED_BLOCKS);
        private final MessageDigest digest;
        private final Thread thread;
        private volatile String hex;

        Hasher(String algorithm) {
            try {
                digest = MessageDigest.getInstance(algorithm);
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
            thread = new Thread(this, "image-" + algorithm.toLowerCase(java.util.Locale.ROOT));
            thread.setDaemon(true);
            thread.start();
        }

        void offer(byte[] b) throws InterruptedIOException {
            try {
                queue.put(b);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while hashing image data");
            }
        }

        String result() throws InterruptedIOException {
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while hashing image data");
            }
            if (hex == null) {
                throw new InterruptedIOException("hashing of image data was stopped");
            }
            return hex;
        }

        @Override
        public void run() {
            try {
                for (byte[] b = queue.take(); b != END; b = queue.take()) {
                    digest.update(b);
                }
                hex = HexFormat.of().formatHex(digest.digest());
            } catch (InterruptedException e) {
                // the upload failed or was abandoned: stop
            }
        }
    }
}
