package io.nubo.objectstore.storage;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.commons.io.input.BoundedInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Blobs as files under a directory: written to {@code tmp/}, fsynced, then renamed atomically into
 * {@code blobs/ab/cd/<key>} (and the directory fsynced), so a reader finds a whole blob or none. Whatever a crash
 * left in {@code tmp/} is removed at start.
 */
public final class LocalFileBlobStore implements BlobStore {

    private static final Logger log = LoggerFactory.getLogger(LocalFileBlobStore.class);

    private final Path blobs;
    private final Path tmp;

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
        Md5CountingStream counted = new Md5CountingStream(in, maxBytes);
        try {
            try (FileChannel ch = FileChannel.open(part, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                 OutputStream out = Channels.newOutputStream(ch)) {
                counted.transferTo(out);
                ch.force(false);
            }
            Path target = pathOf(key);
            Files.createDirectories(target.getParent());
            try {
                Files.move(part, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                throw new IOException("the blob directory must be on the same file system as its tmp/", e);
            }
            syncDirectory(target.getParent());
            return new StoredBlob(key, counted.count(), counted.hexMd5());
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(part);
            throw e;
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
