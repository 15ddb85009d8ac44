package io.nubo.image.store;

import io.nubo.shared.storage.PartialFiles;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.UUID;
import org.apache.commons.io.input.BoundedInputStream;

/**
 * The default store: one file per image under a directory. A write goes to a temporary file in the same file
 * system, is fsync'ed, then renamed atomically into place (and the directory fsync'ed), so a crash or a failed
 * upload never leaves a partial file under an image's location. The temporary file is locked by its writer
 * ({@link PartialFiles}); at start those that no live process holds (what a crash left in {@code .incoming/}) are
 * removed, never those of another instance writing into the same directory.
 */
public class FileImageStore implements ImageStore {

    private static final int BUFFER = 1 << 20;

    private final String id;
    private final Path root;
    private final Path incoming;

    public FileImageStore(String id, Path root) {
        this.id = id;
        this.root = root.toAbsolutePath().normalize();
        this.incoming = this.root.resolve(".incoming");
        try {
            Files.createDirectories(incoming);
            PartialFiles.sweep(incoming);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot create the image store directory " + incoming + ": " + e, e);
        }
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public String description() {
        return "Local file store under " + root;
    }

    @Override
    public StoredObject write(String imageId, InputStream data) throws IOException {
        if (!imageId.matches("[A-Za-z0-9-]{1,64}")) {
            throw new IllegalArgumentException("Not an image id: " + imageId);
        }
        Path temp = incoming.resolve(imageId + "." + UUID.randomUUID());
        Path target = root.resolve(imageId);
        long size = 0;
        try (PartialFiles.Partial partial = PartialFiles.create(temp)) {
            FileChannel channel = partial.channel();
            OutputStream out = Channels.newOutputStream(channel);
            // fill the buffer before each write: the request stream hands over a few KiB per read, and one
            // write call per read would cost a system call per few KiB
            byte[] buffer = new byte[BUFFER];
            int n;
            while ((n = data.readNBytes(buffer, 0, BUFFER)) > 0) {
                out.write(buffer, 0, n);
                size += n;
            }
            channel.force(true);
            // renamed while still locked: a sweep never takes it for a crash's leftover
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            syncDirectory(root);
            return new StoredObject(target.toUri().toString(), size);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    @Override
    public InputStream read(String location, long offset, long length) throws IOException {
        FileChannel channel = FileChannel.open(pathOf(location), StandardOpenOption.READ);
        try {
            channel.position(offset);
        } catch (IOException e) {
            channel.close();
            throw e;
        }
        InputStream in = Channels.newInputStream(channel);
        return length < 0 ? in : BoundedInputStream.builder().setInputStream(in).setMaxCount(length).get();
    }

    @Override
    public void delete(String location) throws IOException {
        Files.deleteIfExists(pathOf(location));
    }

    @Override
    public boolean exists(String location) {
        try {
            return Files.isRegularFile(pathOf(location));
        } catch (NoSuchFileException e) {
            return false;
        }
    }

    private Path pathOf(String location) throws NoSuchFileException {
        Path p;
        try {
            p = Path.of(URI.create(location)).normalize();
        } catch (IllegalArgumentException e) {
            throw new NoSuchFileException(location);
        }
        if (!p.startsWith(root) || p.getParent() == null || !p.getParent().equals(root)) {
            throw new NoSuchFileException(location);
        }
        return p;
    }

    private static void syncDirectory(Path dir) {
        try (FileChannel c = FileChannel.open(dir, StandardOpenOption.READ)) {
            c.force(true);
        } catch (IOException e) {
            // some file systems cannot open a directory for sync; the rename is still atomic there
        }
    }
}
