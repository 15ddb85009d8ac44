package io.nubo.network.floatingip;

import io.nubo.network.common.Caller;
import io.nubo.network.common.Json;
import io.nubo.network.common.Policy;
import io.nubo.network.common.RequestBody;
import io.nubo.network.error.NetworkError;
import io.nubo.network.floatingip.api.FloatingIpViews;
import io.nubo.network.ipam.Cidr;
import io.nubo.network.network.NetworkInfo;
import io.nubo.network.network.NetworkMembers;
import io.nubo.network.network.NetworkService;
import io.nubo.network.port.PortInfo;
import io.nubo.network.port.PortRemoval;
import io.nubo.network.port.PortService;
import io.nubo.network.port.api.FixedIp;
import io.nubo.network.quota.Quotas;
import io.nubo.network.quota.UsageCounter;
import io.nubo.network.router.RouterInfo;
import io.nubo.network.router.RouterService;
import io.nubo.network.router.RouterUsage;
import io.nubo.network.tag.Taggable;
import io.nubo.shared.events.network.FloatingIpAssociated;
import io.nubo.shared.events.network.FloatingIpDisassociated;
import io.nubo.shared.outbox.EventPublisher;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Floating IPs: an address from an external network's subnet, and an association with a port's fixed IP through a
 * router that has a gateway on that network and an interface on the fixed IP's subnet. Associations are announced.
 */
@Service
@org.springframework.core.annotation.Order(5)
public class FloatingIpService implements NetworkMembers, PortRemoval, RouterUsage, Taggable, UsageCounter {

    private final FloatingIpRepository fips;
    private final NetworkService networks;
    private final PortService ports;
    private final RouterService routers;
    private final Quotas quotas;
    private final EventPublisher publisher;

    public FloatingIpService(FloatingIpRepository fips, NetworkService networks, PortService ports,
                             RouterService routers, Quotas quotas, EventPublisher publisher) {
        this.fips = fips;
        this.networks = networks;
        this.ports = ports;
        this.routers = routers;
        this.quotas = quotas;
        this.publisher = publisher;
    }

    @Transactional
    ObjectNode create(Caller caller, JsonNode body) {
        RequestBody b = RequestBody.of(body, "floatingip");
        String networkId = b.string("floating_network_id");
        String project = Policy.owningProject(caller, b.project());
        NetworkInfo net = networks.find(caller, networkId);
        if (!net.external()) {
            throw NetworkError.BAD_REQUEST.exception("Bad floatingip request: Network " + networkId
                    + " is not a valid external network.");
        }
        String address = b.string("floating_ip_address");
        if (address != null) {
            Policy.enforce(caller, "create_floatingip:floating_ip_address", Policy.Target.owned(project));
            try {
                address = Cidr.canonical(address);
            } catch (IllegalArgumentException e) {
                throw RequestBody.invalid("floating_ip_address", "'" + address + "' is not a valid IP address");
            }
        }
        quotas.check(project, "floatingip", 1);
        FloatingIpEntity f = new FloatingIpEntity(project);
        String subnet = b.string("subnet_id");
        List<FixedIp> wanted = address == null && subnet == null ? null : List.of(new FixedIp(subnet, address));
        PortInfo port = ports.createFor("", networkId, "network:floatingip", f.getId(), wanted);
        FixedIp v4 = port.fixedIps().stream().filter(i -> !i.ipAddress().contains(":")).findFirst()
                .orElse(port.fixedIps().isEmpty() ? null : port.fixedIps().get(0));
        if (v4 == null) {
            throw NetworkError.IP_EXHAUSTED.exception(networkId);
        }
        f.floatingNetworkId = networkId;
        f.floatingPortId = port.id();
        f.floatingIpAddress = v4.ipAddress();
        f.setDescription(b.string("description"));
        List<String> tags = b.strings("tags");
        if (tags != null) {
            f.setTags(Set.copyOf(tags));
        }
        fips.saveAndFlush(f);
        String portId = b.string("port_id");
        if (portId != null) {
            associate(caller, f, portId, b.string("fixed_ip_address"));
        }
        return render(List.of(f)).get(0);
    }

