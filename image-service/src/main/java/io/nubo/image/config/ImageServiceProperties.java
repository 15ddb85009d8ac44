package io.nubo.image.config;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The image service's settings ({@code nubo.image.*}).
 *
 * @param defaultStore        the store new image data goes to ({@code file})
 * @param fileStores          the file stores by name (Glance's multi-store, e.g. {@code fast, cheap}); {@code file}
 *                            keeps its data in {@code <store-directory>/store}, any other in {@code store-<name>}
 * @param storeDirectory      the file store's directory; empty: {@code <nubo.data-dir>/image/store}
 * @param quota               per-project limits; a negative number means unlimited
 * @param defaultListLimit    images per page when the client gives no {@code limit}
 * @param maxListLimit        the largest page
 */
@ConfigurationProperties("nubo.image")
public record ImageServiceProperties(
        @DefaultValue("file") String defaultStore,
        @DefaultValue("file") List<String> fileStores,
        @DefaultValue("") String storeDirectory,
        @DefaultValue Quota quota,
        @DefaultValue("25") int defaultListLimit,
        @DefaultValue("1000") int maxListLimit,
        @DefaultValue Swift swift,
        @DefaultValue Rbd rbd) {

    /**
     * Ceph RBD as an image store (id {@code rbd}), as Glance's rbd store: an RBD image per Glance image with a
     * protected snapshot {@code snap} that compute and block storage clone copy-on-write. Off unless {@code enabled};
     * then {@code conf} is required.
     *
     * @param conf      the ceph.conf path (monitors; the keyring it names holds {@code client.<user>}'s key)
     * @param user      the Ceph user, without {@code client.}
     * @param pool      the pool of the RBD images
     * @param chunkSize bytes written (and read) per librbd call; the image grows by this much at a time
     */
    public record Rbd(@DefaultValue("false") boolean enabled, @DefaultValue("") String conf,
                      @DefaultValue("admin") String user, @DefaultValue("images") String pool,
                      @DefaultValue("8388608") int chunkSize) {
    }

    /**
     * The object store as an image store (id {@code swift}), reached through its Swift API with the image service's
     * own account. Off unless {@code enabled}; then every credential is required.
     *
     * @param segmentSize images larger than this are written as segments under a static large object manifest
     *                    (Swift caps one object at 5 GiB)
     */
    public record Swift(@DefaultValue("false") boolean enabled, @DefaultValue("") String authUrl,
                        @DefaultValue("") String user, @DefaultValue("Default") String userDomain,
                        @DefaultValue("") String password, @DefaultValue("") String project,
                        @DefaultValue("Default") String projectDomain, @DefaultValue("RegionOne") String region,
                        @DefaultValue("public") String endpointInterface, @DefaultValue("glance") String container,
                        @DefaultValue("1073741824") long segmentSize) {
    }

    /**
     * @param images   images a project may have (any status but deleted)
     * @param bytes    bytes of image data a project may store
     * @param uploads  images a project may have uploading at once (staged or importing)
     */
    public record Quota(@DefaultValue("-1") long images, @DefaultValue("-1") long bytes,
                        @DefaultValue("-1") long uploads) {
    }
}
