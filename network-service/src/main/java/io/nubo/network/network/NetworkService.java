package io.nubo.network.network;

import io.nubo.network.common.Caller;
import io.nubo.network.common.Json;
import io.nubo.network.common.Policy;
import io.nubo.network.error.NetworkError;
import io.nubo.network.network.api.NetworkView;
import io.nubo.network.quota.Quotas;
import io.nubo.network.quota.UsageCounter;
import io.nubo.network.tag.Taggable;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.node.ObjectNode;

/** Networks: who may see and change them, their segments, and what must be asked before one is deleted. */
@Service
public class NetworkService implements Taggable, UsageCounter {

    /** Tenant networks are VXLAN segments (1450 bytes leaves room for the 50-byte VXLAN header on a 1500 link). */
    static final int VXLAN_MTU = 1450;
    static final int PHYSICAL_MTU = 1500;

    private final NetworkRepository networks;
    private final JdbcTemplate jdbc;
    /** Looked up per use: the members (subnets, ports) depend on this service. */
    private final ObjectProvider<NetworkMembers> members;
    private final Quotas quotas;

    public NetworkService(NetworkRepository networks, JdbcTemplate jdbc, ObjectProvider<NetworkMembers> members,
                          Quotas quotas) {
        this.networks = networks;
        this.jdbc = jdbc;
        this.members = members;
        this.quotas = quotas;
    }

    @Transactional
    ObjectNode create(Caller caller, NetworkRequest r, List<String> tags) {
        Policy.enforce(caller, "create_network", Policy.Target.owned(caller.projectId()));
        if (r.shared() != null && r.shared()) {
            Policy.enforce(caller, "create_network:shared", Policy.Target.owned(caller.projectId()));
        }
        if (r.external() != null && r.external()) {
            Policy.enforce(caller, "create_network:router:external", Policy.Target.owned(caller.projectId()));
        }
        if (r.providerGiven()) {
            Policy.enforce(caller, "create_network:provider", Policy.Target.owned(caller.projectId()));
        }
        String project = Policy.owningProject(caller, r.projectId());
        quotas.check(project, "network", 1);
        NetworkEntity n = new NetworkEntity(project);
        n.name = r.name() == null ? "" : r.name();
        n.setDescription(r.description());
        n.adminStateUp = r.adminStateUp() == null || r.adminStateUp();
        n.shared = Boolean.TRUE.equals(r.shared());
        n.external = Boolean.TRUE.equals(r.external());
        n.portSecurityEnabled = r.portSecurityEnabled() == null || r.portSecurityEnabled();
        n.networkType = r.networkType() == null ? "vxlan" : r.networkType();
        n.physicalNetwork = r.physicalNetwork();
        if (("vlan".equals(n.networkType) || "flat".equals(n.networkType)) && n.physicalNetwork == null) {
            throw NetworkError.INVALID_INPUT.exception("provider:physical_network required for "
                    + n.networkType + " provider network");
        }
        n.segmentationId = segment(n.networkType, r.segmentationId());
        int ceiling = "vxlan".equals(n.networkType) ? VXLAN_MTU : PHYSICAL_MTU;
        if (r.mtu() != null && r.mtu() > ceiling) {
            throw NetworkError.INVALID_INPUT.exception("Requested MTU is too big, maximum is " + ceiling);
        }
        n.mtu = r.mtu() == null ? ceiling : r.mtu();
        if (tags != null) {
            n.setTags(Set.copyOf(tags));
        }
        networks.saveAndFlush(n);
        return render(caller, List.of(n)).get(0);
    }

    private Integer segment(String type, Integer requested) {
        if ("flat".equals(type) || "local".equals(type)) {
            if (requested != null) {
                throw NetworkError.INVALID_INPUT.exception("provider:segmentation_id specified for " + type
                        + " network");
            }
            return null;
        }
        if (requested != null) {
            if (networks.existsByNetworkTypeAndSegmentationId(type, requested)) {
                throw NetworkError.CONFLICT.exception("Unable to create the network. The " + type + " "
                        + requested + " is in use.");
            }
            return requested;
        }
        if (!"vxlan".equals(type)) {
            throw NetworkError.INVALID_INPUT.exception("provider:segmentation_id required for " + type
                    + " provider network");
        }
        // the sequence never hands out a number twice; skip those an admin chose by hand
        while (true) {
            Integer next = jdbc.queryForObject("SELECT nextval('vxlan_segments')", Integer.class);
            if (!networks.existsByNetworkTypeAndSegmentationId(type, next)) {
                return next;
            }
        }
    }

    @Transactional(readOnly = true)
    List<ObjectNode> list(Caller caller) {
        List<NetworkEntity> all = caller.admin() ? networks.findAll() : networks.findVisible(caller.projectId());
        return render(caller, all);
    }

