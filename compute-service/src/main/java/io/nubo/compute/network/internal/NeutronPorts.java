package io.nubo.compute.network.internal;

import io.nubo.compute.error.ComputeError;
import io.nubo.compute.network.FixedAddress;
import io.nubo.compute.network.NetworkPorts;
import io.nubo.compute.wire.Caller;
import io.nubo.shared.events.compute.NicSpec;
import io.nubo.shared.web.OpenStackException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpMethod;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import tools.jackson.databind.JsonNode;

/**
 * {@link NetworkPorts} on the network service, as Nova's {@code network/neutron.py}: ports are created with the
 * user's token (so the user's quota, visibility and security groups apply), then bound with compute's service user
 * ({@code binding:host_id} the scheduled host, {@code device_id} the server, {@code device_owner}
 * {@code compute:<zone>}); the bound port's {@code binding:vif_details} name the bridge the agent plugs the NIC into.
 */
public final class NeutronPorts implements NetworkPorts {

    private static final Logger log = LoggerFactory.getLogger(NeutronPorts.class);

    private final NeutronClient neutron;
    private final PortStore store;
    private final PortReleaser releaser;
    private final NeutronInterfaces interfaces;

    public NeutronPorts(NeutronClient neutron, PortStore store, PortReleaser releaser) {
        this.neutron = neutron;
        this.store = store;
        this.releaser = releaser;
        this.interfaces = new NeutronInterfaces(this, neutron, store, releaser);
    }

    /** How many ids one list query names (Nova's MAX_SEARCH_IDS is 150): keeps the query line short. */
    private static final int IDS_PER_QUERY = 100;

    @Override
    public Map<String, List<String>> securityGroupNames(Caller caller, List<String> instanceIds) {
        try {
            Map<String, List<String>> groupIds = new LinkedHashMap<>();
            for (List<String> chunk : chunks(instanceIds)) {
                NeutronClient.Reply r = neutron.asUser(caller.token(), HttpMethod.GET, "/v2.0/ports?"
                        + query("device_id", chunk) + "&fields=device_id&fields=security_groups", null);
                if (!r.ok()) {
                    return Map.of();
                }
                for (JsonNode p : r.body().path("ports")) {
                    List<String> ids = groupIds.computeIfAbsent(p.path("device_id").asString(), k -> new ArrayList<>());
                    p.path("security_groups").forEach(g -> {
                        if (!ids.contains(g.asString())) {
                            ids.add(g.asString());
                        }
                    });
                }
            }
            List<String> all = groupIds.values().stream().flatMap(List::stream).distinct().toList();
            Map<String, String> names = new HashMap<>();
            for (List<String> chunk : chunks(all)) {
                NeutronClient.Reply r = neutron.asUser(caller.token(), HttpMethod.GET, "/v2.0/security-groups?"
                        + query("id", chunk) + "&fields=id&fields=name", null);
                if (!r.ok()) {
                    return Map.of();
                }
                r.body().path("security_groups").forEach(g -> names.put(g.path("id").asString(),
                        g.path("name").asString()));
            }
            Map<String, List<String>> out = new LinkedHashMap<>();
            groupIds.forEach((server, ids) -> {
                List<String> named = ids.stream().map(names::get).filter(Objects::nonNull).distinct()
                        .toList();
                if (!named.isEmpty()) {
                    out.put(server, named);
                }
            });
            return out;
        } catch (OpenStackException unreachable) {
            return Map.of();
        }
    }

    private static List<List<String>> chunks(List<String> ids) {
        List<List<String>> out = new ArrayList<>();
        for (int i = 0; i < ids.size(); i += IDS_PER_QUERY) {
            out.add(ids.subList(i, Math.min(ids.size(), i + IDS_PER_QUERY)));
        }
        return out;
    }

