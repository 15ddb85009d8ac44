package io.nubo.compute.network;

import io.nubo.compute.wire.Caller;
import io.nubo.shared.events.compute.NicSpec;
import java.util.List;

/**
 * The network service as servers need it: the NICs of a new server from its {@code networks} request. One small
 * interface so that the network service's integration replaces {@link NoNetworkService} without touching servers.
 */
public interface NetworkPorts {

    /** A server's {@code networks} request: {@code auto}, {@code none}, or explicit networks/ports/fixed IPs. */
    sealed interface Request permits Auto, None, Explicit {
    }

    record Auto() implements Request {
    }

    record None() implements Request {
    }

    record Explicit(List<Requested> items) implements Request {
    }

    record Requested(String networkId, String portId, String fixedIp) {
    }

    /** Allocates (or binds) the ports and returns the NICs the agent plugs. */
    List<NicSpec> allocate(Caller caller, String instanceId, Request request);
}
