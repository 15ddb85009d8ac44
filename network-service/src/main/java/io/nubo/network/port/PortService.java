package io.nubo.network.port;

import io.nubo.network.common.Caller;
import io.nubo.network.common.Json;
import io.nubo.network.common.Policy;
import io.nubo.network.error.NetworkError;
import io.nubo.network.ipam.AddressSpace;
import io.nubo.network.ipam.IpAllocator;
import io.nubo.network.network.NetworkInfo;
import io.nubo.network.network.NetworkMembers;
import io.nubo.network.network.NetworkService;
import io.nubo.network.port.api.AddressPair;
import io.nubo.network.port.api.FixedIp;
import io.nubo.network.port.api.PortView;
import io.nubo.network.quota.Quotas;
import io.nubo.network.quota.UsageCounter;
import io.nubo.network.securitygroup.SecurityGroupService;
import io.nubo.network.securitygroup.SecurityGroupUsage;
import io.nubo.network.subnet.SubnetInfo;
import io.nubo.network.subnet.SubnetService;
import io.nubo.network.tag.Taggable;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.node.ObjectNode;

/**
 * Ports: a MAC unique on the network, fixed IPs from IPAM, security groups (the project's default when none is
 * given), binding to a host, and the owner checks of Neutron's port policy. Every change is announced.
 */
@Service
@org.springframework.core.annotation.Order(10)
public class PortService implements NetworkMembers, SecurityGroupUsage, Taggable, UsageCounter {

    /** Neutron's default {@code base_mac}: fa:16:3e plus three random bytes. */
    static final String BASE_MAC = "fa:16:3e";
    /** The device owner of the DHCP server's port (Neutron's {@code network:dhcp}). */
    public static final String DHCP_OWNER = "network:dhcp";
    /** The device owner of a floating IP's own port on the external network. */
    static final String FLOATINGIP_OWNER = "network:floatingip";
    /** Device owners of ports the network service makes itself; they are deleted through their owner's API. */
    static final Set<String> SERVICE_OWNERS = Set.of("network:router_interface", "network:router_gateway",
            FLOATINGIP_OWNER);

    private final PortRepository ports;
    private final NetworkService networks;
    private final SubnetService subnets;
    private final SecurityGroupService groups;
    private final IpAllocator ipam;
    private final Quotas quotas;
    private final PortEvents events;
    private final ObjectProvider<PortRemoval> removals;

    public PortService(PortRepository ports, NetworkService networks, SubnetService subnets,
                       SecurityGroupService groups, IpAllocator ipam, Quotas quotas, PortEvents events,
                       ObjectProvider<PortRemoval> removals) {
        this.removals = removals;
        this.ports = ports;
        this.networks = networks;
        this.subnets = subnets;
        this.groups = groups;
        this.ipam = ipam;
        this.quotas = quotas;
        this.events = events;
    }

    @Transactional
    ObjectNode create(Caller caller, PortRequest r) {
        NetworkInfo network = networks.find(caller, r.networkId());
        Policy.Target target = network.target();
        if (!Policy.allows(caller, "create_port:on_network", target)) {
            throw NetworkError.NETWORK_NOT_FOUND.exception(network.id());
        }
        String project = Policy.owningProject(caller, r.projectId());
        Policy.Target portTarget = new Policy.Target(project, network.projectId(), network.shared(),
                network.external());
        if (r.deviceOwner() != null && r.deviceOwner().startsWith("network:")) {
            Policy.enforce(caller, "create_port:device_owner", portTarget);
        }
        if (r.macAddress() != null) {
            Policy.enforce(caller, "create_port:mac_address", portTarget);
        }
        if (r.fixedIps() != null && r.fixedIps().stream().anyMatch(f -> f.ipAddress() != null)) {
            Policy.enforce(caller, "create_port:fixed_ips:ip_address", portTarget);
        }
        if (r.portSecurityEnabled() != null) {
            Policy.enforce(caller, "create_port:port_security_enabled", portTarget);
        }
        if (r.hostId() != null && !r.hostId().isEmpty()) {
            Policy.enforce(caller, "create_port:binding:host_id", portTarget);
        }
        if (r.profile() != null && !r.profile().isEmpty()) {
            Policy.enforce(caller, "create_port:binding:profile", portTarget);
        }
        quotas.check(project, "port", 1);
        return render(caller, List.of(insert(project, network, r, null, null))).get(0);
    }

