package io.nubo.objectstore.storage;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.apache.commons.io.input.BoundedInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Blobs as files under a directory: streamed into {@code tmp/}, renamed atomically into {@code blobs/ab/cd/<key>},
 * and only then made durable: one {@code fdatasync} of the file, then an {@code fsync} of its directory (and of any
 * directory the write created), so {@link #write} returns only once the bytes and the name are on disk. Renaming
 * before the sync lets the file system commit the name and the data together (on ext4 one journal commit instead
 * of two, the directory sync then finds nothing left to write); the key is handed out only when all of that is
 * done, so no reader ever sees a partial blob. Large uploads are flushed in the background every
 * {@value #FLUSH_EVERY_BYTES} bytes, so the disk writes while the rest still arrives and the last sync has little
 * left to do. Whatever a crash left in {@code tmp/} is removed at start.
 */
public final class LocalFileBlobStore implements BlobStore {

    /** Bytes read and written at a time (fewer when the upload is smaller). */
    static final int CHUNK_BYTES = 64 * 1024;
    /** How much an upload writes between two background syncs. */
    static final long FLUSH_EVERY_BYTES = 8L * 1024 * 1024;

    private static final Logger log = LoggerFactory.getLogger(LocalFileBlobStore.class);

    private final Path blobs;
    private final Path tmp;
    private final ExecutorService flusher = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "blob-flush");
        t.setDaemon(true);
        return t;
    });

    public LocalFileBlobStore(Path root) throws IOException {
        this.blobs = Files.createDirectories(root.resolve("blobs"));
        this.tmp = Files.createDirectories(root.resolve("tmp"));
        try (Stream<Path> leftovers = Files.list(tmp)) {
            leftovers.forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    log.warn("Could not remove the partial upload {}: {}", p, e.toString());
                }
            });
        }
    }

    @Override
    public StoredBlob write(InputStream in, long maxBytes) throws IOException {
        String key = UUID.randomUUID().toString().replace("-", "");
        Path part = tmp.resolve(key + ".part");
        Path target = pathOf(key);
        Md5CountingStream counted = new Md5CountingStream(in, maxBytes);
        boolean moved = false;
        try {
            try (FileChannel ch = FileChannel.open(part, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                copy(counted, ch, (int) Math.min(CHUNK_BYTES, Math.max(maxBytes + 1, 1024)));
                List<Path> created = createDirectories(target.getParent());
                try {
                    Files.move(part, target, StandardCopyOption.ATOMIC_MOVE);
                } catch (AtomicMoveNotSupportedException e) {
                    throw new IOException("the blob directory must be on the same file system as its tmp/", e);
                }
                moved = true;
                ch.force(false);
                syncDirectory(target.getParent());
                for (Path dir : created) {
                    syncDirectory(dir.getParent());
                }
            }
            return new StoredBlob(key, counted.count(), counted.hexMd5());
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(moved ? target : part);
            throw e;
        }
    }

    /** Copies the upload into the file, handing a sync of what is written so far to the flusher now and then. */
    private void copy(InputStream from, FileChannel to, int chunkBytes) throws IOException {
        byte[] chunk = new byte[chunkBytes];
        ByteBuffer buf = ByteBuffer.wrap(chunk);
        long unflushed = 0;
        Future<?> flushing = null;
        try {
            int n;
            while ((n = from.read(chunk, 0, chunk.length)) >= 0) {
                buf.clear().limit(n);
                while (buf.hasRemaining()) {
                    to.write(buf);
                }
                unflushed += n;
                if (unflushed >= FLUSH_EVERY_BYTES && (flushing == null || flushing.isDone())) {
                    unflushed = 0;
                    flushing = flusher.submit(() -> {
                        to.force(false);
                        return null;
                    });
                }
            }
        } finally {
            awaitQuietly(flushing);
        }
    }

    /**
     * Waits for a background sync (its failure does not matter: the final sync covers the same bytes and reports
     * its own error).
     */
    private static void awaitQuietly(Future<?> flushing) {
        if (flushing == null) {
            return;
        }
        boolean interrupted = false;
        while (true) {
            try {
                flushing.get();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            } catch (ExecutionException e) {
                break;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** Creates the directories of {@code dir} that are missing, and answers them (outermost first). */
    private List<Path> createDirectories(Path dir) throws IOException {
        List<Path> created = new ArrayList<>(2);
        for (Path d = dir; !d.equals(blobs) && !Files.isDirectory(d); d = d.getParent()) {
            created.add(0, d);
        }
        for (Path d : created) {
            try {
                Files.createDirectory(d);
            } catch (FileAlreadyExistsException e) {
                // a concurrent write made it: that write syncs its parent
            }
        }
        return created;
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
