package io.nubo.shared.storage;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The files an upload writes before it is renamed into place (the object store's {@code tmp/}, the image stores'
 * {@code .incoming/}), and the sweep that removes those a crash left behind.
 *
 * <p>A writer opens its partial file with {@link #create} and so holds an exclusive lock on it (an {@code fcntl}
 * lock) until it closes it; the kernel drops the lock when the process dies, kill -9 included. The
 * {@link #sweep} at start removes only the files nobody holds a lock on, so the instances of a service that share
 * one directory (the distributed cloud, replicas on one volume) never remove each other's live uploads.
 */
public final class PartialFiles {

    private static final Logger log = LoggerFactory.getLogger(PartialFiles.class);

    private PartialFiles() {
    }

    /** The partial files this JVM is writing: a sweep leaves them alone without opening them (see {@link #sweep}). */
    private static final Set<Path> WRITING = ConcurrentHashMap.newKeySet();

    /**
     * A new partial file, open for writing and locked by this process until {@link Partial#close}. Rename it into
     * place before closing it, so that it is never unlocked under its partial name.
     */
    public static Partial create(Path file) throws IOException {
        Path key = file.toAbsolutePath().normalize();
        FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        try {
            WRITING.add(key);
            ch.lock();
            return new Partial(key, ch);
        } catch (IOException | RuntimeException e) {
            WRITING.remove(key);
            ch.close();
            throw e;
        }
    }

    /** A partial file being written: its channel, and the lock that tells a sweep it is live. */
    public static final class Partial implements AutoCloseable {
        private final Path path;
        private final FileChannel channel;

        private Partial(Path path, FileChannel channel) {
            this.path = path;
            this.channel = channel;
        }

        public FileChannel channel() {
            return channel;
        }

        @Override
        public void close() throws IOException {
            try {
                channel.close();
            } finally {
                WRITING.remove(path);
            }
        }
    }

    /** What a sweep removed: how many files, and their bytes. */
    public record Swept(int files, long bytes) {
    }

    /**
     * Removes every file in {@code dir} that no live upload holds (a crash's leftovers), logs what it removed, and
     * says how much. A file that cannot be removed is logged and left.
     */
    public static Swept sweep(Path dir) throws IOException {
        List<Path> files;
        try (Stream<Path> listed = Files.list(dir)) {
            files = listed.filter(Files::isRegularFile).toList();
        }
        int count = 0;
        long bytes = 0;
        for (Path p : files) {
            if (WRITING.contains(p.toAbsolutePath().normalize())) {
                // an upload of this very JVM: opening and closing another channel on it would drop its lock
                continue;
            }
            try (FileChannel ch = FileChannel.open(p, StandardOpenOption.WRITE)) {
                FileLock lock;
                try {
                    lock = ch.tryLock();
                } catch (OverlappingFileLockException inThisJvm) {
                    continue;
                }
                if (lock == null) {
                    continue; // another process is writing it
                }
                long size = ch.size();
                Files.delete(p);
                count++;
                bytes += size;
            } catch (NoSuchFileException finishedMeanwhile) {
                // renamed into place or removed by its writer between the listing and now
            } catch (IOException e) {
                log.warn("Could not remove the partial upload {}: {}", p, e.toString());
            }
        }
        if (count > 0) {
            log.warn("Removed {} partial upload(s) ({} bytes) that a stopped process left in {}", count, bytes, dir);
        }
        return new Swept(count, bytes);
    }
}
