package io.nubo.blockstorage.backend;

import io.nubo.shared.events.compute.VolumeConnection;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;

/**
 * Volumes as raw files exported over iSCSI by Debian's user-space {@code tgt} (Cinder's LVM driver with
 * {@code target_helper = tgtadm}, files instead of logical volumes): no kernel module, and qemu's own initiator
 * (qemu-block-extra) reaches the LUN. The bytes are kept by a raw {@link FileVolumeBackend}; this class adds the
 * export. {@code os-initialize_connection} exports the volume as target {@code <iqn prefix>volume-<id>}, LUN 1,
 * behind a CHAP account made for that volume (its secret kept in a 0600 file beside the volume), and answers
 * Cinder's iscsi connection info; {@code os-terminate_connection} and delete remove the export.
 */
public class IscsiVolumeBackend implements VolumeBackend {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final FileVolumeBackend files;
    private final TgtAdmin tgt;
    private final String portal;
    private final String iqnPrefix;
    private final Path secrets;

    /**
     * @param portal      {@code host:port} hosts log in to, as tgtd listens ({@code 127.0.0.1:3260})
     * @param controlPort tgtd's control port ({@code tgtd -C}; 0 for the default daemon)
     * @param iqnPrefix   target names start with this ({@code iqn.2010-10.org.openstack:})
     */
    public IscsiVolumeBackend(Path root, String portal, int controlPort, String iqnPrefix) throws IOException {
        if (!portal.matches("[A-Za-z0-9.\\-\\[\\]:]+:\\d{1,5}")) {
            throw new IllegalArgumentException("iSCSI portal must be host:port, not " + portal);
        }
        this.files = new FileVolumeBackend(root, "raw");
        this.tgt = new TgtAdmin(controlPort);
        this.portal = portal;
        this.iqnPrefix = iqnPrefix;
        this.secrets = Files.createDirectories(root.resolve("chap"));
        tgt.check();
    }

    @Override
    public String driver() {
        return "iscsi";
    }

    @Override
    public String description() {
        return "raw files exported by tgt at " + portal;
    }

    public String iqn(String volumeId) {
        return iqnPrefix + "volume-" + FileVolumeBackend.checkId(volumeId);
    }

    @Override
    public void create(String volumeId, long sizeBytes) throws IOException {
        files.create(volumeId, sizeBytes);
    }

    @Override
    public void delete(String volumeId) throws IOException {
        tgt.unexport(iqn(volumeId), chapUser(volumeId));
        Files.deleteIfExists(secretFile(volumeId));
        files.delete(volumeId);
    }

    @Override
    public void extend(String volumeId, long newSizeBytes) throws IOException {
        extendAttached(volumeId, newSizeBytes);
    }

    @Override
    public boolean extendsAttached() {
        return true;
    }

    /**
     * The raw file grows (tgtd holds no lock on it), then the export's LUN, if the volume is exported, is made again
     * so tgt reports the new size (for a detached volume too, which may still be exported); qemu's iSCSI initiator takes it at the agent's block resize (it refuses to grow past what the target
     * reports, so the LUN must come first).
     */
    @Override
    public void extendAttached(String volumeId, long newSizeBytes) throws IOException {
        files.extend(volumeId, newSizeBytes);
        tgt.refreshLun(iqn(volumeId), files.path(volumeId));
    }

    @Override
    public void cloneVolume(String sourceId, String volumeId, long sizeBytes) throws IOException {
        files.cloneVolume(sourceId, volumeId, sizeBytes);
    }

    @Override
    public void createSnapshot(String volumeId, String snapshotId) throws IOException {
        files.createSnapshot(volumeId, snapshotId);
    }

    @Override
    public void deleteSnapshot(String volumeId, String snapshotId) throws IOException {
        files.deleteSnapshot(volumeId, snapshotId);
    }

    /** The raw file reverted as the file driver does; an available volume has no target to refresh. */
    @Override
    public void revertToSnapshot(String volumeId, String snapshotId) throws IOException {
        files.revertToSnapshot(volumeId, snapshotId);
    }

    @Override
    public void createFromSnapshot(String volumeId, String snapshotId, String newVolumeId, long sizeBytes)
            throws IOException {
        files.createFromSnapshot(volumeId, snapshotId, newVolumeId, sizeBytes);
    }

    @Override
    public void copyImageToVolume(String volumeId, InputStream image, DiskFormat format) throws IOException {
        files.copyImageToVolume(volumeId, image, format);
    }

    @Override
    public InputStream copyVolumeToImage(String volumeId) throws IOException {
        return files.copyVolumeToImage(volumeId);
    }

    @Override
    public long size(String volumeId) throws IOException {
        return files.size(volumeId);
    }

    @Override
    public VolumeConnection initializeConnection(String volumeId, Connector connector) throws IOException {
        Path file = files.path(volumeId);
        if (!Files.exists(file)) {
            throw new java.nio.file.NoSuchFileException(file.toString());
        }
        String password = chapPassword(volumeId);
        tgt.export(iqn(volumeId), file, chapUser(volumeId), password);
        return new VolumeConnection("iscsi", Map.of(
                "target_portal", portal,
                "target_iqn", iqn(volumeId),
                "target_lun", "1",
                "target_discovered", "false",
                "auth_method", "CHAP",
                "auth_username", chapUser(volumeId),
                "auth_password", password,
                "volume_id", volumeId));
    }

    @Override
    public void terminateConnection(String volumeId, Connector connector) throws IOException {
        tgt.unexport(iqn(volumeId), chapUser(volumeId));
    }

    /** A CHAP user name per volume (tgt's accounts are daemon-wide, so the id keeps them apart). */
    static String chapUser(String volumeId) {
        return "vol-" + FileVolumeBackend.checkId(volumeId);
    }

    /** The volume's CHAP secret: made once (16 hex characters, within what every initiator accepts), then kept. */
    private synchronized String chapPassword(String volumeId) throws IOException {
        Path f = secretFile(volumeId);
        if (Files.exists(f)) {
            return Files.readString(f, StandardCharsets.US_ASCII).trim();
        }
        byte[] b = new byte[8];
        RANDOM.nextBytes(b);
        String secret = HexFormat.of().formatHex(b);
        Path tmp = Files.createTempFile(secrets, "tmp-", ".chap",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(tmp, secret, StandardCharsets.US_ASCII);
        Files.move(tmp, f, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        return secret;
    }

    private Path secretFile(String volumeId) {
        return secrets.resolve("volume-" + FileVolumeBackend.checkId(volumeId) + ".chap");
    }
}
