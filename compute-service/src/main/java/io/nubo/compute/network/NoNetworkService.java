package io.nubo.compute.network;

import io.nubo.compute.wire.Caller;
import io.nubo.compute.error.ComputeError;
import io.nubo.shared.events.compute.NicSpec;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Until the network service lands (issue 12): servers boot without NICs for {@code auto} and {@code none}, and an
 * explicit network or port is refused with a clear 400 rather than silently ignored.
 */
@Component
class NoNetworkService implements NetworkPorts {

    @Override
    public List<NicSpec> allocate(Caller caller, String instanceId, Request request) {
        if (request instanceof Explicit) {
            throw ComputeError.NOT_YET_SUPPORTED.exception("Booting on explicit networks or ports is not available"
                    + " yet: this cloud has no network service. Use \"networks\": \"none\" or \"auto\".");
        }
        return List.of();
    }
}
