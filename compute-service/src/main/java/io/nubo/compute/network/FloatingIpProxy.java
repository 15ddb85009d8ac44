package io.nubo.compute.network;

import io.nubo.compute.error.ComputeError;
import io.nubo.compute.network.api.NovaNetworkViews.FloatingIp;
import io.nubo.compute.network.api.NovaNetworkViews.Pool;
import io.nubo.compute.network.internal.NeutronClient;
import io.nubo.compute.network.internal.PortStore;
import io.nubo.compute.wire.Caller;
import io.nubo.shared.events.compute.NicSpec;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpMethod;
import org.springframework.stereotype.Service;
import tools.jackson.databind.JsonNode;

/**
 * Nova 2.1's os-floating-ips, os-floating-ip-pools and the addFloatingIp / removeFloatingIp actions as Nova serves
 * them with Neutron ({@code nova/network/neutron.py}): pools are the external networks, a floating IP is Neutron's
 * with its pool's name, its fixed address and the server of its port; everything with the caller's token.
 */
@Service
public class FloatingIpProxy {

    private final NeutronClient neutron;
    private final NetworkApiProperties props;
    private final PortStore ports;

    FloatingIpProxy(NeutronClient neutron, NetworkApiProperties props, PortStore ports) {
        this.neutron = neutron;
        this.props = props;
        this.ports = ports;
    }

    public List<Pool> pools(Caller caller) {
        List<Pool> out = new ArrayList<>();
        for (JsonNode n : externalNetworks(caller)) {
            out.add(new Pool(n.path("name").asString()));
        }
        return out;
    }

    public List<FloatingIp> list(Caller caller) {
        if (!props.configured()) {
            return List.of();
        }
        JsonNode all = call(caller, HttpMethod.GET, "/v2.0/floatingips?project_id=" + caller.projectId(), null)
                .require("list floating IPs").path("floatingips");
        Map<String, String> names = networkNames(caller);
        List<FloatingIp> out = new ArrayList<>();
        all.forEach(f -> out.add(view(caller, f, names)));
        return out;
    }

    public FloatingIp show(Caller caller, String id) {
        return view(caller, floatingIp(caller, id), networkNames(caller));
    }

    /** Allocates from the pool (an external network's name or id), or from the only one there is. */
    public FloatingIp allocate(Caller caller, String pool) {
        List<JsonNode> external = externalNetworks(caller);
        JsonNode network = null;
        for (JsonNode n : external) {
            if (pool == null ? external.size() == 1 : pool.equals(n.path("name").asString())
                    || pool.equals(n.path("id").asString())) {
                network = n;
            }
        }
        if (network == null) {
            throw ComputeError.NOT_FOUND.exception("Floating IP pool not found.");
        }
        NeutronClient.Reply r = call(caller, HttpMethod.POST, "/v2.0/floatingips", Map.of("floatingip", Map.of(
                "floating_network_id", network.path("id").asString())));
        if (r.status() == 409 && "OverQuota".equals(r.type())) {
            throw ComputeError.OVER_QUOTA.exception("IP allocation over quota in pool "
                    + network.path("name").asString() + ".");
        }
        if (r.status() == 409 || r.status() == 503) {
            throw ComputeError.NOT_FOUND.exception("No more floating IPs in pool " + network.path("name").asString()
                    + ".");
        }
        return view(caller, r.require("allocate a floating IP").path("floatingip"), networkNames(caller));
    }

    public void deallocate(Caller caller, String id) {
        floatingIp(caller, id);
        call(caller, HttpMethod.DELETE, "/v2.0/floatingips/" + id, null).require("release the floating IP");
    }

