package io.nubo.network.network;

import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * What lives on a network and must be asked before it goes: subnets (listed in the network's view, deleted with
 * it) and ports (a port in use keeps it). The subnet and port features implement this, so the network feature
 * depends on neither.
 */
public interface NetworkMembers {

    /** The ids of the subnets of each network. */
    default Map<String, List<String>> subnetsOf(Collection<String> networkIds) {
        return Map.of();
    }

    /** Throws a 409 when something on the network keeps it from being deleted. */
    default void checkDeletable(String networkId) {
    }

    /** Removes what goes with the network (its subnets), inside the deleting transaction. */
    default void deleteWith(String networkId) {
    }
}
