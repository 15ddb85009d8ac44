package io.nubo.blockstorage.backend;

import io.nubo.shared.events.compute.VolumeConnection;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.UUID;

/**
 * Volumes as image files made with {@code qemu-img} under one directory: {@code volumes/volume-<id>.<format>}
 * (qcow2 by default, thin; or raw, sparse), snapshots as full copies {@code snapshots/snapshot-<id>.<format>}, so a
 * snapshot never depends on its volume's later life (Cinder's generic snapshot-by-copy). Everything new is written
 * to a temporary name and renamed into place, so a failure leaves nothing half-made under a volume's name. Hosts
 * reach a volume by its path ({@code driver_volume_type} {@code file}).
 */
public class FileVolumeBackend implements VolumeBackend {

    private final Path volumes;
    private final Path snapshots;
    private final Path work;
    private final String format;

    /** @param format {@code qcow2} or {@code raw} */
    public FileVolumeBackend(Path root, String format) throws IOException {
        if (!format.equals("qcow2") && !format.equals("raw")) {
            throw new IllegalArgumentException("file volumes are qcow2 or raw, not " + format);
        }
        this.volumes = Files.createDirectories(root.resolve("volumes"));
        this.snapshots = Files.createDirectories(root.resolve("snapshots"));
        this.work = Files.createDirectories(root.resolve("tmp"));
        this.format = format;
    }

    @Override
    public String driver() {
        return "file";
    }

    @Override
    public String description() {
        return format + " files under " + volumes;
    }

    /** The volume's file: the path a host opens. */
    public Path path(String volumeId) {
        return volumes.resolve("volume-" + checkId(volumeId) + "." + format);
    }

    public String format() {
        return format;
    }

    Path snapshotPath(String snapshotId) {
        return snapshots.resolve("snapshot-" + checkId(snapshotId) + "." + format);
    }

