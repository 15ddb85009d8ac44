package io.nubo.blockstorage.backend;

import io.nubo.shared.events.compute.VolumeConnection;
import java.io.IOException;
import java.io.InputStream;

/**
 * Where volume bytes live: one small interface, drivers chosen by name in configuration ({@code file},
 * {@code rbd}, {@code iscsi}), and one contract suite ({@code VolumeBackendContract}) run against each. Sizes are
 * in bytes (the API's GiB times 2^30; tests use a few MiB). Every method is idempotent where Cinder's drivers are
 * (deleting what is gone succeeds) and leaves nothing half-made when it fails.
 */
public interface VolumeBackend extends AutoCloseable {

    /** The driver's name: {@code file}, {@code rbd} or {@code iscsi}. */
    String driver();

    /**
     * Cinder's {@code get_manageable_volumes}: storage objects on the backend that could be managed (adopted as
     * volumes). No Nubo driver lists any, as Cinder's base driver.
     */
    default java.util.List<Object> manageableVolumes() {
        return java.util.List.of();
    }

    /** Same for snapshots ({@code get_manageable_snapshots}). */
    default java.util.List<Object> manageableSnapshots() {
        return java.util.List.of();
    }

    /**
     * Cinder's {@code manage_existing}: adopt the storage object {@code ref} names as volume {@code volumeId}. No
     * Nubo driver can (Cinder's base driver raises NotImplementedError with this message).
     */
    default void manageExisting(String volumeId, java.util.Map<String, String> ref) throws IOException {
        throw new UnsupportedOperationException("Manage existing volume not implemented.");
    }

    /**
     * Cinder's {@code clone_image}: makes the volume from the image where the image service keeps it
     * ({@code location}, its direct_url), without copying through the image API, if this backend can; answers false
     * (having made nothing) when it cannot, and the caller copies the bytes instead. Only rbd can, from an image in
     * the same Ceph cluster.
     */
    default boolean cloneImage(String volumeId, String location, DiskFormat format, long sizeBytes)
            throws IOException {
        return false;
    }

    /** An empty (all zero) volume of {@code sizeBytes}; fails if one with this id exists already. */
    void create(String volumeId, long sizeBytes) throws IOException;

    /** Removes the volume; nothing happens if it is not there. Snapshots of it must be deleted first. */
    void delete(String volumeId) throws IOException;

    /** Grows the volume to {@code newSizeBytes}, keeping its bytes; refuses to shrink. */
    void extend(String volumeId, long newSizeBytes) throws IOException;

    /**
     * Whether a volume attached to a guest can grow (microversion 3.42), in a way the guest's qemu then sees when
     * the compute agent resizes its disk (libvirt's block resize). Asked before the volume turns extending.
     */
    default boolean extendsAttached() {
        return false;
    }

    /**
     * Grows a volume that a running guest may hold open (3.42), so that the guest's qemu can take the new size;
     * only called when {@link #extendsAttached()}.
     */
    default void extendAttached(String volumeId, long newSizeBytes) throws IOException {
        throw new UnsupportedOperationException("The " + driver() + " backend cannot extend an attached volume.");
    }

    /** A new volume with the source's bytes now, independent of it afterwards, at least {@code sizeBytes} large. */
    void cloneVolume(String sourceId, String volumeId, long sizeBytes) throws IOException;

    void createSnapshot(String volumeId, String snapshotId) throws IOException;

    /** Removes the snapshot; nothing happens if it is not there. */
    void deleteSnapshot(String volumeId, String snapshotId) throws IOException;

    /**
     * Microversion 3.40: the volume's bytes become the snapshot's again (the snapshot stays as it is, and the volume
     * as large as it was); the volume is not connected anywhere. Fails without changing the volume when the snapshot
     * is not there.
     */
    void revertToSnapshot(String volumeId, String snapshotId) throws IOException;

    /** A new volume with the snapshot's bytes, independent of it, at least {@code sizeBytes} large. */
    void createFromSnapshot(String volumeId, String snapshotId, String newVolumeId, long sizeBytes)
            throws IOException;

    /**
     * Writes an image (in {@code format}: raw, qcow2, vmdk, ...; never probed) over an existing volume's bytes.
     * Throws {@link ImageTooLargeException} when the image's virtual size exceeds the volume, changing nothing.
     */
    void copyImageToVolume(String volumeId, InputStream image, DiskFormat format) throws IOException;

    /** The volume's bytes, raw, from offset 0 to its size (for os-volume_upload_image); the caller closes it. */
    InputStream copyVolumeToImage(String volumeId) throws IOException;

    /** The volume's size in bytes, or -1 when it does not exist. */
    long size(String volumeId) throws IOException;

    /** How a host reaches the volume (and, for iSCSI, the export made for it), as os-initialize_connection says. */
    VolumeConnection initializeConnection(String volumeId, Connector connector) throws IOException;

    /** Undoes {@link #initializeConnection} for that connector; nothing happens if there is no such connection. */
    void terminateConnection(String volumeId, Connector connector) throws IOException;

    /** A one-line description for logs and {@code os-services}. */
    String description();

    @Override
    default void close() throws IOException {
    }

    /** The host side of a connection, from Cinder's {@code connector} (host name, iSCSI initiator, address). */
    record Connector(String host, String initiator, String ip) {
    }
}
