package io.nubo.blockstorage.config;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The block storage service's settings ({@code nubo.block-storage.*}).
 *
 * @param defaultBackend   the backend of volumes whose type names no {@code volume_backend_name}
 * @param availabilityZone the one zone volumes are in (Cinder's {@code storage_availability_zone})
 * @param host             the service's host name, as {@code os-services} and {@code os-vol-host-attr:host} show it
 * @param imageServiceUrl  the image service's API root, reached with the caller's token for volumes from images
 *                         and for os-volume_upload_image
 * @param defaultListLimit volumes per page when the client gives no {@code limit} ({@code osapi_max_limit})
 * @param quota            the default per-project limits; -1 is unlimited
 * @param resourceFilters  Cinder's {@code resource_query_filters_file}: per list resource, the filters a user who is
 *                         not an administrator may pass from microversion 3.31 ({@code name~} in it allows both
 *                         {@code name} and, from 3.34, {@code name~}); a resource not named keeps the list of
 *                         Cinder's default file (e.g. {@code resource-filters.volume=name,name~,status})
 */
@ConfigurationProperties("nubo.block-storage")
public record BlockStorageProperties(
        @DefaultValue("file") String defaultBackend,
        @DefaultValue("nova") String availabilityZone,
        @DefaultValue("nubo") String host,
        @DefaultValue("http://127.0.0.1:8782") String imageServiceUrl,
        @DefaultValue("1000") int defaultListLimit,
        @DefaultValue File file,
        @DefaultValue Rbd rbd,
        @DefaultValue Iscsi iscsi,
        @DefaultValue Quota quota,
        @DefaultValue Backup backup,
        java.util.Map<String, java.util.List<String>> resourceFilters) {

    /**
     * Backups to the object store, as Cinder's swift backup driver: the service signs in as its own service user
     * (identity bootstraps {@code cinder} in project {@code service}) and keeps every backup in that account's
     * {@code container}, in chunks of {@code chunkSize} bytes (zlib-compressed; all-zero chunks are recorded, not
     * stored) and a metadata object. Chunks are 4 MiB, not Cinder's 50 MiB: each copy holds one or two chunks in
     * memory, and the service's heap is small. Off unless {@code enabled}; then the credentials are required.
     */
    public record Backup(@DefaultValue("false") boolean enabled, @DefaultValue("") String identityUrl,
                         @DefaultValue("cinder") String user, @DefaultValue("") String password,
                         @DefaultValue("service") String project, @DefaultValue("Default") String domain,
                         @DefaultValue("public") String endpointInterface,
                         @DefaultValue("volumebackups") String container,
                         @DefaultValue("4194304") int chunkSize) {
    }

    /** @param directory where volume files live; empty: {@code <nubo.data-dir>/blockstorage/file} */
    public record File(@DefaultValue("true") boolean enabled, @DefaultValue("") String directory,
                       @DefaultValue("qcow2") String format) {
    }

    /**
     * Ceph RBD volumes; off unless enabled, then {@code conf} is required.
     *
     * @param secretUuid  the libvirt secret holding the cephx key on compute hosts (Cinder's rbd_secret_uuid)
     * @param keyringConf a keyring sent with each connection so hosts define that secret themselves (Cinder's
     *                    rbd_keyring_conf); empty: the hosts hold the secret already
     */
    public record Rbd(@DefaultValue("false") boolean enabled, @DefaultValue("") String conf,
                      @DefaultValue("admin") String user, @DefaultValue("volumes") String pool,
                      @DefaultValue("") String secretUuid, @DefaultValue("8388608") int chunkSize,
                      @DefaultValue("") String keyringConf) {
    }

    /**
     * iSCSI volumes exported by tgt; off unless enabled.
     *
     * @param portal      where tgtd listens ({@code scripts/iscsi-target.sh start})
     * @param controlPort tgtd's control port ({@code tgtadm -C})
     * @param directory   where the raw files live; empty: {@code <nubo.data-dir>/blockstorage/iscsi}
     */
    public record Iscsi(@DefaultValue("false") boolean enabled, @DefaultValue("127.0.0.1:3260") String portal,
                        @DefaultValue("0") int controlPort,
                        @DefaultValue("iqn.2010-10.org.openstack:") String iqnPrefix,
                        @DefaultValue("") String directory) {
    }

    /** Cinder's default quotas. */
    public record Quota(@DefaultValue("10") int volumes, @DefaultValue("10") int snapshots,
                        @DefaultValue("1000") int gigabytes, @DefaultValue("-1") int perVolumeGigabytes,
                        @DefaultValue("10") int backups, @DefaultValue("1000") int backupGigabytes,
                        @DefaultValue("10") int groups) {
    }
}
