package io.nubo.compute.network.internal;

import io.nubo.compute.error.ComputeError;
import io.nubo.compute.network.NetworkPorts.Boot;
import io.nubo.compute.network.NetworkPorts.Interface;
import io.nubo.compute.network.NetworkPorts.InterfaceIp;
import io.nubo.compute.network.NetworkPorts.Requested;
import io.nubo.compute.wire.Caller;
import io.nubo.shared.events.compute.NicSpec;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.springframework.http.HttpMethod;
import tools.jackson.databind.JsonNode;

/**
 * os-interface on the network service, as Nova's {@code attach_interfaces} API and compute manager do it: the
 * server's ports are the ones whose device is the server (listed with the caller's token); an attach creates the
 * port with the user's token (or takes the user's own port), binds it as compute's service user like a boot does,
 * and caches it after the other NICs; a detach gives it back as a deleted server's ports are.
 */
final class NeutronInterfaces {

    private final NeutronPorts ports;
    private final NeutronClient neutron;
    private final PortStore store;
    private final PortReleaser releaser;

    NeutronInterfaces(NeutronPorts ports, NeutronClient neutron, PortStore store, PortReleaser releaser) {
        this.ports = ports;
        this.neutron = neutron;
        this.store = store;
        this.releaser = releaser;
    }

    List<Interface> list(Caller caller, String instanceId) {
        NeutronClient.Reply r = neutron.asUser(caller.token(), HttpMethod.GET, "/v2.0/ports?device_id="
                + URLEncoder.encode(instanceId, StandardCharsets.UTF_8), null);
        if (!r.ok()) {
            throw ComputeError.UNAVAILABLE.exception("The network service refused to list ports: " + r.message());
        }
        List<Interface> out = new ArrayList<>();
        r.body().path("ports").forEach(p -> out.add(view(p)));
        return out;
    }

    Interface show(Caller caller, String instanceId, String portId) {
        JsonNode port = port(caller, portId);
        if (!instanceId.equals(port.path("device_id").asString(""))) {
            throw ComputeError.NOT_FOUND.exception("Instance " + instanceId + " does not have a port with id "
                    + portId);
        }
        return view(port);
    }

    NicSpec attach(Caller caller, Boot boot, Requested r) {
        Requested wanted = r;
        if (r.portId() == null && r.networkId() == null) {
            List<String> available = ports.available(caller);
            if (available.isEmpty()) {
                throw ComputeError.BAD_REQUEST.exception("No specific network was requested and none are available"
                        + " for project '" + caller.projectId() + "'.");
            }
            if (available.size() > 1) {
                throw ComputeError.BAD_REQUEST.exception("More than one possible network found. Specify network ID(s)"
                        + " to select which one(s) to connect to.");
            }
            wanted = new Requested(available.get(0), null, r.fixedIp());
        }
        boolean created = wanted.portId() == null;
        String portId;
        if (created) {
            network(caller, wanted.networkId());
            portId = ports.createPort(caller, boot, wanted);
        } else {
            JsonNode port = port(caller, wanted.portId());
            if (!port.path("device_id").asString("").isEmpty()) {
                throw ComputeError.CONFLICT.exception("Port " + wanted.portId() + " is still in use.");
            }
            portId = wanted.portId();
        }
        try {
            JsonNode bound = ports.bind(portId, boot);
            JsonNode network = network(caller, bound.path("network_id").asString());
            NicSpec nic = ports.nic(caller, bound, network);
            store.insert(new PortStore.Row(boot.instanceId(), portId, nic.networkId(),
                    network.path("name").asString(""), nic, created), store.nextPosition(boot.instanceId()));
            return nic;
        } catch (RuntimeException e) {
            try {
                releaser.giveBack(portId, created);
            } catch (RuntimeException undo) {
                e.addSuppressed(undo);
            }
            throw e;
        }
    }

    void detach(String instanceId, String portId) {
        store.find(instanceId, portId).ifPresent(row -> {
            releaser.giveBack(portId, row.createdByNova());
            store.delete(instanceId, portId);
        });
    }

    private JsonNode port(Caller caller, String id) {
        NeutronClient.Reply r = neutron.asUser(caller.token(), HttpMethod.GET, "/v2.0/ports/" + id, null);
        if (r.status() == 404) {
            throw ComputeError.NOT_FOUND.exception("Port id " + id + " could not be found.");
        }
        if (!r.ok()) {
            throw ComputeError.BAD_REQUEST.exception("Port " + id + ": " + r.message());
        }
        return r.body().path("port");
    }

    private JsonNode network(Caller caller, String id) {
        NeutronClient.Reply r = neutron.asUser(caller.token(), HttpMethod.GET, "/v2.0/networks/" + id, null);
        if (r.status() == 404) {
            throw ComputeError.NOT_FOUND.exception("Network " + id + " could not be found.");
        }
        if (!r.ok()) {
            throw ComputeError.BAD_REQUEST.exception("Network " + id + ": " + r.message());
        }
        return r.body().path("network");
    }

    /** Nova's interfaceAttachment: the port's state, addresses, id, network and MAC. */
    private static Interface view(JsonNode port) {
        List<InterfaceIp> ips = new ArrayList<>();
        port.path("fixed_ips").forEach(f -> ips.add(new InterfaceIp(f.path("subnet_id").asString(),
                f.path("ip_address").asString())));
        return new Interface(port.path("id").asString(), port.path("network_id").asString(),
                port.path("mac_address").asString(), port.path("status").asString("DOWN"), ips);
    }
}
