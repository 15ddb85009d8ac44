package io.nubo.blockstorage.backend;

import com.ceph.rados.IoCTX;
import com.ceph.rados.Rados;
import com.ceph.rbd.Rbd;
import com.ceph.rbd.RbdException;
import com.ceph.rbd.RbdImage;
import io.nubo.shared.events.compute.VolumeConnection;
import io.nubo.shared.nativecall.NativeStackExecutor;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Volumes as Ceph RBD images (librbd through {@code com.ceph:rados}), named as Cinder's rbd driver names them:
 * {@code volume-<id>} in one pool, snapshots {@code snapshot-<id>} as RBD snapshots of the volume's image. A volume
 * from a snapshot or from another volume is a copy-on-write clone of a protected snapshot, flattened at once, so
 * volumes never depend on each other (Cinder's {@code rbd_flatten_volume_from_snapshot}). Hosts reach a volume as
 * a network disk ({@code driver_volume_type} {@code rbd}: monitors, pool/image, cephx user and the libvirt secret's
 * uuid). Every librados/librbd call runs on the shared large-stack executor.
 */
public class RbdVolumeBackend implements VolumeBackend {

    private static final long LAYERING = 1L;
    private static final int ENOENT = 2;
    private static final int EEXIST = 17;
    private static final Pattern MON_HOST = Pattern.compile("(?m)^\\s*mon[ _]host\\s*=\\s*(.+)$");

    private final String pool;
    private final String user;
    private final String confFile;
    private final String secretUuid;
    private final Path keyringConf;
    private final int chunkSize;
    private final Path work;
    private final NativeStackExecutor ceph = new NativeStackExecutor("rbd-volumes", 4,
            NativeStackExecutor.NATIVE_STACK_BYTES);
    private final Rados rados;
    private final IoCTX io;
    private final Rbd rbd;

    public RbdVolumeBackend(String confFile, String user, String pool, String secretUuid, int chunkSize, Path work)
            throws IOException {
        this(confFile, user, pool, secretUuid, null, chunkSize, work);
    }

    /**
     * @param keyringConf a keyring file whose contents go out with every connection as {@code keyring}, as Cinder's
     *                    {@code rbd_keyring_conf} does, so compute hosts can define the cephx secret themselves;
     *                    null or blank: hosts must hold the secret already (Nova's {@code rbd_secret_uuid} set-up)
     */
    public RbdVolumeBackend(String confFile, String user, String pool, String secretUuid, String keyringConf,
                            int chunkSize, Path work) throws IOException {
        this.keyringConf = keyringConf == null || keyringConf.isBlank() ? null : Path.of(keyringConf);
        if (!pool.matches("[A-Za-z0-9_.-]{1,100}")) {
            throw new IllegalArgumentException("Not a usable pool name: " + pool);
        }
        this.pool = pool;
        this.user = user;
        this.confFile = confFile;
        this.secretUuid = secretUuid;
        this.chunkSize = chunkSize;
        this.work = Files.createDirectories(work);
        this.rados = ceph.call(() -> new Rados(user));
        try {
            this.io = ceph.call(() -> {
                rados.confReadFile(new File(confFile));
                rados.connect();
                return rados.ioCtxCreate(pool);
            });
            this.rbd = ceph.call(() -> new Rbd(io));
        } catch (IOException | RuntimeException e) {
            close();
            throw new IOException("Cannot reach Ceph pool " + pool + " as " + user + " with " + confFile + ": " + e, e);
        }
    }

    @Override
    public String driver() {
        return "rbd";
    }

    @Override
    public String description() {
        return "Ceph RBD, pool " + pool;
    }

    public static String imageName(String volumeId) {
        return "volume-" + FileVolumeBackend.checkId(volumeId);
    }

    static String snapName(String snapshotId) {
        return "snapshot-" + FileVolumeBackend.checkId(snapshotId);
    }

    /** The RBD image names in the pool (tests look for leftovers). */
    public List<String> imageNames() throws IOException {
        return ceph.call(() -> List.of(rbd.list()));
    }

    @Override
    public void create(String volumeId, long sizeBytes) throws IOException {
        String name = imageName(volumeId);
        try {
            ceph.run(() -> {
                rbd.create(name, sizeBytes, LAYERING, 22);
                return null;
            });
        } catch (RbdException e) {
            if (errno(e) == EEXIST) {
                throw new java.nio.file.FileAlreadyExistsException("RBD image " + pool + "/" + name);
            }
            throw e;
        }
    }

    @Override
    public void delete(String volumeId) throws IOException {
        String name = imageName(volumeId);
        try {
            ceph.run(() -> {
                rbd.remove(name);
                return null;
            });
        } catch (RbdException e) {
            if (errno(e) != ENOENT) {
                throw new IOException("Cannot remove RBD image " + pool + "/" + name + " (it may have snapshots or"
                        + " watchers): " + e.getMessage(), e);
            }
        }
    }

    @Override
    public void extend(String volumeId, long newSizeBytes) throws IOException {
        withImage(imageName(volumeId), image -> {
            long now = image.stat().size;
            if (newSizeBytes < now) {
                throw new IllegalArgumentException("a volume cannot shrink: " + newSizeBytes + " < " + now);
            }
            image.resize(newSizeBytes);
            return null;
        });
    }

    @Override
    public boolean extendsAttached() {
        return true;
    }

    /** librbd resizes an image a guest has open; qemu's RBD driver reads the new size on its block resize. */
    @Override
    public void extendAttached(String volumeId, long newSizeBytes) throws IOException {
        extend(volumeId, newSizeBytes);
    }

    @Override
    public void cloneVolume(String sourceId, String volumeId, long sizeBytes) throws IOException {
        String source = imageName(sourceId);
        String temp = "clone-" + FileVolumeBackend.checkId(volumeId);
        withImage(source, image -> {
            image.snapCreate(temp);
            return null;
        });
        try {
            cloneFlat(source, temp, imageName(volumeId), sizeBytes);
        } finally {
            withImage(source, image -> {
                image.snapRemove(temp);
                return null;
            });
        }
    }

    @Override
    public void createSnapshot(String volumeId, String snapshotId) throws IOException {
        withImage(imageName(volumeId), image -> {
            image.snapCreate(snapName(snapshotId));
            return null;
        });
    }

    @Override
    public void deleteSnapshot(String volumeId, String snapshotId) throws IOException {
        String snap = snapName(snapshotId);
        try {
            withImage(imageName(volumeId), image -> {
                if (image.snapList().stream().anyMatch(s -> snap.equals(s.name))) {
                    image.snapRemove(snap);
                }
                return null;
            });
        } catch (NoSuchFileException e) {
            // the volume is gone, and its snapshots with it
        }
    }

    /** librbd's snapshot rollback (Cinder's rbd driver's {@code revert_to_snapshot}). */
    @Override
    public void revertToSnapshot(String volumeId, String snapshotId) throws IOException {
        String snap = snapName(snapshotId);
        withImage(imageName(volumeId), image -> {
            if (image.snapList().stream().noneMatch(s -> snap.equals(s.name))) {
                throw new NoSuchFileException(pool + "/" + imageName(volumeId) + "@" + snap);
            }
            image.snapRollBack(snap);
            return null;
        });
    }

    @Override
    public void createFromSnapshot(String volumeId, String snapshotId, String newVolumeId, long sizeBytes)
            throws IOException {
        cloneFlat(imageName(volumeId), snapName(snapshotId), imageName(newVolumeId), sizeBytes);
    }

    private static final Pattern LOCATION = Pattern.compile("^rbd://([^/]+)/([^/]+)/([^/]+)/([^/]+)$");

    /**
     * Cinder's rbd driver's {@code clone_image}: a raw image whose location is {@code rbd://<fsid>/<pool>/<image>/
     * <snap>} in this cluster (the image service's rbd store protects that snapshot) becomes the volume as a
     * copy-on-write clone of the snapshot, not flattened, grown to the volume's size: it takes the same time
     * whatever the size, and the image cannot be deleted while the clone lives (the image service's 409). Any other
     * location or format, a snapshot that is not protected, another cluster: false, nothing made.
     */
    @Override
    public boolean cloneImage(String volumeId, String location, DiskFormat format, long sizeBytes)
            throws IOException {
        Matcher m = LOCATION.matcher(location);
        if (format != DiskFormat.RAW || !m.matches()) {
            return false;
        }
        String fsid = java.net.URLDecoder.decode(m.group(1), java.nio.charset.StandardCharsets.UTF_8);
        String parentPool = java.net.URLDecoder.decode(m.group(2), java.nio.charset.StandardCharsets.UTF_8);
        String parent = java.net.URLDecoder.decode(m.group(3), java.nio.charset.StandardCharsets.UTF_8);
        String snap = java.net.URLDecoder.decode(m.group(4), java.nio.charset.StandardCharsets.UTF_8);
        String child = imageName(volumeId);
        return ceph.call(() -> {
            if (!fsid.equals(rados.clusterFsid())) {
                return false;
            }
            IoCTX parentIo;
            try {
                parentIo = rados.ioCtxCreate(parentPool);
            } catch (com.ceph.rados.exceptions.RadosException e) {
                return false;
            }
            try {
                Rbd parentRbd = new Rbd(parentIo);
                RbdImage image;
                try {
                    image = parentRbd.open(parent, snap);
                } catch (RbdException e) {
                    return false;
                }
                long imageBytes;
                boolean isProtected;
                try {
                    imageBytes = image.stat().size;
                    isProtected = image.snapIsProtected(snap);
                } finally {
                    parentRbd.close(image);
                }
                if (!isProtected) {
                    return false;
                }
                if (imageBytes > sizeBytes) {
                    throw new ImageTooLargeException(imageBytes, sizeBytes);
                }
                parentRbd.clone(parent, snap, io, child, LAYERING, 22);
            } finally {
                rados.ioCtxDestroy(parentIo);
            }
            try {
                RbdImage made = rbd.open(child);
                try {
                    if (made.stat().size < sizeBytes) {
                        made.resize(sizeBytes);
                    }
                } finally {
                    rbd.close(made);
                }
            } catch (RbdException e) {
                rbd.remove(child);
                throw e;
            }
            return true;
        });
    }

    /** Protects the snapshot, clones it, flattens the clone so it stands alone, unprotects, grows to size. */
    private void cloneFlat(String parent, String snap, String child, long sizeBytes) throws IOException {
        withImage(parent, image -> {
            if (!image.snapIsProtected(snap)) {
                image.snapProtect(snap);
            }
            return null;
        });
        try {
            ceph.run(() -> {
                rbd.clone(parent, snap, io, child, LAYERING, 22);
                return null;
            });
            try {
                withImage(child, image -> {
                    image.flatten();
                    if (image.stat().size < sizeBytes) {
                        image.resize(sizeBytes);
                    }
                    return null;
                });
            } catch (IOException | RuntimeException e) {
                delete(child.substring("volume-".length()));
                throw e;
            }
        } finally {
            withImage(parent, image -> {
                image.snapUnprotect(snap);
                return null;
            });
        }
    }

    @Override
    public void copyImageToVolume(String volumeId, InputStream image, DiskFormat format) throws IOException {
        String name = imageName(volumeId);
        long volumeBytes = size(volumeId);
        if (volumeBytes < 0) {
            throw new NoSuchFileException("RBD image " + pool + "/" + name);
        }
        Path download = work.resolve("tmp-" + UUID.randomUUID());
        Path raw = work.resolve("tmp-" + UUID.randomUUID());
        try {
            Files.copy(image, download, StandardCopyOption.REPLACE_EXISTING);
            long imageBytes = QemuImg.virtualSize(download.toString(), format.qemu());
            if (imageBytes > volumeBytes) {
                throw new ImageTooLargeException(imageBytes, volumeBytes);
            }
            Path source = download;
            if (!format.qemu().equals("raw")) {
                QemuImg.convert(download.toString(), format.qemu(), raw, "raw");
                source = raw;
            }
            writeRaw(name, source, volumeBytes);
        } finally {
            Files.deleteIfExists(download);
            Files.deleteIfExists(raw);
        }
    }

    /** Writes the raw file over the image from offset 0 and zeroes the rest, chunk by chunk. */
    private void writeRaw(String name, Path source, long volumeBytes) throws IOException {
        RbdImage image = open(name);
        try (InputStream in = Files.newInputStream(source)) {
            byte[] buf = new byte[chunkSize];
            long at = 0;
            while (at < volumeBytes) {
                int n = in.readNBytes(buf, 0, (int) Math.min(chunkSize, volumeBytes - at));
                if (n == 0) {
                    java.util.Arrays.fill(buf, (byte) 0);
                    n = (int) Math.min(chunkSize, volumeBytes - at);
                }
                long offset = at;
                int len = n;
                ceph.run(() -> {
                    image.write(buf, offset, len);
                    return null;
                });
                at += n;
            }
        } finally {
            closeImage(image);
        }
    }

    @Override
    public InputStream copyVolumeToImage(String volumeId) throws IOException {
        RbdImage image = open(imageName(volumeId));
        long size;
        try {
            size = ceph.call(() -> image.stat().size);
        } catch (IOException | RuntimeException e) {
            closeImage(image);
            throw e;
        }
        return new ImageInputStream(image, size);
    }

    @Override
    public long size(String volumeId) throws IOException {
        try {
            return withImage(imageName(volumeId), image -> image.stat().size);
        } catch (NoSuchFileException e) {
            return -1;
        }
    }

    @Override
    public VolumeConnection initializeConnection(String volumeId, Connector connector) throws IOException {
        if (size(volumeId) < 0) {
            throw new NoSuchFileException("RBD image " + pool + "/" + imageName(volumeId));
        }
        String[] mon = monitor();
        Map<String, String> data = new java.util.LinkedHashMap<>(Map.of(
                "name", pool + "/" + imageName(volumeId),
                "hosts", mon[0],
                "ports", mon[1],
                "cluster_name", "ceph",
                "auth_enabled", "true",
                "auth_username", user,
                "secret_type", "ceph",
                "secret_uuid", secretUuid,
                "volume_id", volumeId));
        if (keyringConf != null) {
            data.put("keyring", Files.readString(keyringConf, java.nio.charset.StandardCharsets.US_ASCII));
        }
        return new VolumeConnection("rbd", data);
    }

    @Override
    public void terminateConnection(String volumeId, Connector connector) {
        // RBD needs no export
    }

    /** The first monitor's address and port, from ceph.conf's {@code mon host} (v2 address form or plain). */
    String[] monitor() throws IOException {
        Matcher m = MON_HOST.matcher(Files.readString(Path.of(confFile)));
        if (!m.find()) {
            throw new IOException(confFile + " has no 'mon host' line");
        }
        Matcher addr = Pattern.compile("(\\d+\\.\\d+\\.\\d+\\.\\d+|\\[[0-9a-fA-F:]+\\]):(\\d+)").matcher(m.group(1));
        if (addr.find()) {
            return new String[] {addr.group(1), addr.group(2)};
        }
        return new String[] {m.group(1).trim().split("[ ,]")[0], "6789"};
    }

    @Override
    public void close() {
        try {
            ceph.run(() -> {
                if (io != null) {
                    rados.ioCtxDestroy(io);
                }
                rados.shutDown();
                return null;
            });
        } catch (IOException | RuntimeException e) {
            // shutting down: nothing left to do with the handle
        } finally {
            ceph.close();
        }
    }

    private interface ImageCall<T> {
        T apply(RbdImage image) throws IOException;
    }

    private <T> T withImage(String name, ImageCall<T> call) throws IOException {
        RbdImage image = open(name);
        try {
            return ceph.call(() -> call.apply(image));
        } finally {
            closeImage(image);
        }
    }

    private RbdImage open(String name) throws IOException {
        try {
            return ceph.call(() -> rbd.open(name));
        } catch (RbdException e) {
            if (errno(e) == ENOENT) {
                throw new NoSuchFileException("RBD image " + pool + "/" + name);
            }
            throw e;
        }
    }

    private void closeImage(RbdImage image) throws IOException {
        ceph.run(() -> {
            rbd.close(image);
            return null;
        });
    }

    private static int errno(RbdException e) {
        return Math.abs(e.getReturnValue());
    }

    /** Reads a whole image, at most one chunk per librbd call. */
    private final class ImageInputStream extends InputStream {
        private final RbdImage image;
        private final long end;
        private long pos;
        private boolean closed;

        ImageInputStream(RbdImage image, long end) {
            this.image = image;
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
            byte[] target = off == 0 ? b : new byte[want];
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

        @Override
        public void close() throws IOException {
            if (!closed) {
                closed = true;
                closeImage(image);
            }
        }
    }
}
