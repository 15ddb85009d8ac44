package io.nubo.network.subnet;

import io.nubo.network.common.Caller;
import io.nubo.network.common.Json;
import io.nubo.network.common.Policy;
import io.nubo.network.error.NetworkError;
import io.nubo.network.ipam.Cidr;
import io.nubo.network.ipam.IpAllocator;
import io.nubo.network.network.NetworkInfo;
import io.nubo.network.network.NetworkMembers;
import io.nubo.network.network.NetworkService;
import io.nubo.network.quota.Quotas;
import io.nubo.network.quota.UsageCounter;
import io.nubo.network.subnet.api.SubnetView;
import io.nubo.network.subnetpool.SubnetPoolService;
import io.nubo.network.subnetpool.SubnetPoolUsage;
import io.nubo.network.tag.Taggable;
import java.math.BigInteger;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.node.ObjectNode;

/** Subnets: address ranges on a network, their pools and gateway, and who may see them. */
@Service
public class SubnetService implements NetworkMembers, SubnetPoolUsage, Taggable, UsageCounter {

    private final SubnetRepository subnets;
    private final NetworkService networks;
    private final IpAllocator ipam;
    private final Quotas quotas;
    private final org.springframework.beans.factory.ObjectProvider<SubnetHooks> hooks;
    private final SubnetPoolService subnetPools;

    public SubnetService(SubnetRepository subnets, NetworkService networks, IpAllocator ipam, Quotas quotas,
                         org.springframework.beans.factory.ObjectProvider<SubnetHooks> hooks,
                         SubnetPoolService subnetPools) {
        this.hooks = hooks;
        this.subnetPools = subnetPools;
        this.subnets = subnets;
        this.networks = networks;
        this.ipam = ipam;
        this.quotas = quotas;
    }

    @Transactional
    ObjectNode create(Caller caller, SubnetRequest r) {
        NetworkInfo network = networks.find(caller, r.networkId());
        Policy.enforce(caller, "create_subnet", network.target());
        String project = Policy.owningProject(caller, r.projectId());
        quotas.check(project, "subnet", 1);
        Cidr cidr = r.cidr();
        if (r.subnetpoolId() != null) {
            cidr = subnetPools.allocate(caller, r.subnetpoolId(), r.ipVersion(), cidr, r.prefixlen(),
                    subnetsFrom(r.subnetpoolId()));
            if (r.ipv6AddressMode() != null && !"dhcpv6-stateful".equals(r.ipv6AddressMode()) && cidr.prefix() != 64) {
                throw NetworkError.INVALID_INPUT.exception("Invalid CIDR " + cidr + " for IPv6 address mode."
                        + " OpenStack uses the EUI-64 address format, which requires the prefix to be /64");
            }
        }
        for (SubnetEntity other : subnets.findByNetworkIdOrderByCreatedAt(network.id())) {
            if (Cidr.parse(other.cidr).overlaps(cidr)) {
                throw NetworkError.INVALID_INPUT.exception("Requested subnet with cidr: " + cidr + " for network: "
                        + network.id() + " overlaps with another subnet");
            }
        }
        String gateway = r.gatewayGiven() ? r.gatewayIp() : cidr.text(cidr.first().add(BigInteger.ONE));
        checkGateway(cidr, gateway);
        var pools = r.pools() == null ? SubnetRequest.defaultPools(cidr, gateway) : r.pools();
        SubnetRequest.checkPools(cidr, pools, gateway);
        SubnetEntity s = new SubnetEntity(project);
        s.networkId = network.id();
        s.name = r.name() == null ? "" : r.name();
        s.setDescription(r.description());
        s.ipVersion = r.ipVersion();
        s.cidr = cidr.toString();
        s.subnetpoolId = r.subnetpoolId();
        s.gatewayIp = gateway;
        s.enableDhcp = r.enableDhcp() == null || r.enableDhcp();
        s.ipv6RaMode = r.ipv6RaMode();
        s.ipv6AddressMode = r.ipv6AddressMode();
        s.allocationPools = Json.write(pools);
        s.dnsNameservers = Json.write(r.dns() == null ? List.of() : r.dns());
        s.hostRoutes = Json.write(r.routes() == null ? List.of() : r.routes());
        if (r.tags() != null) {
            s.setTags(Set.copyOf(r.tags()));
        }
        subnets.saveAndFlush(s);
        hooks.orderedStream().forEach(h -> h.afterSave(s.info()));
        return render(List.of(s)).get(0);
    }

    private static void checkGateway(Cidr cidr, String gateway) {
        if (gateway == null) {
            return;
        }
        BigInteger g = Cidr.toNumber(gateway);
        if (cidr.contains(g) && cidr.version() == 4 && cidr.prefix() < 31
                && (g.equals(cidr.first()) || g.equals(cidr.last()))) {
            throw NetworkError.INVALID_INPUT.exception("Gateway is not valid on subnet");
        }
        if (cidr.version() == 6 && g.equals(cidr.first())) {
            throw NetworkError.INVALID_INPUT.exception("Gateway is not valid on subnet");
        }
    }

    @Transactional(readOnly = true)
    List<ObjectNode> list(Caller caller) {
        List<SubnetEntity> all = subnets.findAll();
        Map<String, NetworkInfo> nets = networks.getAll(all.stream().map(s -> s.networkId).toList());
        return render(all.stream().filter(s -> readable(caller, s, nets.get(s.networkId))).toList());
    }

    @Transactional(readOnly = true)
    ObjectNode show(Caller caller, String id) {
        return render(List.of(visible(caller, id))).get(0);
    }

