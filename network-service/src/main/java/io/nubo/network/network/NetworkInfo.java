package io.nubo.network.network;

import io.nubo.network.common.Policy;

/** What other features know of a network: its owner, flags and MTU. */
public record NetworkInfo(String id, String projectId, String name, boolean shared, boolean external,
                          boolean adminStateUp, int mtu, boolean portSecurityEnabled) {

    public Policy.Target target() {
        return Policy.Target.network(projectId, shared, external);
    }
}