    /** A port the service makes for itself (router interface or gateway, floating IP), owned by the device. */
    @Transactional
    public PortInfo createFor(String projectId, String networkId, String deviceOwner, String deviceId,
                              List<FixedIp> fixedIps) {
        NetworkInfo network = networks.get(networkId).orElseThrow(() -> NetworkError.NETWORK_NOT_FOUND.exception(networkId));
        PortRequest r = new PortRequest(projectId, networkId, "", "", true, null, deviceId, deviceOwner, fixedIps,
                null, null, null, null, List.of(), false, null);
        return info(insert(projectId, network, r, deviceOwner, deviceId));
    }

    private PortEntity insert(String project, NetworkInfo network, PortRequest r, String owner, String device) {
        PortEntity p = new PortEntity(project);
        p.networkId = network.id();
        p.name = r.name() == null ? "" : r.name();
        p.setDescription(r.description());
        p.adminStateUp = r.adminStateUp() == null || r.adminStateUp();
        p.deviceId = device != null ? device : r.deviceId() == null ? "" : r.deviceId();
        p.deviceOwner = owner != null ? owner : r.deviceOwner() == null ? "" : r.deviceOwner();
        p.hostId = r.hostId() == null ? "" : r.hostId();
        p.vnicType = r.vnicType() == null ? "normal" : r.vnicType();
        p.bindingProfile = Json.write(r.profile() == null ? Map.of() : r.profile());
        p.portSecurityEnabled = r.portSecurityEnabled() != null ? r.portSecurityEnabled()
                : network.portSecurityEnabled();
        if (r.macAddress() != null) {
            if (ports.existsByNetworkIdAndMacAddress(network.id(), r.macAddress())) {
                throw NetworkError.MAC_IN_USE.exception(network.id(), r.macAddress());
            }
            p.macAddress = r.macAddress();
        } else {
            p.macAddress = freeMac(network.id());
        }
        setSecurity(p, r, project, true);
        if (r.tags() != null) {
            p.setTags(Set.copyOf(r.tags()));
        }
        ports.saveAndFlush(p);
        List<FixedIp> ips = allocate(p, network, r.fixedIps());
        events.publish(PortEvents.Kind.CREATED, p, ips, network.mtu());
        return p;
    }

    /**
     * A MAC no port on the network has. The unique constraint (network, MAC) still guards a race between two
     * creates that draw the same one of 16.7 million; the loser's create fails and the caller may retry.
     */
    private String freeMac(String networkId) {
        while (true) {
            int r = ThreadLocalRandom.current().nextInt(1 << 24);
            String mac = String.format("%s:%02x:%02x:%02x", BASE_MAC, r >> 16, (r >> 8) & 0xff, r & 0xff);
            if (!ports.existsByNetworkIdAndMacAddress(networkId, mac)) {
                return mac;
            }
        }
    }

