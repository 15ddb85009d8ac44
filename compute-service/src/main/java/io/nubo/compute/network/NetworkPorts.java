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
     * Where an instance's ports are bound: the instance, its host and its availability zone; {@code hotPlug} for a
     * port attached to a running server (os-interface) rather than at boot.
     */
    record Boot(String instanceId, String host, String availabilityZone, boolean hotPlug,
                List<String> securityGroupIds) {

        public Boot {
            securityGroupIds = securityGroupIds == null ? List.of() : List.copyOf(securityGroupIds);
        }

        public Boot(String instanceId, String host, String availabilityZone) {
            this(instanceId, host, availabilityZone, false, List.of());
        }
    }

    /**
     * The ids of the security groups a create request names ({@code security_groups}: names or ids the caller
     * sees); Nova's 400 "Security group X not found." for one that does not exist. Empty for none.
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

    /**
     * The names of the security groups on each server's ports, as the caller sees them in the network service (Nova's
     * {@code security_groups} in the server views), each name once per server, in the order of the ports. A server
     * without ports or groups is absent; so is every server when the network service does not answer (a view never
     * fails for it).
     */
    Map<String, List<String>> securityGroupNames(Caller caller, List<String> instanceIds);

    /** The server's {@code addresses}: network name to its fixed addresses, in the order of its NICs. */
    Map<String, Object> addresses(String instanceId);

    /** A port of a server as os-interface shows it (the network service's current view of it). */
    record Interface(String portId, String networkId, String macAddress, String portState, List<InterfaceIp> fixedIps) {
    }

    record InterfaceIp(String subnetId, String ipAddress) {
    }

    /** The ports bound to the server, as the caller sees them in the network service (Nova lists by device_id). */
    List<Interface> interfaces(Caller caller, String instanceId);

    /** One port of the server; Nova's 404 when it is unknown or belongs to another device. */
    Interface interfaceOf(Caller caller, String instanceId, String portId);

    /**
     * os-interface attach: creates (with the user's token) or takes the port, binds it to the instance's host and
     * caches it after the server's other NICs; returns the NIC the agent plugs. Nova's 404 for an unknown network
     * or port, 409 for a port in use or a fixed IP taken, 400 when no network is given and none (or several) fit.
     */
    NicSpec attachPort(Caller caller, Boot boot, Requested requested);

    /** Whether the port is one of the instance's NICs. */
    boolean hasPort(String instanceId, String portId);

    /** The port leaves the instance: given back (deleted if compute made it, else unbound) and uncached. */
    void detachPort(String instanceId, String portId);

    /** The NICs of the instance's ports, as the agent plugs them (what a live migration's destination prepares). */
    List<NicSpec> nics(String instanceId);

    /**
     * The instance runs on {@code host} now (a live migration): each of its ports is bound there
     * ({@code binding:host_id}), so that the network service's data plane (bridge, port firewall) follows it.
     * Best effort: a port the network service refuses to rebind is logged and left; the guest runs regardless.
     */
    void rebind(String instanceId, String host, String availabilityZone);
}
