package io.nubo.objectstore.storage;

import io.nubo.shared.storage.PartialFiles;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.apache.commons.io.input.BoundedInputStream;

/**
 * Blobs as files under a directory: written to {@code tmp/}, fsynced, then renamed atomically into
 * {@code blobs/ab/cd/<key>} (and the directory fsynced), so a reader finds a whole blob or none. A partial file is
 * locked by its writer ({@link PartialFiles}); at start the ones no live process holds (a crash's leftovers) are
 * removed from {@code tmp/}, never those of another instance writing into the same directory.
 *
 * <p>A write copies the body 1 MiB at a time (hashed on the way) and flushes what it wrote on another thread every
 * 8 MiB while the next bytes arrive ({@link BackgroundFlush}), so that the final {@code fdatasync}, before the
 * rename, has at most the last few MiB left to write: a large upload costs about its receiving time, not that plus
 * the time to write it all out after its last byte.
 */
public final class LocalFileBlobStore implements BlobStore {

    /** Bytes read, hashed and written per step: 8 KiB steps (transferTo's) cost 8192 reads and writes per 64 MiB. */
    static final int BUFFER_SIZE = 1 << 20;
    /** A background flush of the partial file starts after every this many bytes ({@link BackgroundFlush}). */
    static final long FLUSH_EVERY = 8L << 20;
    /** Buffer pairs kept for reuse between writes (2 MiB each). */
    private static final int BUFFERS_KEPT = 4;

    private final Path blobs;
    private final Path tmp;
    private final CopyBuffers buffers;
    private final long flushEvery;

    public LocalFileBlobStore(Path root) throws IOException {
        this(root, BUFFER_SIZE, FLUSH_EVERY);
    }

    /** With other buffer and flush sizes: for tests, which need bodies of several buffers and flushes to stay small. */
    LocalFileBlobStore(Path root, int bufferSize, long flushEvery) throws IOException {
        this.blobs = Files.createDirectories(root.resolve("blobs"));
        this.tmp = Files.createDirectories(root.resolve("tmp"));
        this.buffers = new CopyBuffers(bufferSize, BUFFERS_KEPT);
        this.flushEvery = flushEvery;
        PartialFiles.sweep(tmp);
    }

    @Override
    public StoredBlob write(InputStream in, long maxBytes) throws IOException {
        String key = UUID.randomUUID().toString().replace("-", "");
        Path part = tmp.resolve(key + ".part");
        CopyBuffers.Pair buf = buffers.take();
        try (PartialFiles.Partial file = PartialFiles.create(part)) {
            FileChannel ch = file.channel();
            BackgroundFlush flush = new BackgroundFlush(() -> ch.force(false), flushEvery);
            MessageDigest md5 = md5();
            long size;
            try {
                size = copy(in, maxBytes, buf, md5, ch, flush);
                flush.finish();
            } catch (IOException | RuntimeException e) {
                flush.abandon();
                throw e;
            }
            ch.force(false);
            Path target = pathOf(key);
            Files.createDirectories(target.getParent());
            try {
                // renamed while still locked: a sweep never takes it for a crash's leftover
                Files.move(part, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                throw new IOException("the blob directory must be on the same file system as its tmp/", e);
            }
            syncDirectory(target.getParent());
            return new StoredBlob(key, size, HexFormat.of().formatHex(md5.digest()));
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(part);
            throw e;
        } finally {
            buffers.release(buf);
        }
    }

    /**
     * Reads the body a whole buffer at a time, hashes it in the array it was read into and writes it from the
     * direct buffer; reads at most one byte past {@code maxBytes}, enough to know there are too many.
     */
    private static long copy(InputStream in, long maxBytes, CopyBuffers.Pair buf, MessageDigest md5, FileChannel ch,
                             BackgroundFlush flush) throws IOException {
        byte[] heap = buf.heap();
        ByteBuffer direct = buf.direct();
        long size = 0;
        while (true) {
            long room = maxBytes - size;
            int want = room >= heap.length ? heap.length : (int) Math.max(room, 0) + 1;
            int n = in.readNBytes(heap, 0, want);
            if (n == 0) {
                return size;
            }
            size += n;
            if (size > maxBytes) {
                throw new BlobTooLargeException(maxBytes);
            }
            md5.update(heap, 0, n);
            direct.clear();
            direct.put(heap, 0, n).flip();
            while (direct.hasRemaining()) {
                ch.write(direct);
            }
            flush.wrote(n);
        }
    }

    private static MessageDigest md5() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public InputStream read(String key, long offset, long length) throws IOException {
        FileChannel ch;
        try {
            ch = FileChannel.open(pathOf(key), StandardOpenOption.READ);
        } catch (NoSuchFileException e) {
            throw new NoSuchFileException(key);
        }
        ch.position(offset);
        InputStream whole = Channels.newInputStream(ch);
        return length < 0 ? whole : BoundedInputStream.builder().setInputStream(whole).setMaxCount(length).get();
    }

    @Override
    public void delete(String key) throws IOException {
        Files.deleteIfExists(pathOf(key));
    }

    @Override
    public boolean exists(String key) {
        return Files.exists(pathOf(key));
    }

    @Override
    public void forEachBlobWrittenBefore(Instant writtenBefore, Consumer<String> key) throws IOException {
        try (Stream<Path> all = Files.walk(blobs)) {
            for (Path p : (Iterable<Path>) all::iterator) {
                String name = p.getFileName().toString();
                if (name.matches("[0-9a-f]{32}") && Files.isRegularFile(p)
                        && Files.getLastModifiedTime(p).toInstant().isBefore(writtenBefore)) {
                    key.accept(name);
                }
            }
        }
    }

    @Override
    public String name() {
        return "local";
    }

    Path pathOf(String key) {
        if (!key.matches("[0-9a-f]{32}")) {
            throw new IllegalArgumentException("not a blob key: " + key);
        }
        return blobs.resolve(key.substring(0, 2)).resolve(key.substring(2, 4)).resolve(key);
    }

    private static void syncDirectory(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException e) {
            // some file systems cannot open a directory for sync; the file itself is already on disk
        }
    }
}