    private void setSecurity(PortEntity p, PortRequest r, String project, boolean creating) {
        List<AddressPair> pairs = r.pairs() != null ? r.pairs() : creating ? List.of() : p.pairs();
        List<String> sgs = r.securityGroups();
        if (creating && sgs == null) {
            sgs = p.portSecurityEnabled && !SERVICE_OWNERS.contains(p.deviceOwner)
                    && !p.deviceOwner.startsWith("network:") ? List.of(groups.ensureDefault(project)) : List.of();
        }
        if (sgs != null) {
            groups.checkUsable(callerFor(project), sgs, project);
            p.securityGroups.clear();
            p.securityGroups.addAll(sgs);
        }
        if (!p.portSecurityEnabled) {
            if (!p.securityGroups.isEmpty()) {
                throw NetworkError.CONFLICT.exception("Port security must be enabled and port must have an IP"
                        + " address in order to use security groups.");
            }
            if (!pairs.isEmpty()) {
                throw NetworkError.CONFLICT.exception("Port Security must be enabled in order to have allowed address"
                        + " pairs on a port.");
            }
        }
        p.allowedAddressPairs = Json.write(pairs);
    }

    private static Caller callerFor(String project) {
        return new Caller(project, null, false);
    }

    /** Allocates the requested fixed IPs, or by default one address per IP version (every SLAAC subnet). */
    private List<FixedIp> allocate(PortEntity p, NetworkInfo network, List<FixedIp> requested) {
        List<SubnetInfo> onNetwork = subnets.onNetwork(network.id());
        List<FixedIp> out = new ArrayList<>();
        if (requested == null) {
            Set<Integer> versions = new HashSet<>();
            for (SubnetInfo s : onNetwork) {
                if (s.space().autoAddress()) {
                    out.add(new FixedIp(s.id(), ipam.allocateAny(s.space(), p.macAddress, p.getId())));
                } else if (!versions.contains(s.ipVersion())) {
                    try {
                        out.add(new FixedIp(s.id(), ipam.allocateAny(s.space(), p.macAddress, p.getId())));
                        versions.add(s.ipVersion());
                    } catch (io.nubo.shared.web.OpenStackException full) {
                        // this subnet is full: the next one of the same version may have room
                    }
                }
            }
            if (out.isEmpty() && !onNetwork.isEmpty()) {
                throw NetworkError.IP_EXHAUSTED.exception(network.id());
            }
            return out;
        }
        for (FixedIp f : requested) {
            SubnetInfo s = subnetFor(network, onNetwork, f);
            String ip = f.ipAddress() == null ? ipam.allocateAny(s.space(), p.macAddress, p.getId())
                    : ipam.allocate(s.space(), f.ipAddress(), p.getId());
            out.add(new FixedIp(s.id(), ip));
        }
        return out;
    }

    private static SubnetInfo subnetFor(NetworkInfo network, List<SubnetInfo> onNetwork, FixedIp f) {
        if (f.subnetId() != null) {
            SubnetInfo s = onNetwork.stream().filter(x -> x.id().equals(f.subnetId())).findFirst()
                    .orElseThrow(() -> NetworkError.INVALID_INPUT.exception("Failed to create port on network "
                            + network.id() + ", because fixed_ips included invalid subnet " + f.subnetId()));
            if (f.ipAddress() != null && !s.space().cidr().contains(f.ipAddress())) {
                throw NetworkError.BAD_REQUEST.exception("IP address " + f.ipAddress()
                        + " is not a valid IP for the specified subnet.");
            }
            return s;
        }
        return onNetwork.stream().filter(x -> x.space().cidr().contains(f.ipAddress())).findFirst()
                .orElseThrow(() -> NetworkError.BAD_REQUEST.exception("IP address " + f.ipAddress()
                        + " is not a valid IP for any of the subnets on the specified network."));
    }

    @Transactional(readOnly = true)
    List<ObjectNode> list(Caller caller) {
        List<PortEntity> list = caller.admin() || caller.service() ? ports.findAll()
                : ports.findByProjectIdOrNetworkIdIn(caller.projectId(), networks.ownedBy(caller.projectId()));
        return render(caller, list);
    }

    @Transactional(readOnly = true)
    ObjectNode show(Caller caller, String id) {
        return render(caller, List.of(visible(caller, id))).get(0);
    }

