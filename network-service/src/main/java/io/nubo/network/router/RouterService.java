package io.nubo.network.router;

import io.nubo.network.common.Caller;
import io.nubo.network.common.Json;
import io.nubo.network.common.Policy;
import io.nubo.network.common.RequestBody;
import io.nubo.network.error.NetworkError;
import io.nubo.network.ipam.Cidr;
import io.nubo.network.network.NetworkInfo;
import io.nubo.network.network.NetworkService;
import io.nubo.network.port.PortInfo;
import io.nubo.network.port.PortService;
import io.nubo.network.port.api.FixedIp;
import io.nubo.network.quota.Quotas;
import io.nubo.network.quota.UsageCounter;
import io.nubo.network.router.api.RouterViews;
import io.nubo.network.subnet.SubnetInfo;
import io.nubo.network.subnet.SubnetService;
import io.nubo.network.tag.Taggable;
import io.nubo.shared.events.network.PortSnapshot;
import io.nubo.shared.events.network.RouterGatewayCleared;
import io.nubo.shared.events.network.RouterGatewaySet;
import io.nubo.shared.outbox.EventPublisher;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Routers: interfaces are ports on tenant subnets holding the subnet's gateway address, the external gateway a
 * port on an external network (SNAT on by default; only admins choose). Gateway changes are announced.
 */
@Service
public class RouterService implements Taggable, UsageCounter {

    static final String INTERFACE = "network:router_interface";
    static final String GATEWAY = "network:router_gateway";

    private final RouterRepository routers;
    private final NetworkService networks;
    private final SubnetService subnets;
    private final PortService ports;
    private final Quotas quotas;
    private final EventPublisher publisher;
    private final ObjectProvider<RouterUsage> usage;

    public RouterService(RouterRepository routers, NetworkService networks, SubnetService subnets, PortService ports,
                         Quotas quotas, EventPublisher publisher, ObjectProvider<RouterUsage> usage) {
        this.routers = routers;
        this.networks = networks;
        this.subnets = subnets;
        this.ports = ports;
        this.quotas = quotas;
        this.publisher = publisher;
        this.usage = usage;
    }

    @Transactional
    ObjectNode create(Caller caller, JsonNode body) {
        RequestBody b = RequestBody.of(body, "router");
        String project = Policy.owningProject(caller, b.project());
        Policy.enforce(caller, "create_router", Policy.Target.owned(project));
        quotas.check(project, "router", 1);
        RouterEntity r = new RouterEntity(project);
        r.name = orEmpty(b.string("name"));
        r.setDescription(b.string("description"));
        Boolean up = b.bool("admin_state_up");
        r.adminStateUp = up == null || up;
        List<String> tags = b.strings("tags");
        if (tags != null) {
            r.setTags(Set.copyOf(tags));
        }
        routers.saveAndFlush(r);
        JsonNode gateway = b.raw("external_gateway_info");
        if (gateway != null && !gateway.isNull() && !(gateway.isObject() && gateway.isEmpty())) {
            setGateway(caller, r, b.raw("external_gateway_info"), "create_router");
        }
        return render(List.of(r)).get(0);
    }

    @Transactional(readOnly = true)
    List<ObjectNode> list(Caller caller) {
        return render(caller.admin() ? routers.findAll() : routers.findByProjectId(caller.projectId()));
    }

    @Transactional(readOnly = true)
    ObjectNode show(Caller caller, String id) {
        return render(List.of(visible(caller, id))).get(0);
    }

    @Transactional
    ObjectNode update(Caller caller, String id, JsonNode body) {
        RouterEntity r = visible(caller, id);
        Policy.enforce(caller, "update_router", Policy.Target.owned(r.getProjectId()));
        RequestBody b = RequestBody.of(body, "router");
        if (b.has("name")) {
            r.name = orEmpty(b.string("name"));
        }
        if (b.has("description")) {
            r.setDescription(b.string("description"));
        }
        Boolean up = b.bool("admin_state_up");
        if (up != null) {
            r.adminStateUp = up;
        }
        if (b.has("external_gateway_info")) {
            JsonNode gw = b.raw("external_gateway_info");
            if (gw.isNull() || gw.isObject() && gw.isEmpty()) {
                clearGateway(r);
            } else {
                setGateway(caller, r, gw, "update_router");
            }
        }
        r.touch();
        routers.saveAndFlush(r);
        return render(List.of(r)).get(0);
    }

    @Transactional
    void delete(Caller caller, String id) {
        RouterEntity r = visible(caller, id);
        Policy.enforce(caller, "delete_router", Policy.Target.owned(r.getProjectId()));
        if (ports.ofDevice(id).stream().anyMatch(p -> INTERFACE.equals(p.deviceOwner()))) {
            throw NetworkError.ROUTER_IN_USE.exception(id, "still has ports");
        }
        clearGateway(r);
        routers.delete(r);
        routers.flush();
    }

