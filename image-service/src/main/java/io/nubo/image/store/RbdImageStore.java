package io.nubo.image.store;

import io.nubo.shared.nativecall.NativeStackExecutor;
import com.ceph.rados.IoCTX;
import com.ceph.rados.Rados;
import com.ceph.rbd.Rbd;
import com.ceph.rbd.RbdException;
import com.ceph.rbd.RbdImage;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.NoSuchFileException;
import java.util.List;

/**
 * Image data as Ceph RBD images (librbd through {@code com.ceph:rados}), the way Glance's rbd store keeps them: one
 * format-2 image with layering, named after the image id, in one pool; the data is streamed in, the image growing
 * chunk by chunk (never buffered whole), then a snapshot {@code snap} is taken and protected. The location is
 * {@code rbd://<fsid>/<pool>/<image>/snap}, which Nova and Cinder parse to clone the snapshot copy-on-write instead
 * of copying the image. Reads come from the snapshot. A failed write removes the snapshot and image it made.
 * Deleting refuses (with {@link ImageInUseException}) while the snapshot has clones.
 */
public class RbdImageStore implements ImageStore, AutoCloseable {

    static final String SNAPSHOT = "snap";
    private static final long LAYERING = 1L;
    private static final int ENOENT = 2;
    private static final int EEXIST = 17;
    private static final int EBUSY = 16;

    private final String id;
    private final String pool;
    private final int chunkSize;
    private final Rados rados;
    private final IoCTX io;
    private final Rbd rbd;
    private final String fsid;
    private final NativeStackExecutor ceph = new NativeStackExecutor("rbd", 8, NativeStackExecutor.NATIVE_STACK_BYTES);

    public RbdImageStore(String id, String confFile, String user, String pool, int chunkSize) throws IOException {
        if (!pool.matches("[A-Za-z0-9_.-]{1,100}")) {
            throw new IllegalArgumentException("Not a usable pool name: " + pool);
        }
        if (chunkSize < 4096) {
            throw new IllegalArgumentException("chunk size must be at least 4 KiB: " + chunkSize);
        }
        this.id = id;
        this.pool = pool;
        this.chunkSize = chunkSize;
        this.rados = ceph.call(() -> new Rados(user));
        try {
            this.io = ceph.call(() -> {
                rados.confReadFile(new File(confFile));
                rados.connect();
                return rados.ioCtxCreate(pool);
            });
            this.fsid = ceph.call(rados::clusterFsid);
            this.rbd = ceph.call(() -> new Rbd(io));
        } catch (IOException | RuntimeException e) {
            ceph.run(() -> {
                rados.shutDown();
                return null;
            });
            ceph.close();
            throw new IOException("Cannot reach Ceph pool " + pool + " as " + user + " with " + confFile + ": " + e, e);
        }
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public String description() {
        return "Ceph RBD, pool " + pool;
    }

    /** The cluster's fsid, the first part of every location. */
    public String fsid() {
        return fsid;
    }

    /** The RBD library handle of this store's pool: for tests, which clone the snapshot as Nova would. */
    Rbd rbd() {
        return rbd;
    }

    IoCTX ioContext() {
        return io;
    }

    /** The names of the RBD images in the pool. */
    public List<String> imageNames() throws IOException {
        return ceph.call(() -> List.of(rbd.list()));
    }

    @Override
    public StoredObject write(String imageId, InputStream data) throws IOException {
        if (!imageId.matches("[A-Za-z0-9-]{1,64}")) {
            throw new IllegalArgumentException("Not an image id: " + imageId);
        }
        try {
            ceph.run(() -> {
                rbd.create(imageId, 0, LAYERING, 0);
                return null;
            });
        } catch (RbdException e) {
            if (Math.abs(e.getReturnValue()) == EEXIST) {
                throw new IOException("RBD image " + pool + "/" + imageId + " already exists", e);
            }
            throw e;
        }
        long size = 0;
        try {
            RbdImage image = ceph.call(() -> rbd.open(imageId));
            try {
                byte[] buf = new byte[chunkSize];
                while (true) {
                    int n = data.readNBytes(buf, 0, chunkSize);
                    if (n == 0) {
                        break;
                    }
                    long at = size;
                    ceph.run(() -> {
                        image.resize(at + n);
                        image.write(buf, at, n);
                        return null;
                    });
                    size += n;
                }
                ceph.run(() -> {
                    image.snapCreate(SNAPSHOT);
                    image.snapProtect(SNAPSHOT);
                    return null;
                });
            } finally {
                close(image);
            }
        } catch (IOException | RuntimeException e) {
            removeQuietly(imageId);
            throw e;
        }
        return new StoredObject(location(imageId), size);
    }

    @Override
    public InputStream read(String location, long offset, long length) throws IOException {
        String name = imageName(location);
        RbdImage image = openSnapshot(name);
        if (image == null) {
            throw new NoSuchFileException(location);
        }
        try {
            long size = ceph.call(() -> image.stat().size);
            long end = length < 0 ? size : Math.min(size, offset + length);
            return new SnapshotInputStream(image, Math.min(offset, end), end);
        } catch (IOException | RuntimeException e) {
            close(image);
            throw e;
        }
    }

    @Override
    public void delete(String location) throws IOException {
        String name = imageName(location);
        RbdImage image;
        try {
            image = ceph.call(() -> rbd.open(name));
        } catch (RbdException e) {
            if (Math.abs(e.getReturnValue()) == ENOENT) {
                return;
            }
            throw e;
        }
        try {
            if (ceph.call(() -> image.snapList().stream().anyMatch(s -> SNAPSHOT.equals(s.name)))) {
                if (ceph.call(() -> image.snapIsProtected(SNAPSHOT))) {
                    checkNotInUse(location);
                    try {
                        ceph.run(() -> {
                            image.snapUnprotect(SNAPSHOT);
                            return null;
                        });
                    } catch (RbdException e) {
                        if (Math.abs(e.getReturnValue()) == EBUSY) {
                            throw inUse(name, "a clone");
                        }
                        throw e;
                    }
                }
                ceph.run(() -> {
                    image.snapRemove(SNAPSHOT);
                    return null;
                });
            }
        } finally {
            close(image);
        }
        try {
            ceph.run(() -> {
                rbd.remove(name);
                return null;
            });
        } catch (RbdException e) {
            if (Math.abs(e.getReturnValue()) == ENOENT) {
                return;
            }
            if (Math.abs(e.getReturnValue()) == EBUSY) {
                throw new ImageInUseException("RBD image " + pool + "/" + name + " is open elsewhere (it has watchers)");
            }
            throw e;
        }
    }

    @Override
    public void checkNotInUse(String location) throws IOException {
        String name = imageName(location);
        RbdImage image = openSnapshot(name);
        if (image == null) {
            return;
        }
        try {
            List<String> children = ceph.call(() -> image.listChildren(SNAPSHOT));
            if (!children.isEmpty()) {
                throw inUse(name, children.toString());
            }
        } finally {
            close(image);
        }
    }

    @Override
    public boolean exists(String location) throws IOException {
        RbdImage image = openSnapshot(imageName(location));
        if (image == null) {
            return false;
        }
        close(image);
        return true;
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
            // shutting down: nothing left to do with the handle
        } finally {
            ceph.close();
        }
    }

