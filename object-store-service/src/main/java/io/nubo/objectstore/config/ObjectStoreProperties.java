package io.nubo.objectstore.config;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The object store, {@code nubo.object-store.*}.
 *
 * @param backend            where object bytes go: {@code local} (files under the data directory) or {@code rados}
 * @param dataDir            the local driver's directory; default {@code <nubo.data-dir>/objectstore}
 * @param operatorRoles      roles that make a user the owner of its project's account (keystoneauth's operator_roles)
 * @param resellerAdminRoles roles that own every account and may set account quotas
 * @param maxFileSize        the largest single object (Swift's 5 GiB + 2 bytes)
 * @param expiryInterval     seconds between two sweeps of expired objects
 * @param rados              the RADOS driver's cluster, user, pool and stripe size
 */
@ConfigurationProperties("nubo.object-store")
public record ObjectStoreProperties(
        @DefaultValue("local") String backend,
        String dataDir,
        @DefaultValue({"admin", "member"}) List<String> operatorRoles,
        @DefaultValue("ResellerAdmin") List<String> resellerAdminRoles,
        @DefaultValue("5368709122") long maxFileSize,
        @DefaultValue("10") long expiryInterval,
        @DefaultValue Rados rados) {

    /**
     * @param conf       the cluster's ceph.conf (required for {@code backend: rados})
     * @param user       the cephx user, {@code admin} for {@code client.admin}
     * @param pool       the pool that holds the blobs (created beforehand)
     * @param stripeSize bytes per RADOS object of a blob
     */
    public record Rados(String conf, @DefaultValue("admin") String user, @DefaultValue("objects") String pool,
                        @DefaultValue("4194304") int stripeSize) {
    }
}