    @Transactional
    ObjectNode update(Caller caller, String id, PortRequest r) {
        PortEntity p = visible(caller, id);
        NetworkInfo network = networks.get(p.networkId).orElseThrow();
        Policy.Target t = target(p, network);
        Policy.enforce(caller, "update_port", t);
        if (r.deviceOwner() != null && !r.deviceOwner().equals(p.deviceOwner)) {
            Policy.enforce(caller, "update_port:device_owner", t);
        }
        if (r.macAddress() != null && !r.macAddress().equals(p.macAddress)) {
            Policy.enforce(caller, "update_port:mac_address", t);
            if (ports.existsByNetworkIdAndMacAddress(p.networkId, r.macAddress())) {
                throw NetworkError.MAC_IN_USE.exception(p.networkId, r.macAddress());
            }
            p.macAddress = r.macAddress();
        }
        if (r.portSecurityEnabled() != null) {
            Policy.enforce(caller, "update_port:port_security_enabled", t);
            p.portSecurityEnabled = r.portSecurityEnabled();
        }
        if (r.hostId() != null && !r.hostId().equals(p.hostId)) {
            Policy.enforce(caller, "update_port:binding:host_id", t);
            p.hostId = r.hostId();
            p.status = "DOWN"; // plugged on no host yet: the new host reports ACTIVE once its device is there
        }
        if (r.profile() != null) {
            Policy.enforce(caller, "update_port:binding:profile", t);
            p.bindingProfile = Json.write(r.profile());
        }
        if (r.name() != null) {
            p.name = r.name();
        }
        if (r.description() != null) {
            p.setDescription(r.description());
        }
        if (r.adminStateUp() != null) {
            p.adminStateUp = r.adminStateUp();
        }
        if (r.deviceId() != null) {
            p.deviceId = r.deviceId();
        }
        if (r.deviceOwner() != null) {
            p.deviceOwner = r.deviceOwner();
        }
        if (r.vnicType() != null) {
            p.vnicType = r.vnicType();
        }
        setSecurity(p, r, p.getProjectId(), false);
        List<FixedIp> held = fixedIps(List.of(p.getId())).getOrDefault(p.getId(), List.of());
        List<FixedIp> ips = held;
        if (r.fixedIps() != null) {
            if (r.fixedIps().stream().anyMatch(f -> f.ipAddress() != null
                    && held.stream().noneMatch(i -> i.ipAddress().equals(f.ipAddress())))) {
                Policy.enforce(caller, "update_port:fixed_ips:ip_address", t);
            }
            ips = replaceFixedIps(p, network, held, r.fixedIps());
        }
        p.touch();
        ports.saveAndFlush(p);
        events.publish(PortEvents.Kind.UPDATED, p, ips, network.mtu());
        return render(caller, List.of(p)).get(0);
    }

    /** Keeps the addresses asked for again, releases the others, allocates the new ones. */
    private List<FixedIp> replaceFixedIps(PortEntity p, NetworkInfo network, List<FixedIp> current,
                                          List<FixedIp> wanted) {
        List<FixedIp> keep = new ArrayList<>();
        List<FixedIp> fresh = new ArrayList<>();
        for (FixedIp w : wanted) {
            FixedIp held = current.stream().filter(c -> w.ipAddress() != null && c.ipAddress().equals(w.ipAddress())
                    && (w.subnetId() == null || c.subnetId().equals(w.subnetId()))).findFirst().orElse(null);
            if (held != null) {
                keep.add(held);
            } else {
                fresh.add(w);
            }
        }
        for (FixedIp c : current) {
            if (!keep.contains(c)) {
                ipam.release(p.getId(), c.subnetId(), c.ipAddress());
            }
        }
        List<FixedIp> out = new ArrayList<>(keep);
        if (!fresh.isEmpty()) {
            out.addAll(allocate(p, network, fresh));
        }
        return out;
    }

