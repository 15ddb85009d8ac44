package io.nubo.network.port;

import io.nubo.network.port.api.AddressPair;
import io.nubo.network.port.api.FixedIp;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What hosts need of the ports bound to them (Neutron's agent RPC: get_devices_details, security_group_info_for_
 * devices, update_device_up/down): the bound ports with their filtering attributes, the addresses of a security
 * group's members (remote groups), and the status a host reports when it plugs or unplugs a port's device.
 */
@Service
public class PortBindings {

    /** The status transitions a host may report: plugged, unplugged (as data, each compare-and-swap). */
    static final Map<String, Set<String>> TRANSITIONS = Map.of("DOWN", Set.of("ACTIVE"), "ACTIVE", Set.of("DOWN"));

    private final PortRepository ports;
    private final io.nubo.network.ipam.IpAllocator ipam;

    PortBindings(PortRepository ports, io.nubo.network.ipam.IpAllocator ipam) {
        this.ports = ports;
        this.ipam = ipam;
    }

    /** The ports bound to the host (every bound port when host is null or empty). */
    @Transactional(readOnly = true)
    public List<BoundPort> boundTo(String host) {
        List<PortEntity> list = host == null || host.isEmpty() ? ports.findByHostIdNot("") : ports.findByHostId(host);
        Map<String, List<FixedIp>> ips = fixedIps(list.stream().map(PortEntity::getId).toList());
        return list.stream().map(p -> new BoundPort(p.getId(), p.networkId, p.macAddress, p.deviceOwner, p.hostId,
                p.adminStateUp, p.portSecurityEnabled, ips.getOrDefault(p.getId(), List.of()), pairs(p),
                p.portSecurityEnabled ? p.groups() : List.of(), p.status)).toList();
    }

    /**
     * For each group, the addresses its member ports may send from (fixed IPs and allowed address pairs), whatever
     * host they are on: what a rule with that remote group admits.
     */
    @Transactional(readOnly = true)
    public Map<String, List<String>> memberAddresses(Collection<String> groupIds) {
        Map<String, List<String>> out = new TreeMap<>();
        groupIds.forEach(g -> out.put(g, new java.util.ArrayList<>()));
        if (groupIds.isEmpty()) {
            return out;
        }
        List<PortEntity> members = ports.inGroups(groupIds);
        Map<String, List<FixedIp>> ips = fixedIps(members.stream().map(PortEntity::getId).toList());
        for (PortEntity p : members) {
            if (!p.portSecurityEnabled) {
                continue;
            }
            for (String g : p.securityGroups) {
                List<String> addresses = out.get(g);
                if (addresses != null) {
                    ips.getOrDefault(p.getId(), List.of()).forEach(f -> addresses.add(f.ipAddress()));
                    p.pairs().forEach(a -> addresses.add(a.ipAddress()));
                }
            }
        }
        return out;
    }

    /**
     * The host plugged ({@code ACTIVE}) or unplugged ({@code DOWN}) the port's device: changes the status only
     * from the state it was read in (compare-and-swap through the row's version), and only along
     * {@link #TRANSITIONS}. Returns whether it changed.
     */
    @Transactional
    public boolean reportStatus(String portId, String from, String to) {
        if (!TRANSITIONS.getOrDefault(from, Set.of()).contains(to)) {
            return false;
        }
        PortEntity p = ports.findById(portId).orElse(null);
        if (p == null || !from.equals(p.status)) {
            return false;
        }
        p.status = to;
        p.touch();
        ports.saveAndFlush(p); // the version check makes a concurrent change win, this report is then retried
        return true;
    }

    private static List<AddressPair> pairs(PortEntity p) {
        return p.pairs().stream().map(a -> new AddressPair(a.ipAddress(),
                a.macAddress() == null ? p.macAddress : a.macAddress())).toList();
    }

    private Map<String, List<FixedIp>> fixedIps(Collection<String> portIds) {
        Map<String, List<FixedIp>> out = new LinkedHashMap<>();
        ipam.ofPorts(portIds).forEach((port, list) -> out.put(port,
                list.stream().map(a -> new FixedIp(a.subnetId(), a.ipAddress())).toList()));
        return out;
    }
}
