package io.nubo.network.firewall;

import io.nubo.network.dataplane.PortFilter;
import io.nubo.network.port.BoundPort;
import io.nubo.network.port.PortBindings;
import io.nubo.network.port.api.FixedIp;
import io.nubo.network.securitygroup.SecurityGroupRule;
import io.nubo.network.securitygroup.SecurityGroupService;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What this host's port filters should be, read from the database in one read-only transaction: every guest port
 * bound here (not the network service's own {@code network:*} ports) with port security on gets a filter from the
 * rules of its groups, each remote group filled with its members' addresses.
 */
class FirewallState {

    private final PortBindings bindings;
    private final SecurityGroupService groups;
    private final TransactionTemplate tx;
    private final String host;

    FirewallState(PortBindings bindings, SecurityGroupService groups, PlatformTransactionManager tx, String host) {
        this.bindings = bindings;
        this.groups = groups;
        this.tx = new TransactionTemplate(tx);
        this.tx.setReadOnly(true);
        this.host = host;
    }

    /** The guest ports bound to this host (filtered or not: their status is reported either way). */
    List<BoundPort> localPorts() {
        return tx.execute(s -> bindings.boundTo(host).stream().filter(FirewallState::isGuest).toList());
    }

    /** The filter of each filtered local port, by port id. */
    Map<String, PortFilter> wanted() {
        return tx.execute(s -> {
            List<BoundPort> filtered = bindings.boundTo(host).stream()
                    .filter(p -> isGuest(p) && p.portSecurityEnabled()).toList();
            Set<String> groupIds = new TreeSet<>();
            filtered.forEach(p -> groupIds.addAll(p.securityGroups()));
            List<SecurityGroupRule> rules = groups.rulesOf(groupIds);
            Set<String> remote = new TreeSet<>();
            rules.stream().map(SecurityGroupRule::remoteGroupId).filter(g -> g != null).forEach(remote::add);
            Map<String, List<String>> members = bindings.memberAddresses(remote);
            Map<String, PortFilter> out = new LinkedHashMap<>();
            for (BoundPort p : filtered) {
                List<PortFilter.Rule> own = rules.stream().filter(r -> p.securityGroups().contains(r.securityGroupId()))
                        .map(r -> new PortFilter.Rule(r.id(), r.direction(), r.ethertype(), r.protocol(),
                                r.portRangeMin(), r.portRangeMax(), r.remoteIpPrefix(), r.remoteGroupId())).toList();
                Map<String, List<String>> used = new LinkedHashMap<>();
                own.stream().map(PortFilter.Rule::remoteGroupId).filter(g -> g != null)
                        .forEach(g -> used.put(g, members.getOrDefault(g, List.of())));
                out.put(p.id(), new PortFilter(p.id(), device(p.id()), p.macAddress(),
                        p.fixedIps().stream().map(FixedIp::ipAddress).toList(),
                        p.pairs().stream().map(a -> new PortFilter.Pair(a.macAddress(), a.ipAddress())).toList(),
                        own, used));
            }
            return out;
        });
    }

    /** The tap libvirt makes for the port (Nova's name: {@code tap} and the first 11 characters of the port id). */
    static String device(String portId) {
        return "tap" + portId.substring(0, Math.min(11, portId.length()));
    }

    private static boolean isGuest(BoundPort p) {
        return !p.deviceOwner().startsWith("network:");
    }
}