    @Transactional
    void delete(Caller caller, String id) {
        PortEntity p = visible(caller, id);
        Policy.enforce(caller, "delete_port", target(p, networks.get(p.networkId).orElseThrow()));
        if (SERVICE_OWNERS.contains(p.deviceOwner) && !caller.admin()
                || "network:router_interface".equals(p.deviceOwner)) {
            throw NetworkError.IN_USE_BY_ROUTER.exception(id, p.deviceOwner);
        }
        remove(p);
    }

    /** Deletes a port the service made for itself (router or floating IP going away). */
    @Transactional
    public void deleteFor(String portId) {
        ports.findById(portId).ifPresent(this::remove);
    }

    private void remove(PortEntity p) {
        removals.orderedStream().forEach(r -> r.beforeDelete(p.getId()));
        List<FixedIp> ips = fixedIps(List.of(p.getId())).getOrDefault(p.getId(), List.of());
        int mtu = networks.get(p.networkId).map(NetworkInfo::mtu).orElse(0);
        ipam.releaseAll(p.getId());
        ports.delete(p);
        ports.flush();
        events.publish(PortEvents.Kind.DELETED, p, ips, mtu);
    }

    /**
     * Makes an existing port a router's interface ({@code add_router_interface} by port): 409 PortInUse when a
     * device already has it.
     */
    @Transactional
    public PortInfo attach(Caller caller, String portId, String deviceOwner, String deviceId) {
        PortEntity p = visible(caller, portId);
        if (!p.deviceId.isEmpty() || !p.deviceOwner.isEmpty()) {
            throw NetworkError.ROUTER_PORT_IN_USE.exception(portId, p.networkId, p.deviceId);
        }
        p.deviceOwner = deviceOwner;
        p.deviceId = deviceId;
        p.securityGroups.clear();
        p.touch();
        ports.saveAndFlush(p);
        NetworkInfo network = networks.get(p.networkId).orElseThrow();
        PortInfo info = info(p);
        events.publish(PortEvents.Kind.UPDATED, p, info.fixedIps(), network.mtu());
        return info;
    }

    /** The port as the caller may see it; 404 otherwise. */
    public PortInfo find(Caller caller, String id) {
        return info(visible(caller, id));
    }

    public java.util.Optional<PortInfo> get(String id) {
        return ports.findById(id).map(this::info);
    }

    /** The ports a device (router, instance) owns. */
    public List<PortInfo> ofDevice(String deviceId) {
        return ports.findByDeviceId(deviceId).stream().map(this::info).toList();
    }

    private PortInfo info(PortEntity p) {
        return new PortInfo(p.getId(), p.getProjectId(), p.networkId, p.macAddress, p.deviceId, p.deviceOwner,
                fixedIps(List.of(p.getId())).getOrDefault(p.getId(), List.of()), p.hostId, p.adminStateUp);
    }

    private PortEntity visible(Caller caller, String id) {
        PortEntity p = ports.findById(id).orElseThrow(() -> NetworkError.PORT_NOT_FOUND.exception(id));
        NetworkInfo n = networks.get(p.networkId).orElse(null);
        if (n == null || !Policy.allows(caller, "get_port", target(p, n))) {
            throw NetworkError.PORT_NOT_FOUND.exception(id);
        }
        return p;
    }

    private static Policy.Target target(PortEntity p, NetworkInfo n) {
        return new Policy.Target(p.getProjectId(), n.projectId(), n.shared(), n.external());
    }

    private Map<String, List<FixedIp>> fixedIps(Collection<String> portIds) {
        Map<String, List<FixedIp>> out = new LinkedHashMap<>();
        ipam.ofPorts(portIds).forEach((port, list) -> out.put(port,
                list.stream().map(a -> new FixedIp(a.subnetId(), a.ipAddress())).toList()));
        return out;
    }