    private void setGateway(Caller caller, RouterEntity r, JsonNode gw, String action) {
        String networkId = gw.get("network_id").asString();
        NetworkInfo net = networks.find(caller, networkId);
        if (!net.external()) {
            throw NetworkError.BAD_REQUEST.exception("Bad router request: Network " + networkId
                    + " is not a valid external network.");
        }
        Boolean snat = gw.has("enable_snat") ? RequestBody.toBoolean(gw.get("enable_snat")) : null;
        if (snat != null && snat != r.enableSnat) {
            Policy.enforce(caller, action + ":external_gateway_info:enable_snat", Policy.Target.owned(r.getProjectId()));
        }
        List<FixedIp> fixed = null;
        if (gw.has("external_fixed_ips")) {
            Policy.enforce(caller, action + ":external_gateway_info:external_fixed_ips",
                    Policy.Target.owned(r.getProjectId()));
            fixed = new ArrayList<>();
            for (JsonNode f : gw.get("external_fixed_ips")) {
                fixed.add(new FixedIp(f.path("subnet_id").asString(null), f.path("ip_address").asString(null)));
            }
        }
        boolean sameNetwork = networkId.equals(r.gwNetworkId);
        if (!sameNetwork || fixed != null) {
            if (r.gwPortId != null) {
                clearGateway(r);
            }
            PortInfo port = ports.createFor("", networkId, GATEWAY, r.getId(), fixed);
            r.gwNetworkId = networkId;
            r.gwPortId = port.id();
        }
        r.enableSnat = snat == null ? r.enableSnat : snat;
        r.touch();
        routers.saveAndFlush(r);
        PortInfo port = ports.get(r.gwPortId).orElseThrow();
        publisher.publish(new RouterGatewaySet(r.getId(), r.getProjectId(), networkId, port.id(), r.enableSnat,
                port.fixedIps().stream().map(f -> new PortSnapshot.FixedIp(f.subnetId(), f.ipAddress())).toList(),
                Instant.now()), r.getId(), r.getProjectId());
    }

    private void clearGateway(RouterEntity r) {
        if (r.gwPortId == null) {
            return;
        }
        String network = r.gwNetworkId;
        usage.orderedStream().forEach(u -> u.checkGatewayRemovable(r.getId(), network));
        ports.deleteFor(r.gwPortId);
        r.gwPortId = null;
        r.gwNetworkId = null;
        r.enableSnat = true;
        routers.saveAndFlush(r);
        publisher.publish(new RouterGatewayCleared(r.getId(), r.getProjectId(), network, Instant.now()), r.getId(),
                r.getProjectId());
    }

    @Transactional
    RouterViews.Interface addInterface(Caller caller, String id, JsonNode body) {
        RouterEntity r = visible(caller, id);
        Policy.enforce(caller, "add_router_interface", Policy.Target.owned(r.getProjectId()));
        String subnetId = body == null ? null : body.path("subnet_id").asString(null);
        String portId = body == null ? null : body.path("port_id").asString(null);
        if ((subnetId == null) == (portId == null)) {
            throw NetworkError.BAD_REQUEST.exception("Bad router request: Either subnet_id or port_id must be"
                    + " specified.");
        }
        PortInfo port;
        if (subnetId != null) {
            SubnetInfo s = subnets.find(caller, subnetId);
            if (s.gatewayIp() == null) {
                throw NetworkError.BAD_REQUEST.exception("Bad router request: Subnet for router interface must have"
                        + " a gateway IP.");
            }
            checkNewSubnet(r, s);
            port = ports.createFor(r.getProjectId(), s.networkId(), INTERFACE, r.getId(),
                    List.of(new FixedIp(s.id(), s.gatewayIp())));
        } else {
            PortInfo existing = ports.find(caller, portId);
            if (existing.fixedIps().isEmpty()) {
                throw NetworkError.BAD_REQUEST.exception("Bad router request: Router port must have at least one"
                        + " fixed IP.");
            }
            for (FixedIp f : existing.fixedIps()) {
                checkNewSubnet(r, subnets.get(f.subnetId()).orElseThrow());
            }
            port = ports.attach(caller, portId, INTERFACE, r.getId());
        }
        r.touch();
        routers.saveAndFlush(r);
        return reply(r, port);
    }

    private void checkNewSubnet(RouterEntity r, SubnetInfo s) {
        Cidr cidr = Cidr.parse(s.cidr());
        for (PortInfo p : ports.ofDevice(r.getId())) {
            if (!INTERFACE.equals(p.deviceOwner())) {
                continue;
            }
            for (FixedIp f : p.fixedIps()) {
                if (f.subnetId().equals(s.id())) {
                    throw NetworkError.ROUTER_INTERFACE_IN_USE.exception(s.id());
                }
                SubnetInfo other = subnets.get(f.subnetId()).orElseThrow();
                if (Cidr.parse(other.cidr()).overlaps(cidr)) {
                    throw NetworkError.BAD_REQUEST.exception("Bad router request: Cidr " + s.cidr() + " of subnet "
                            + s.id() + " overlaps with cidr " + other.cidr() + " of subnet " + other.id() + ".");
                }
            }
        }
    }

