package io.nubo.objectstore.storage;

import io.nubo.shared.storage.PartialFiles;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.apache.commons.io.input.BoundedInputStream;

/**
 * Blobs as files under a directory: written to {@code tmp/}, fsynced, then renamed atomically into
 * {@code blobs/ab/cd/<key>} (and the directory fsynced), so a reader finds a whole blob or none. A partial file is
 * locked by its writer ({@link PartialFiles}); at start the ones no live process holds (a crash's leftovers) are
 * removed from {@code tmp/}, never those of another instance writing into the same directory.
 */
public final class LocalFileBlobStore implements BlobStore {

    private final Path blobs;
    private final Path tmp;

    public LocalFileBlobStore(Path root) throws IOException {
        this.blobs = Files.createDirectories(root.resolve("blobs"));
        this.tmp = Files.createDirectories(root.resolve("tmp"));
        PartialFiles.sweep(tmp);
    }

    @Override
    public StoredBlob write(InputStream in, long maxBytes) throws IOException {
        String key = UUID.randomUUID().toString().replace("-", "");
        Path part = tmp.resolve(key + ".part");
        Md5CountingStream counted = new Md5CountingStream(in, maxBytes);
        try (PartialFiles.Partial file = PartialFiles.create(part)) {
            FileChannel ch = file.channel();
            counted.transferTo(Channels.newOutputStream(ch));
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