    private List<ObjectNode> render(Caller caller, Collection<PortEntity> list) {
        Map<String, List<FixedIp>> ips = fixedIps(list.stream().map(PortEntity::getId).toList());
        boolean binding = Policy.allows(caller, "get_port:binding", Policy.Target.owned(null));
        return list.stream().map(p -> {
            boolean bound = !p.hostId.isEmpty();
            Map<String, Object> details = bound ? Map.of("port_filter", true, "bridge_name",
                    "brq" + p.networkId.substring(0, 11)) : Map.of();
            ObjectNode v = Json.tree(new PortView(p.getId(), p.name, p.networkId, p.getProjectId(), p.getProjectId(),
                    p.macAddress, p.adminStateUp, p.status, p.deviceId, p.deviceOwner,
                    ips.getOrDefault(p.getId(), List.of()), p.pairs().stream().map(a -> new AddressPair(a.ipAddress(),
                    a.macAddress() == null ? p.macAddress : a.macAddress())).toList(), p.groups(),
                    p.portSecurityEnabled, p.hostId, bound ? "bridge" : "unbound", details, p.vnicType,
                    Json.read(p.bindingProfile, new tools.jackson.core.type.TypeReference<Map<String, Object>>() { }),
                    p.getDescription(), p.getTags(), p.createdAtText(), p.updatedAtText(), p.getRevisionNumber()));
            if (!binding) {
                PortView.ADMIN_ONLY.forEach(v::remove);
            }
            return v;
        }).toList();
    }

    /** The ports on a network with their addresses (the DHCP server's hosts). */
    @Transactional(readOnly = true)
    public List<PortInfo> onNetwork(String networkId) {
        List<PortEntity> list = ports.findByNetworkId(networkId);
        Map<String, List<FixedIp>> ips = fixedIps(list.stream().map(PortEntity::getId).toList());
        return list.stream().map(p -> new PortInfo(p.getId(), p.getProjectId(), p.networkId, p.macAddress,
                p.deviceId, p.deviceOwner, ips.getOrDefault(p.getId(), List.of()), p.hostId, p.adminStateUp))
                .toList();
    }

    /** The networks that hold a port of this device owner (the DHCP agent's networks to serve). */
    @Transactional(readOnly = true)
    public List<String> networksWithDeviceOwner(String deviceOwner) {
        return ports.findByDeviceOwner(deviceOwner).stream().map(p -> p.networkId).distinct().toList();
    }

    /**
     * A network's DHCP and floating IP ports do not keep it (Neutron deletes them, and the floating IPs, with the
     * network); any other port does.
     */
    @Override
    public void checkDeletable(String networkId) {
        if (ports.findByNetworkId(networkId).stream().anyMatch(p -> !DHCP_OWNER.equals(p.deviceOwner)
                && !FLOATINGIP_OWNER.equals(p.deviceOwner))) {
            throw NetworkError.NETWORK_IN_USE.exception(networkId);
        }
    }

    /** Removes the network's DHCP ports (before its subnets go, hence this feature's order). */
    @Override
    public void deleteWith(String networkId) {
        ports.findByNetworkId(networkId).stream().filter(p -> DHCP_OWNER.equals(p.deviceOwner))
                .forEach(this::remove);
    }

    @Override
    public boolean inUse(String securityGroupId) {
        return ports.usesGroup(securityGroupId);
    }

    @Override
    public String collection() {
        return "ports";
    }

    @Override
    @Transactional(readOnly = true)
    public List<String> tags(Caller caller, String id) {
        return visible(caller, id).getTags();
    }

    @Override
    @Transactional
    public List<String> replaceTags(Caller caller, String id, Set<String> tags) {
        PortEntity p = visible(caller, id);
        Policy.enforce(caller, "update_port", target(p, networks.get(p.networkId).orElseThrow()));
        p.setTags(tags);
        ports.saveAndFlush(p);
        return p.getTags();
    }

    @Override
    public String resource() {
        return "port";
    }

    @Override
    public long count(String projectId) {
        return ports.countByProjectId(projectId);
    }
}