    @Transactional
    RouterViews.Interface removeInterface(Caller caller, String id, JsonNode body) {
        RouterEntity r = visible(caller, id);
        Policy.enforce(caller, "remove_router_interface", Policy.Target.owned(r.getProjectId()));
        String subnetId = body == null ? null : body.path("subnet_id").asString(null);
        String portId = body == null ? null : body.path("port_id").asString(null);
        if (subnetId == null && portId == null) {
            throw NetworkError.BAD_REQUEST.exception("Bad router request: Either subnet_id or port_id must be"
                    + " specified.");
        }
        PortInfo found = ports.ofDevice(id).stream()
                .filter(p -> INTERFACE.equals(p.deviceOwner()))
                .filter(p -> portId == null || p.id().equals(portId))
                .filter(p -> subnetId == null || p.fixedIps().stream().anyMatch(f -> f.subnetId().equals(subnetId)))
                .findFirst().orElseThrow(() -> portId != null
                        ? NetworkError.ROUTER_INTERFACE_PORT_NOT_FOUND.exception(id, portId)
                        : NetworkError.ROUTER_INTERFACE_NOT_FOUND.exception(id, subnetId));
        for (FixedIp f : found.fixedIps()) {
            usage.orderedStream().forEach(u -> u.checkInterfaceRemovable(id, f.subnetId()));
        }
        ports.deleteFor(found.id());
        r.touch();
        routers.saveAndFlush(r);
        return reply(r, found);
    }

    private static RouterViews.Interface reply(RouterEntity r, PortInfo port) {
        List<String> subnetIds = port.fixedIps().stream().map(FixedIp::subnetId).distinct().toList();
        return new RouterViews.Interface(r.getId(), r.getProjectId(), r.getProjectId(), port.id(), port.networkId(),
                subnetIds.isEmpty() ? null : subnetIds.get(0), subnetIds);
    }

    /** Every router as the network node builds it (the L3 agent's router list). */
    @org.springframework.transaction.annotation.Transactional(readOnly = true)
    public List<RouterLayout> layouts() {
        return routers.findAll().stream().map(r -> new RouterLayout(r.getId(), r.adminStateUp, r.gwNetworkId,
                r.gwPortId, r.enableSnat, ports.ofDevice(r.getId()).stream()
                .filter(p -> INTERFACE.equals(p.deviceOwner())).toList())).toList();
    }

    /** The routers with a gateway on the network, with the subnets they have interfaces on. */
    public List<RouterInfo> withGatewayOn(String networkId) {
        return routers.findByGwNetworkId(networkId).stream().map(r -> new RouterInfo(r.getId(), r.getProjectId(),
                r.gwNetworkId, ports.ofDevice(r.getId()).stream().filter(p -> INTERFACE.equals(p.deviceOwner()))
                .flatMap(p -> p.fixedIps().stream().map(FixedIp::subnetId)).toList())).toList();
    }

    private RouterEntity visible(Caller caller, String id) {
        RouterEntity r = routers.findById(id).orElseThrow(() -> NetworkError.ROUTER_NOT_FOUND.exception(id));
        if (!Policy.allows(caller, "get_router", Policy.Target.owned(r.getProjectId()))) {
            throw NetworkError.ROUTER_NOT_FOUND.exception(id);
        }
        return r;
    }

    private List<ObjectNode> render(List<RouterEntity> list) {
        return list.stream().map(r -> {
            RouterViews.Gateway gw = null;
            if (r.gwPortId != null) {
                PortInfo port = ports.get(r.gwPortId).orElse(null);
                gw = new RouterViews.Gateway(r.gwNetworkId, r.enableSnat, port == null ? List.of()
                        : port.fixedIps().stream().map(f -> new RouterViews.ExternalFixedIp(f.subnetId(),
                        f.ipAddress())).toList());
            }
            return Json.tree(new RouterViews.Router(r.getId(), r.name, r.getProjectId(), r.getProjectId(),
                    r.adminStateUp, r.status, gw, r.getDescription(), r.getTags(), r.createdAtText(),
                    r.updatedAtText(), r.getRevisionNumber()));
        }).toList();
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }

    @Override
    public String collection() {
        return "routers";
    }

    @Override
    @Transactional(readOnly = true)
    public List<String> tags(Caller caller, String id) {
        return visible(caller, id).getTags();
    }

    @Override
    @Transactional
    public List<String> replaceTags(Caller caller, String id, Set<String> tags) {
        RouterEntity r = visible(caller, id);
        Policy.enforce(caller, "update_router", Policy.Target.owned(r.getProjectId()));
        r.setTags(tags);
        routers.saveAndFlush(r);
        return r.getTags();
    }

    @Override
    public String resource() {
        return "router";
    }

    @Override
    public long count(String projectId) {
        return routers.countByProjectId(projectId);
    }
}