    @Transactional(readOnly = true)
    List<ObjectNode> list(Caller caller) {
        return render(caller.admin() ? fips.findAll() : fips.findByProjectId(caller.projectId()));
    }

    @Transactional(readOnly = true)
    ObjectNode show(Caller caller, String id) {
        return render(List.of(visible(caller, id))).get(0);
    }

    @Transactional
    ObjectNode update(Caller caller, String id, JsonNode body) {
        FloatingIpEntity f = visible(caller, id);
        Policy.enforce(caller, "update_floatingip", Policy.Target.owned(f.getProjectId()));
        RequestBody b = RequestBody.of(body, "floatingip");
        if (b.has("description")) {
            f.setDescription(b.string("description"));
        }
        if (b.has("port_id")) {
            String portId = b.string("port_id");
            if (portId == null) {
                disassociate(f);
            } else {
                if (f.portId != null) {
                    disassociate(f);
                }
                associate(caller, f, portId, b.string("fixed_ip_address"));
            }
        }
        f.touch();
        fips.saveAndFlush(f);
        return render(List.of(f)).get(0);
    }

    @Transactional
    void delete(Caller caller, String id) {
        FloatingIpEntity f = visible(caller, id);
        Policy.enforce(caller, "delete_floatingip", Policy.Target.owned(f.getProjectId()));
        disassociate(f);
        fips.delete(f);
        fips.flush();
        ports.deleteFor(f.floatingPortId);
    }

    /**
     * An external network goes with its floating IPs, as in Neutron (an associated one is held by the router's
     * gateway port on the network, which keeps the network until the gateway is cleared).
     */
    @Override
    public void deleteWith(String networkId) {
        for (FloatingIpEntity f : fips.findByFloatingNetworkId(networkId)) {
            disassociate(f);
            fips.delete(f);
            fips.flush();
            ports.deleteFor(f.floatingPortId);
        }
    }

    private void associate(Caller caller, FloatingIpEntity f, String portId, String fixedIp) {
        PortInfo port = ports.find(caller, portId);
        if (!caller.admin() && !port.projectId().equals(f.getProjectId())) {
            throw NetworkError.PORT_NOT_FOUND.exception(portId);
        }
        FixedIp fixed;
        if (fixedIp != null) {
            fixed = port.fixedIps().stream().filter(i -> i.ipAddress().equals(fixedIp)).findFirst()
                    .orElseThrow(() -> NetworkError.BAD_REQUEST.exception("Bad floatingip request: Port " + portId
                            + " does not have fixed ip " + fixedIp + "."));
        } else {
            fixed = port.fixedIps().stream().filter(i -> !i.ipAddress().contains(":")).findFirst()
                    .orElseThrow(() -> NetworkError.BAD_REQUEST.exception("Bad floatingip request: Port " + portId
                            + " does not have any IPv4 address."));
        }
        RouterInfo router = routers.withGatewayOn(f.floatingNetworkId).stream()
                .filter(r -> r.interfaceSubnetIds().contains(fixed.subnetId()))
                .findFirst().orElseThrow(() -> NetworkError.EXTERNAL_GATEWAY_NOT_FOUND.exception(f.floatingNetworkId,
                        fixed.subnetId(), portId));
        for (FloatingIpEntity other : fips.findByPortId(portId)) {
            if (!other.getId().equals(f.getId()) && fixed.ipAddress().equals(other.fixedIpAddress)) {
                throw NetworkError.FLOATING_IP_ASSOCIATED.exception(f.getId(), f.floatingIpAddress, portId,
                        fixed.ipAddress(), f.floatingNetworkId);
            }
        }
        f.portId = portId;
        f.fixedIpAddress = fixed.ipAddress();
        f.routerId = router.id();
        f.status = "ACTIVE";
        fips.saveAndFlush(f);
        publisher.publish(new FloatingIpAssociated(f.getId(), f.getProjectId(), f.floatingNetworkId,
                f.floatingIpAddress, portId, fixed.ipAddress(), router.id(), Instant.now()), f.getId(),
                f.getProjectId());
    }