    /** addFloatingIp: the address onto the server's port holding {@code fixedAddress} (or its first one). */
    public void associate(Caller caller, String instanceId, String address, String fixedAddress) {
        JsonNode f = byAddress(caller, address);
        String port = null;
        String fixed = null;
        for (PortStore.Row row : ports.ofInstance(instanceId)) {
            for (NicSpec.FixedIp ip : row.nic().fixedIps()) {
                boolean v4 = !ip.ipAddress().contains(":");
                if (port == null && (fixedAddress == null ? v4 : fixedAddress.equals(ip.ipAddress()))) {
                    port = row.portId();
                    fixed = ip.ipAddress();
                }
            }
        }
        if (port == null) {
            throw ComputeError.BAD_REQUEST.exception(fixedAddress == null
                    ? "No nw_info cache associated with instance" : "Specified fixed address not assigned to instance");
        }
        Map<String, Object> body = new HashMap<>();
        body.put("port_id", port);
        body.put("fixed_ip_address", fixed);
        NeutronClient.Reply r = call(caller, HttpMethod.PUT, "/v2.0/floatingips/" + f.path("id").asString(),
                Map.of("floatingip", body));
        if (!r.ok()) {
            throw ComputeError.BAD_REQUEST.exception("Unable to associate floating IP " + address + " to fixed IP "
                    + fixed + " for instance " + instanceId + ". Error: " + r.message());
        }
    }

    /** removeFloatingIp: 409 as Nova when the address is not on this server. */
    public void disassociate(Caller caller, String instanceId, String address) {
        JsonNode f = byAddress(caller, address);
        String portId = f.path("port_id").isNull() ? null : f.path("port_id").asString(null);
        if (portId == null || ports.ofInstance(instanceId).stream().noneMatch(r -> r.portId().equals(portId))) {
            throw ComputeError.CONFLICT.exception("Floating IP " + address + " is not associated with instance "
                    + instanceId + ".");
        }
        Map<String, Object> body = new HashMap<>();
        body.put("port_id", null);
        call(caller, HttpMethod.PUT, "/v2.0/floatingips/" + f.path("id").asString(), Map.of("floatingip", body))
                .require("disassociate the floating IP");
    }

    private JsonNode byAddress(Caller caller, String address) {
        if (!props.configured()) {
            throw ComputeError.NOT_FOUND.exception("floating IP not found");
        }
        JsonNode found = call(caller, HttpMethod.GET, "/v2.0/floatingips?floating_ip_address="
                + URLEncoder.encode(address, StandardCharsets.UTF_8), null).require("find the floating IP")
                .path("floatingips");
        if (found.isEmpty()) {
            throw ComputeError.NOT_FOUND.exception("floating IP not found");
        }
        return found.get(0);
    }

    private JsonNode floatingIp(Caller caller, String id) {
        if (!props.configured()) {
            throw ComputeError.NOT_FOUND.exception("Floating IP not found for ID " + id);
        }
        NeutronClient.Reply r = call(caller, HttpMethod.GET, "/v2.0/floatingips/" + id, null);
        if (r.status() == 404 || r.status() == 400) {
            throw ComputeError.NOT_FOUND.exception("Floating IP not found for ID " + id);
        }
        return r.require("show the floating IP").path("floatingip");
    }

    private List<JsonNode> externalNetworks(Caller caller) {
        List<JsonNode> out = new ArrayList<>();
        if (!props.configured()) {
            return out;
        }
        call(caller, HttpMethod.GET, "/v2.0/networks?router:external=true", null).require("list the pools")
                .path("networks").forEach(out::add);
        return out;
    }

    private Map<String, String> networkNames(Caller caller) {
        Map<String, String> names = new HashMap<>();
        externalNetworks(caller).forEach(n -> names.put(n.path("id").asString(), n.path("name").asString()));
        return names;
    }

    /** Nova's view: id, ip, fixed_ip, instance_id (the device of its port), pool (its network's name). */
    private FloatingIp view(Caller caller, JsonNode f, Map<String, String> names) {
        String portId = f.path("port_id").isNull() ? null : f.path("port_id").asString(null);
        String instance = null;
        if (portId != null) {
            NeutronClient.Reply p = call(caller, HttpMethod.GET, "/v2.0/ports/" + portId, null);
            if (p.ok()) {
                String device = p.body().path("port").path("device_id").asString("");
                instance = device.isEmpty() ? null : device;
            }
        }
        String fixed = f.path("fixed_ip_address").isNull() ? null : f.path("fixed_ip_address").asString(null);
        return new FloatingIp(f.path("id").asString(), f.path("floating_ip_address").asString(), fixed, instance,
                names.get(f.path("floating_network_id").asString()));
    }

    private NeutronClient.Reply call(Caller caller, HttpMethod method, String path, Object body) {
        return neutron.asUser(caller.token(), method, path, body);
    }

}
