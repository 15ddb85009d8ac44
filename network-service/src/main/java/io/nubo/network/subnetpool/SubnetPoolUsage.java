package io.nubo.network.subnetpool;

import io.nubo.network.ipam.Cidr;
import java.util.List;

/** The subnets carved from a pool, asked by the pool feature without depending on subnets (which implement this). */
public interface SubnetPoolUsage {

    /** The prefixes of the subnets allocated from this pool. */
    List<Cidr> subnetsFrom(String subnetpoolId);
}
