package io.nubo.blockstorage.request;

import io.nubo.blockstorage.error.VolumeError;

/**
 * Cinder's {@code common.get_cluster_host}: from the microversion at which a request takes a {@code cluster}
 * (3.16 manage, 3.17 manageable lists, 3.26 replication actions) one and only one of cluster and host must be given;
 * before it the host is required and a cluster is ignored.
 */
public final class ClusterOrHost {

    private ClusterOrHost() {
    }

    /** The cluster named (null when the host is), after Cinder's 400s. */
    public static String cluster(String cluster, String host, boolean clusterServed) {
        String c = clusterServed && cluster != null && !cluster.isEmpty() ? cluster : null;
        boolean hasHost = host != null && !host.isEmpty();
        if ((c != null) == hasHost) {
            throw VolumeError.INVALID_INPUT.exception(clusterServed ? "One and only one of cluster and host must be"
                    + " set." : "Host field is missing.");
        }
        return c;
    }
}