    @Transactional
    ObjectNode update(Caller caller, String id, tools.jackson.databind.JsonNode body) {
        SubnetEntity s = visible(caller, id);
        Policy.enforce(caller, "update_subnet", target(s, networks.get(s.networkId).orElseThrow()));
        SubnetRequest r = SubnetRequest.update(body, s.ipVersion);
        Cidr cidr = Cidr.parse(s.cidr);
        String gateway = r.gatewayGiven() ? r.gatewayIp() : s.gatewayIp;
        checkGateway(cidr, gateway);
        var pools = r.pools() != null ? r.pools() : s.pools();
        SubnetRequest.checkPools(cidr, pools, gateway);
        s.gatewayIp = gateway;
        s.allocationPools = Json.write(pools);
        if (r.name() != null) {
            s.name = r.name();
        }
        if (r.description() != null) {
            s.setDescription(r.description());
        }
        if (r.enableDhcp() != null) {
            s.enableDhcp = r.enableDhcp();
        }
        if (r.dns() != null) {
            s.dnsNameservers = Json.write(r.dns());
        }
        if (r.routes() != null) {
            s.hostRoutes = Json.write(r.routes());
        }
        s.touch();
        subnets.saveAndFlush(s);
        hooks.orderedStream().forEach(h -> h.afterSave(s.info()));
        return render(List.of(s)).get(0);
    }

    @Transactional
    void delete(Caller caller, String id) {
        SubnetEntity s = visible(caller, id);
        Policy.enforce(caller, "delete_subnet", target(s, networks.get(s.networkId).orElseThrow()));
        if (s.info().space().autoAddress()) {
            // as Neutron: addresses a port derived itself (SLAAC, DHCPv6-stateless) go with their subnet
            ipam.releaseSubnet(id);
        }
        hooks.orderedStream().forEach(h -> h.beforeDelete(s.info()));
        if (!ipam.portsOn(id).isEmpty()) {
            throw NetworkError.SUBNET_IN_USE.exception(id);
        }
        subnets.delete(s);
        subnets.flush();
    }

    /** The subnet as the caller may see it; 404 otherwise. */
    public SubnetInfo find(Caller caller, String id) {
        return visible(caller, id).info();
    }

    /** A subnet regardless of the caller, for checks that need it (a port's fixed IP on a shared network). */
    public java.util.Optional<SubnetInfo> get(String id) {
        return subnets.findById(id).map(SubnetEntity::info);
    }

    /** The subnets of a network, oldest first. */
    public List<SubnetInfo> onNetwork(String networkId) {
        return subnets.findByNetworkIdOrderByCreatedAt(networkId).stream().map(SubnetEntity::info).toList();
    }

    private SubnetEntity visible(Caller caller, String id) {
        SubnetEntity s = subnets.findById(id).orElseThrow(() -> NetworkError.SUBNET_NOT_FOUND.exception(id));
        if (!readable(caller, s, networks.get(s.networkId).orElse(null))) {
            throw NetworkError.SUBNET_NOT_FOUND.exception(id);
        }
        return s;
    }

    private static boolean readable(Caller caller, SubnetEntity s, NetworkInfo network) {
        return network != null && (Policy.allows(caller, "get_subnet", target(s, network))
                || caller.owns(network.projectId()));
    }

    private static Policy.Target target(SubnetEntity s, NetworkInfo network) {
        return new Policy.Target(s.getProjectId(), network.projectId(), network.shared(), network.external());
    }

    private List<ObjectNode> render(Collection<SubnetEntity> list) {
        return list.stream().map(s -> Json.tree(new SubnetView(s.getId(), s.name, s.getProjectId(), s.getProjectId(),
                s.networkId, s.ipVersion, s.subnetpoolId, s.enableDhcp, s.ipv6RaMode, s.ipv6AddressMode, s.gatewayIp, s.cidr,
                s.pools(), s.routes(), s.dns(), s.getDescription(), s.getTags(), s.createdAtText(),
                s.updatedAtText(), s.getRevisionNumber()))).toList();
    }

    @Override
    public Map<String, List<String>> subnetsOf(Collection<String> networkIds) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        if (networkIds.isEmpty()) {
            return out;
        }
        subnets.findByNetworkIdIn(networkIds).stream()
                .sorted(java.util.Comparator.comparing(SubnetEntity::getCreatedAt))
                .forEach(s -> out.computeIfAbsent(s.networkId, k -> new java.util.ArrayList<>()).add(s.getId()));
        return out;
    }

    @Override
    public void deleteWith(String networkId) {
        List<SubnetEntity> list = subnets.findByNetworkIdOrderByCreatedAt(networkId);
        for (SubnetEntity s : list) {
            if (!ipam.portsOn(s.getId()).isEmpty()) {
                throw NetworkError.NETWORK_IN_USE.exception(networkId);
            }
        }
        subnets.deleteAll(list);
        subnets.flush();
    }

    @Override
    @Transactional(readOnly = true)
    public List<Cidr> subnetsFrom(String subnetpoolId) {
        return subnets.findBySubnetpoolId(subnetpoolId).stream().map(s -> Cidr.parse(s.cidr)).toList();
    }

    @Override
    public String collection() {
        return "subnets";
    }

    @Override
    @Transactional(readOnly = true)
    public List<String> tags(Caller caller, String id) {
        return visible(caller, id).getTags();
    }

    @Override
    @Transactional
    public List<String> replaceTags(Caller caller, String id, Set<String> tags) {
        SubnetEntity s = visible(caller, id);
        Policy.enforce(caller, "update_subnet", target(s, networks.get(s.networkId).orElseThrow()));
        s.setTags(tags);
        subnets.saveAndFlush(s);
        return s.getTags();
    }

    @Override
    public String resource() {
        return "subnet";
    }

    @Override
    public long count(String projectId) {
        return subnets.countByProjectId(projectId);
    }
}