    private static String query(String name, List<String> values) {
        return values.stream().map(v -> name + "=" + URLEncoder.encode(v, StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
    }

    @Override
    public List<String> securityGroups(Caller caller, List<String> namesOrIds) {
        List<String> ids = new ArrayList<>();
        for (String n : namesOrIds) {
            NeutronClient.Reply byId = neutron.asUser(caller.token(), HttpMethod.GET, "/v2.0/security-groups/"
                    + java.net.URLEncoder.encode(n, java.nio.charset.StandardCharsets.UTF_8), null);
            if (byId.ok()) {
                String id = byId.body().path("security_group").path("id").asString();
                if (!ids.contains(id)) {
                    ids.add(id);
                }
                continue;
            }
            NeutronClient.Reply byName = neutron.asUser(caller.token(), HttpMethod.GET,
                    "/v2.0/security-groups?project_id=" + caller.projectId() + "&name="
                            + java.net.URLEncoder.encode(n, java.nio.charset.StandardCharsets.UTF_8), null);
            JsonNode found = byName.ok() ? byName.body().path("security_groups") : null;
            if ((found == null || found.isEmpty()) && n.equals("default")) {
                continue; // the project's default group is made on first use; a new port gets it anyway
            }
            if (found == null || found.isEmpty()) {
                throw ComputeError.BAD_REQUEST.exception("Security group " + n + " not found.");
            }
            if (found.size() > 1) {
                throw ComputeError.CONFLICT.exception("Multiple security groups found matching '" + n
                        + "'. Use an ID to be more specific.");
            }
            String id = found.get(0).path("id").asString();
            if (!ids.contains(id)) {
                ids.add(id); // a group named and also given by its id is one group
            }
        }
        return ids;
    }

    @Override
    public List<Interface> interfaces(Caller caller, String instanceId) {
        return interfaces.list(caller, instanceId);
    }

    @Override
    public Interface interfaceOf(Caller caller, String instanceId, String portId) {
        return interfaces.show(caller, instanceId, portId);
    }

    @Override
    public NicSpec attachPort(Caller caller, Boot boot, Requested requested) {
        return interfaces.attach(caller, boot, requested);
    }

    @Override
    public boolean hasPort(String instanceId, String portId) {
        return store.find(instanceId, portId).isPresent();
    }

    @Override
    public void detachPort(String instanceId, String portId) {
        interfaces.detach(instanceId, portId);
    }

    /** Nova's available networks for the caller (own non-external and shared ones). */
    List<String> available(Caller caller) {
        return availableNetworks(caller);
    }

    @Override
    public Request resolve(Caller caller, Request request, int count) {
        if (request instanceof None) {
            return request;
        }
        if (request instanceof Auto) {
            List<String> available = availableNetworks(caller);
            if (available.size() > 1) {
                throw ComputeError.CONFLICT.exception(
                        "Multiple possible networks found, use a Network ID to be more specific.");
            }
            return available.isEmpty() ? new None()
                    : new Explicit(List.of(new Requested(available.get(0), null, null)));
        }
        Explicit e = (Explicit) request;
        for (Requested r : e.items()) {
            if (r.portId() != null) {
                JsonNode port = port(caller, r.portId());
                if (!port.path("device_id").asString("").isEmpty()) {
                    throw ComputeError.CONFLICT.exception("Port " + r.portId() + " is still in use.");
                }
            } else {
                network(caller, r.networkId());
                if (r.fixedIp() != null && count > 1) {
                    throw ComputeError.BAD_REQUEST.exception("max_count cannot be greater than 1 if an fixed_ip is"
                            + " specified.");
                }
            }
        }
        return e;
    }

    /** Nova's available networks: the project's own (not shared) and the shared ones, never external ones. */
    private List<String> availableNetworks(Caller caller) {
        NeutronClient.Reply r = neutron.asUser(caller.token(), HttpMethod.GET, "/v2.0/networks", null);
        if (!r.ok()) {
            throw ComputeError.UNAVAILABLE.exception("The network service refused to list networks: " + r.message());
        }
        List<String> ids = new ArrayList<>();
        for (JsonNode n : r.body().path("networks")) {
            boolean shared = n.path("shared").asBoolean(false);
            boolean own = caller.projectId() != null && caller.projectId().equals(n.path("project_id").asString(""));
            boolean external = n.path("router:external").asBoolean(false);
            if (shared || own && !external) {
                ids.add(n.path("id").asString());
            }
        }
        return ids;
    }

    private JsonNode network(Caller caller, String id) {
        NeutronClient.Reply r = neutron.asUser(caller.token(), HttpMethod.GET, "/v2.0/networks/" + id, null);
        if (r.status() == 404) {
            throw ComputeError.BAD_REQUEST.exception("Network " + id + " could not be found.");
        }
        if (!r.ok()) {
            throw ComputeError.BAD_REQUEST.exception("Network " + id + ": " + r.message());
        }
        return r.body().path("network");
    }

    private JsonNode port(Caller caller, String id) {
        NeutronClient.Reply r = neutron.asUser(caller.token(), HttpMethod.GET, "/v2.0/ports/" + id, null);
        if (r.status() == 404) {
            throw ComputeError.BAD_REQUEST.exception("Port id " + id + " could not be found.");
        }
        if (!r.ok()) {
            throw ComputeError.BAD_REQUEST.exception("Port " + id + ": " + r.message());
        }
        return r.body().path("port");
    }

    @Override
    public List<NicSpec> allocate(Caller caller, Boot boot, Request request) {
        if (!(request instanceof Explicit e)) {
            return List.of();
        }
        Compensation undo = new Compensation();
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(undo);
        }
        List<NicSpec> nics = new ArrayList<>();
        int position = 0;
        for (Requested r : e.items()) {
            boolean created = r.portId() == null;
            String portId = created ? createPort(caller, boot, r) : r.portId();
            (created ? undo.created : undo.adopted).add(portId);
            JsonNode bound = bind(portId, boot);
            JsonNode network = network(caller, bound.path("network_id").asString());
            NicSpec nic = nic(caller, bound, network);
            store.insert(new PortStore.Row(boot.instanceId(), portId, nic.networkId(),
                    network.path("name").asString(""), nic, created), position++);
            nics.add(nic);
        }
        return nics;
    }

    String createPort(Caller caller, Boot boot, Requested r) {
        Map<String, Object> port = new LinkedHashMap<>();
        port.put("network_id", r.networkId());
        port.put("admin_state_up", true);
        if (r.fixedIp() != null) {
            port.put("fixed_ips", List.of(Map.of("ip_address", r.fixedIp())));
        }
        if (!boot.securityGroupIds().isEmpty()) {
            port.put("security_groups", boot.securityGroupIds());
        }
        NeutronClient.Reply reply = neutron.asUser(caller.token(), HttpMethod.POST, "/v2.0/ports",
                Map.of("port", port));
        if (reply.ok()) {
            return reply.body().path("port").path("id").asString();
        }
        if (reply.status() == 404) {
            throw ComputeError.BAD_REQUEST.exception("Network " + r.networkId() + " could not be found.");
        }
        if ("IpAddressInUse".equals(reply.type())) {
            // a boot answers 400, an interface attach 409 (Nova's FixedIpAlreadyInUse in each API)
            throw (boot.hotPlug() ? ComputeError.CONFLICT : ComputeError.BAD_REQUEST).exception("Fixed IP address "
                    + r.fixedIp()
                    + " is already in use on instance " + boot.instanceId() + ".");
        }
        if ("OverQuota".equals(reply.type())) {
            throw ComputeError.OVER_QUOTA.exception("Maximum number of ports exceeded");
        }
        throw ComputeError.BAD_REQUEST.exception("The network service refused a port on network " + r.networkId()
                + ": " + reply.message());
    }

    JsonNode bind(String portId, Boot boot) {
        Map<String, Object> binding = new LinkedHashMap<>();
        binding.put("binding:host_id", boot.host());
        binding.put("device_id", boot.instanceId());
        binding.put("device_owner", "compute:" + (boot.availabilityZone() == null ? "nova"
                : boot.availabilityZone()));
        NeutronClient.Reply reply = neutron.asService(HttpMethod.PUT, "/v2.0/ports/" + portId,
                Map.of("port", binding));
        if (!reply.ok()) {
            throw ComputeError.UNAVAILABLE.exception("Binding port " + portId + " to host " + boot.host()
                    + " failed: " + reply.message());
        }
        return reply.body().path("port");
    }

    /** The NIC the agent plugs: the port's MAC, the network's MTU, the bridge and tap names, and its subnets. */
    NicSpec nic(Caller caller, JsonNode port, JsonNode network) {
        String portId = port.path("id").asString();
        String networkId = port.path("network_id").asString();
        List<NicSpec.FixedIp> ips = new ArrayList<>();
        for (JsonNode f : port.path("fixed_ips")) {
            String subnetId = f.path("subnet_id").asString();
            NeutronClient.Reply s = neutron.asUser(caller.token(), HttpMethod.GET, "/v2.0/subnets/" + subnetId,
                    null);
            JsonNode subnet = s.ok() ? s.body().path("subnet") : null;
            List<String> dns = new ArrayList<>();
            if (subnet != null) {
                subnet.path("dns_nameservers").forEach(d -> dns.add(d.asString()));
            }
            ips.add(new NicSpec.FixedIp(subnetId, f.path("ip_address").asString(),
                    subnet == null ? null : subnet.path("cidr").asString(null),
                    subnet == null ? null : subnet.path("gateway_ip").asString(null), dns,
                    subnet != null && subnet.path("enable_dhcp").asBoolean(false),
                    subnet == null ? null : subnet.path("ipv6_address_mode").asString(null)));
        }
        JsonNode details = port.path("binding:vif_details");
        String bridge = details.path("bridge_name").asString("");
        Map<String, String> binding = new LinkedHashMap<>();
        binding.put("vif_type", port.path("binding:vif_type").asString("bridge"));
        binding.put("bridge_name", bridge.isEmpty() ? "brq" + networkId.substring(0, Math.min(11,
                networkId.length())) : bridge);
        binding.put("devname", "tap" + portId.substring(0, Math.min(11, portId.length())));
        return new NicSpec(portId, networkId, port.path("mac_address").asString(), network.path("mtu").asInt(0),
                ips, binding);
    }

    @Override
    public void release(String instanceId) {
        if (store.markReleasing(instanceId) > 0) {
            releaser.afterCommit();
        }
    }

    @Override
    public List<NicSpec> nics(String instanceId) {
        return store.ofInstance(instanceId).stream().map(PortStore.Row::nic).toList();
    }

    @Override
    public void rebind(String instanceId, String host, String availabilityZone) {
        for (PortStore.Row row : store.ofInstance(instanceId)) {
            try {
                bind(row.portId(), new Boot(instanceId, host, availabilityZone));
            } catch (RuntimeException e) {
                log.warn("Port {} of instance {} could not be bound to its new host {}: {}", row.portId(),
                        instanceId, host, e.getMessage());
            }
        }
    }

    @Override
    public Map<String, Object> addresses(String instanceId) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (PortStore.Row row : store.ofInstance(instanceId)) {
            @SuppressWarnings("unchecked")
            List<FixedAddress> list = (List<FixedAddress>) out.computeIfAbsent(row.networkName(),
                    k -> new ArrayList<FixedAddress>());
            for (NicSpec.FixedIp ip : row.nic().fixedIps()) {
                list.add(new FixedAddress(ip.ipAddress(), ip.ipAddress().contains(":") ? 6 : 4, "fixed",
                        row.nic().macAddress()));
            }
        }
        return out;
    }

    /** Gives back what a rolled-back boot took: deletes the ports it created, unbinds the ones it took. */
    private final class Compensation implements TransactionSynchronization {

        final List<String> created = new ArrayList<>();
        final List<String> adopted = new ArrayList<>();

        @Override
        public void afterCompletion(int status) {
            if (status == STATUS_COMMITTED) {
                return;
            }
            for (String id : created) {
                try {
                    releaser.giveBack(id, true);
                } catch (RuntimeException e) {
                    log.warn("Port {} of a boot that failed could not be deleted: {}", id, e.getMessage());
                }
            }
            for (String id : adopted) {
                try {
                    releaser.giveBack(id, false);
                } catch (RuntimeException e) {
                    log.warn("Port {} of a boot that failed could not be unbound: {}", id, e.getMessage());
                }
            }
        }
    }
}