    private void close(RbdImage image) throws IOException {
        ceph.run(() -> {
            rbd.close(image);
            return null;
        });
    }

    String location(String name) {
        return "rbd://" + fsid + "/" + pool + "/" + name + "/" + SNAPSHOT;
    }

    /** The RBD image name in {@code rbd://<fsid>/<pool>/<image>/snap}; refuses another cluster's or pool's. */
    private String imageName(String location) {
        String prefix = "rbd://" + fsid + "/" + pool + "/";
        String suffix = "/" + SNAPSHOT;
        if (location == null || !location.startsWith(prefix) || !location.endsWith(suffix)) {
            throw new IllegalArgumentException("Not a location of this store (" + prefix + "<image>" + suffix + "): "
                    + location);
        }
        String name = location.substring(prefix.length(), location.length() - suffix.length());
        if (!name.matches("[A-Za-z0-9-]{1,64}")) {
            throw new IllegalArgumentException("Not a location of this store: " + location);
        }
        return name;
    }

    /** The image opened read-only at its snapshot, or null when the image or the snapshot is missing. */
    private RbdImage openSnapshot(String name) throws IOException {
        try {
            return ceph.call(() -> rbd.openReadOnly(name, SNAPSHOT));
        } catch (RbdException e) {
            if (Math.abs(e.getReturnValue()) == ENOENT) {
                return null;
            }
            throw e;
        }
    }

    private ImageInUseException inUse(String name, String by) {
        return new ImageInUseException("Image " + name + " is in use: its RBD snapshot " + pool + "/" + name + "@"
                + SNAPSHOT + " has clones (" + by + "); delete them or flatten them first");
    }

    /** Removes what a failed write made: the snapshot (unprotected) and the image. */
    private void removeQuietly(String name) {
        try {
            delete(location(name));
        } catch (IOException | RuntimeException e) {
            org.slf4j.LoggerFactory.getLogger(RbdImageStore.class)
                    .warn("Could not remove RBD image {}/{} after a failed write: {}", pool, name, e.toString());
        }
    }

    /** Reads {@code [pos, end)} of an image opened at its snapshot, at most one chunk per librbd call. */
    private final class SnapshotInputStream extends InputStream {
        private final RbdImage image;
        private final long end;
        private long pos;
        private byte[] buffer = new byte[0];
        private boolean closed;

        SnapshotInputStream(RbdImage image, long pos, long end) {
            this.image = image;
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
            if (closed) {
                throw new IOException("stream closed");
            }
            if (pos >= end) {
                return -1;
            }
            if (len == 0) {
                return 0;
            }
            int want = (int) Math.min(Math.min(len, chunkSize), end - pos);
            byte[] target = off == 0 ? b : buffer(want);
            long at = pos;
            int n = ceph.call(() -> image.read(at, target, want));
            if (n <= 0) {
                throw new IOException("RBD image " + image.getName() + " is short at " + pos + " (" + n + ")");
            }
            if (target != b) {
                System.arraycopy(target, 0, b, off, n);
            }
            pos += n;
            return n;
        }

        private byte[] buffer(int n) {
            if (buffer.length < n) {
                buffer = new byte[n];
            }
            return buffer;
        }

        @Override
        public void close() throws IOException {
            if (!closed) {
                closed = true;
                RbdImageStore.this.close(image);
            }
        }
    }
}