    @Override
    public void create(String volumeId, long sizeBytes) throws IOException {
        Path target = absent(path(volumeId));
        Path tmp = temp();
        try {
            QemuImg.create(tmp, format, sizeBytes);
            moveIntoPlace(tmp, target);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    @Override
    public void delete(String volumeId) throws IOException {
        Files.deleteIfExists(path(volumeId));
    }

    @Override
    public void extend(String volumeId, long newSizeBytes) throws IOException {
        QemuImg.resize(growable(volumeId, newSizeBytes), format, newSizeBytes);
    }

    /** The volume's file, once it is sure the new size does not shrink it. */
    private Path growable(String volumeId, long newSizeBytes) throws IOException {
        Path p = existing(volumeId);
        long now = QemuImg.virtualSize(p.toString(), format);
        if (newSizeBytes < now) {
            throw new IllegalArgumentException("a volume cannot shrink: " + newSizeBytes + " < " + now);
        }
        return p;
    }

    @Override
    public boolean extendsAttached() {
        return true;
    }

    /**
     * A raw file grows in place (sparse; qemu reads the new length on its block resize). A qcow2 file's size is in
     * its header, which only one writer may change: qemu-img changes it when no guest runs; while a guest's qemu
     * holds the image's write lock, qemu-img is refused and the guest's own qemu writes the new size when the
     * compute agent resizes the disk (libvirt's block resize grows the qcow2 through qemu's format driver).
     */
    @Override
    public void extendAttached(String volumeId, long newSizeBytes) throws IOException {
        Path p = growable(volumeId, newSizeBytes);
        if ("raw".equals(format)) {
            try (java.io.RandomAccessFile f = new java.io.RandomAccessFile(p.toFile(), "rw")) {
                f.setLength(newSizeBytes);
            }
            return;
        }
        try {
            QemuImg.resize(p, format, newSizeBytes);
        } catch (IOException e) {
            if (!String.valueOf(e.getMessage()).contains("Failed to get \"write\" lock")) {
                throw e;
            }
        }
    }

    @Override
    public void cloneVolume(String sourceId, String volumeId, long sizeBytes) throws IOException {
        copyInto(existing(sourceId), path(volumeId), sizeBytes);
    }

    @Override
    public void createSnapshot(String volumeId, String snapshotId) throws IOException {
        Path target = absent(snapshotPath(snapshotId));
        Path tmp = temp();
        try {
            QemuImg.convert(existing(volumeId).toString(), format, tmp, format);
            moveIntoPlace(tmp, target);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    @Override
    public void deleteSnapshot(String volumeId, String snapshotId) throws IOException {
        Files.deleteIfExists(snapshotPath(snapshotId));
    }

    /** A copy of the snapshot file, written beside the volume, then renamed over it (never half a revert). */
    @Override
    public void revertToSnapshot(String volumeId, String snapshotId) throws IOException {
        Path target = existing(volumeId);
        Path snap = snapshotPath(snapshotId);
        if (!Files.exists(snap)) {
            throw new NoSuchFileException(snap.toString());
        }
        Path tmp = temp();
        try {
            QemuImg.convert(snap.toString(), format, tmp, format);
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    @Override
    public void createFromSnapshot(String volumeId, String snapshotId, String newVolumeId, long sizeBytes)
            throws IOException {
        Path snap = snapshotPath(snapshotId);
        if (!Files.exists(snap)) {
            throw new NoSuchFileException(snap.toString());
        }
        copyInto(snap, path(newVolumeId), sizeBytes);
    }

    @Override
    public void copyImageToVolume(String volumeId, InputStream image, DiskFormat imageFormat) throws IOException {
        Path target = existing(volumeId);
        long volumeBytes = QemuImg.virtualSize(target.toString(), format);
        Path download = temp();
        Path converted = temp();
        try {
            Files.copy(image, download, StandardCopyOption.REPLACE_EXISTING);
            long imageBytes = QemuImg.virtualSize(download.toString(), imageFormat.qemu());
            if (imageBytes > volumeBytes) {
                throw new ImageTooLargeException(imageBytes, volumeBytes);
            }
            QemuImg.convert(download.toString(), imageFormat.qemu(), converted, format);
            if (imageBytes < volumeBytes) {
                QemuImg.resize(converted, format, volumeBytes);
            }
            Files.move(converted, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(download);
            Files.deleteIfExists(converted);
        }
    }

    @Override
    public InputStream copyVolumeToImage(String volumeId) throws IOException {
        Path source = existing(volumeId);
        if (format.equals("raw")) {
            return Files.newInputStream(source);
        }
        Path raw = temp();
        QemuImg.convert(source.toString(), format, raw, "raw");
        return new FilterInputStream(Files.newInputStream(raw)) {
            @Override
            public void close() throws IOException {
                try {
                    super.close();
                } finally {
                    Files.deleteIfExists(raw);
                }
            }
        };
    }

    @Override
    public long size(String volumeId) throws IOException {
        Path p = path(volumeId);
        return Files.exists(p) ? QemuImg.virtualSize(p.toString(), format) : -1;
    }

    @Override
    public VolumeConnection initializeConnection(String volumeId, Connector connector) throws IOException {
        Path p = existing(volumeId);
        return new VolumeConnection("file", Map.of("path", p.toAbsolutePath().toString(), "format", format,
                "volume_id", volumeId));
    }

    @Override
    public void terminateConnection(String volumeId, Connector connector) {
        // a file needs no export
    }

    /** {@code source} (a volume or snapshot file) copied to a new volume file of at least {@code sizeBytes}. */
    private void copyInto(Path source, Path target, long sizeBytes) throws IOException {
        absent(target);
        Path tmp = temp();
        try {
            QemuImg.convert(source.toString(), format, tmp, format);
            if (QemuImg.virtualSize(tmp.toString(), format) < sizeBytes) {
                QemuImg.resize(tmp, format, sizeBytes);
            }
            moveIntoPlace(tmp, target);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private Path existing(String volumeId) throws IOException {
        Path p = path(volumeId);
        if (!Files.exists(p)) {
            throw new NoSuchFileException(p.toString());
        }
        return p;
    }

    private static Path absent(Path p) throws IOException {
        if (Files.exists(p)) {
            throw new FileAlreadyExistsException(p.toString());
        }
        return p;
    }

    /** A name in the work directory that does not exist yet (qemu-img creates the file itself). */
    private Path temp() {
        return work.resolve("tmp-" + UUID.randomUUID());
    }

    /** Rename without replacing: if two creates race for one name, the second fails and the first stays. */
    private static void moveIntoPlace(Path tmp, Path target) throws IOException {
        Files.createLink(target, tmp);
        Files.delete(tmp);
    }

    static String checkId(String id) {
        if (id == null || !id.matches("[A-Za-z0-9-]{1,64}")) {
            throw new IllegalArgumentException("Not a volume or snapshot id: " + id);
        }
        return id;
    }
}