    @Transactional(readOnly = true)
    ObjectNode show(Caller caller, String id) {
        return render(caller, List.of(visible(caller, id))).get(0);
    }

    @Transactional
    ObjectNode update(Caller caller, String id, NetworkRequest r) {
        NetworkEntity n = visible(caller, id);
        Policy.enforce(caller, "update_network", n.info().target());
        if (r.shared() != null && r.shared() != n.shared) {
            Policy.enforce(caller, "update_network:shared", n.info().target());
            n.shared = r.shared();
        }
        if (r.external() != null && r.external() != n.external) {
            Policy.enforce(caller, "update_network:router:external", n.info().target());
            n.external = r.external();
        }
        if (r.name() != null) {
            n.name = r.name();
        }
        if (r.description() != null) {
            n.setDescription(r.description());
        }
        if (r.adminStateUp() != null) {
            n.adminStateUp = r.adminStateUp();
        }
        if (r.portSecurityEnabled() != null) {
            n.portSecurityEnabled = r.portSecurityEnabled();
        }
        if (r.mtu() != null) {
            int ceiling = "vxlan".equals(n.networkType) ? VXLAN_MTU : PHYSICAL_MTU;
            if (r.mtu() > ceiling) {
                throw NetworkError.INVALID_INPUT.exception("Requested MTU is too big, maximum is " + ceiling);
            }
            n.mtu = r.mtu();
        }
        n.touch();
        networks.saveAndFlush(n);
        return render(caller, List.of(n)).get(0);
    }

    @Transactional
    void delete(Caller caller, String id) {
        NetworkEntity n = visible(caller, id);
        Policy.enforce(caller, "delete_network", n.info().target());
        members.orderedStream().forEach(m -> m.checkDeletable(id));
        members.orderedStream().forEach(m -> m.deleteWith(id));
        networks.delete(n);
        networks.flush();
    }

    /** The network as the caller may see it; 404 otherwise. */
    public NetworkInfo find(Caller caller, String id) {
        return visible(caller, id).info();
    }

    /** Any network, for checks that do not depend on the caller (a port's network owner); empty when gone. */
    public Optional<NetworkInfo> get(String id) {
        return networks.findById(id).map(NetworkEntity::info);
    }

    /** The ids of the networks a project owns (their ports are visible to it). */
    public List<String> ownedBy(String projectId) {
        return networks.findIdsByProjectId(projectId);
    }

    /** Several networks by id, for rendering lists of things on them. */
    public Map<String, NetworkInfo> getAll(Collection<String> ids) {
        Map<String, NetworkInfo> out = new HashMap<>();
        networks.findAllById(Set.copyOf(ids)).forEach(n -> out.put(n.getId(), n.info()));
        return out;
    }

    private NetworkEntity visible(Caller caller, String id) {
        NetworkEntity n = networks.findById(id).orElseThrow(() -> NetworkError.NETWORK_NOT_FOUND.exception(id));
        if (!Policy.allows(caller, "get_network", n.info().target())) {
            throw NetworkError.NETWORK_NOT_FOUND.exception(id);
        }
        return n;
    }

    private List<ObjectNode> render(Caller caller, Collection<NetworkEntity> list) {
        List<String> ids = list.stream().map(NetworkEntity::getId).toList();
        Map<String, List<String>> subnets = new HashMap<>();
        members.orderedStream().forEach(m -> subnets.putAll(m.subnetsOf(ids)));
        boolean provider = Policy.allows(caller, "get_network:provider", Policy.Target.owned(null));
        return list.stream().map(n -> {
            ObjectNode v = Json.tree(new NetworkView(n.getId(), n.name, n.getProjectId(), n.getProjectId(),
                    n.adminStateUp, n.mtu, n.status, subnets.getOrDefault(n.getId(), List.of()), n.shared,
                    n.portSecurityEnabled, n.external, n.networkType, n.physicalNetwork, n.segmentationId,
                    n.getDescription(), n.getTags(), n.createdAtText(), n.updatedAtText(), n.getRevisionNumber()));
            if (!provider) {
                NetworkView.PROVIDER.forEach(v::remove);
            }
            return v;
        }).toList();
    }

    @Override
    public String collection() {
        return "networks";
    }

    @Override
    @Transactional(readOnly = true)
    public List<String> tags(Caller caller, String id) {
        return visible(caller, id).getTags();
    }

    @Override
    @Transactional
    public List<String> replaceTags(Caller caller, String id, Set<String> tags) {
        NetworkEntity n = visible(caller, id);
        Policy.enforce(caller, "update_network", n.info().target());
        n.setTags(tags);
        networks.saveAndFlush(n);
        return n.getTags();
    }

    @Override
    public String resource() {
        return "network";
    }

    @Override
    public long count(String projectId) {
        return networks.countByProjectId(projectId);
    }
}
