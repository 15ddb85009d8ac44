package io.nubo.compute.network;

import io.nubo.compute.wire.Caller;
import io.nubo.shared.events.compute.NicSpec;
import java.util.List;
import java.util.Map;

/**
 * The network service as servers need it (Nova's {@code network/neutron.py} API): the NICs of a new server from its
 * {@code networks} request, the addresses a server shows, and giving the ports back when it goes. One small
 * interface: {@code NeutronPorts} talks to the network service; {@link NoNetworkService} stands in where the cloud
 * has none.
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

    /**
     * Where a new instance's ports are bound: the instance, its host and its availability zone, and the security
     * groups (ids) of the ports created for it (empty: the network service's default).
     */
    record Boot(String instanceId, String host, String availabilityZone, List<String> securityGroupIds) {
    }

    /**
     * Nova's check of a create request's {@code security_groups}: each name (or id) must be one of the project's
     * groups, else 400 "Security group X not found."; the ids, in the request's order.
     */
    List<String> securityGroups(Caller caller, List<String> namesOrIds);

    /**
     * Checks the request before any instance is made and resolves {@code auto} as Nova does: the one network the
     * project sees, none (no NIC), or 409 when there are several. Unknown networks or ports are Nova's 400.
     *
     * @param count how many instances the request makes (a fixed IP serves one only)
     */
    Request resolve(Caller caller, Request request, int count);

    /**
     * Creates (or takes) and binds the ports of one instance, inside the creating transaction, and returns the NICs
     * the agent plugs. Should that transaction roll back, the ports are given back.
     */
    List<NicSpec> allocate(Caller caller, Boot boot, Request request);

    /**
     * The instance is gone (deleted, or its build failed): its ports are given back once the calling transaction
     * commits (ports compute created are deleted, the user's own are unbound), retried until the network service
     * answers.
     */
    void release(String instanceId);

    /** The server's {@code addresses}: network name to its fixed addresses, in the order of its NICs. */
    Map<String, Object> addresses(String instanceId);
}