    private void disassociate(FloatingIpEntity f) {
        if (f.portId == null) {
            return;
        }
        publisher.publish(new FloatingIpDisassociated(f.getId(), f.getProjectId(), f.floatingNetworkId,
                f.floatingIpAddress, f.portId, f.fixedIpAddress, f.routerId, Instant.now()), f.getId(),
                f.getProjectId());
        f.portId = null;
        f.fixedIpAddress = null;
        f.routerId = null;
        f.status = "DOWN";
        fips.saveAndFlush(f);
    }

    private FloatingIpEntity visible(Caller caller, String id) {
        FloatingIpEntity f = fips.findById(id).orElseThrow(() -> NetworkError.FLOATING_IP_NOT_FOUND.exception(id));
        if (!Policy.allows(caller, "get_floatingip", Policy.Target.owned(f.getProjectId()))) {
            throw NetworkError.FLOATING_IP_NOT_FOUND.exception(id);
        }
        return f;
    }

    private List<ObjectNode> render(List<FloatingIpEntity> list) {
        return list.stream().map(f -> Json.tree(new FloatingIpViews.FloatingIp(f.getId(), f.getProjectId(),
                f.getProjectId(), f.floatingNetworkId, f.floatingIpAddress, f.routerId, f.portId, f.fixedIpAddress,
                f.status, f.getDescription(), f.getTags(), f.createdAtText(), f.updatedAtText(),
                f.getRevisionNumber()))).toList();
    }

    /** The router's associated floating IPs: floating address to fixed address (what its namespace translates). */
    @Transactional(readOnly = true)
    public java.util.Map<String, String> translationsOf(String routerId) {
        java.util.Map<String, String> out = new java.util.TreeMap<>();
        fips.findByRouterId(routerId).stream().filter(f -> f.fixedIpAddress != null)
                .forEach(f -> out.put(f.floatingIpAddress, f.fixedIpAddress));
        return out;
    }

    @Override
    public void beforeDelete(String portId) {
        fips.findByPortId(portId).forEach(this::disassociate);
    }

    @Override
    public void checkGatewayRemovable(String routerId, String networkId) {
        if (!fips.findByRouterId(routerId).isEmpty()) {
            throw NetworkError.ROUTER_GATEWAY_IN_USE.exception(routerId, networkId);
        }
    }

    @Override
    public void checkInterfaceRemovable(String routerId, String subnetId) {
        for (FloatingIpEntity f : fips.findByRouterId(routerId)) {
            PortInfo port = ports.get(f.portId).orElse(null);
            if (port != null && port.fixedIps().stream().anyMatch(i -> i.subnetId().equals(subnetId)
                    && i.ipAddress().equals(f.fixedIpAddress))) {
                throw NetworkError.CONFLICT.exception("Router interface for subnet " + subnetId + " on router "
                        + routerId + " cannot be deleted, as it is required by one or more floating IPs.");
            }
        }
    }

    @Override
    public String collection() {
        return "floatingips";
    }

    @Override
    @Transactional(readOnly = true)
    public List<String> tags(Caller caller, String id) {
        return visible(caller, id).getTags();
    }

    @Override
    @Transactional
    public List<String> replaceTags(Caller caller, String id, Set<String> tags) {
        FloatingIpEntity f = visible(caller, id);
        Policy.enforce(caller, "update_floatingip", Policy.Target.owned(f.getProjectId()));
        f.setTags(tags);
        fips.saveAndFlush(f);
        return f.getTags();
    }

    @Override
    public String resource() {
        return "floatingip";
    }

    @Override
    public long count(String projectId) {
        return fips.countByProjectId(projectId);
    }
}
