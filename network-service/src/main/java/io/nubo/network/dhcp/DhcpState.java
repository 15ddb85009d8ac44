package io.nubo.network.dhcp;

import io.nubo.network.dataplane.HostNetworking.DhcpHost;
import io.nubo.network.dataplane.HostNetworking.DhcpSubnet;
import io.nubo.network.network.NetworkInfo;
import io.nubo.network.network.NetworkService;
import io.nubo.network.port.PortInfo;
import io.nubo.network.port.PortService;
import io.nubo.network.port.api.FixedIp;
import io.nubo.network.subnet.SubnetInfo;
import io.nubo.network.subnet.SubnetService;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What a network's DHCP server should be, read from the database in one read-only transaction: the first IPv4
 * subnet with DHCP enabled that holds a {@code network:dhcp} port (its address is the server's), and a static lease
 * for every bound port on the network (host set, not one of the network service's own, admin state up).
 */
class DhcpState {

    /** The server one network wants. */
    record Wanted(DhcpSubnet subnet, List<DhcpHost> hosts) {
    }

    private final NetworkService networks;
    private final SubnetService subnets;
    private final PortService ports;
    private final TransactionTemplate tx;
    private final Path stateDir;

    DhcpState(NetworkService networks, SubnetService subnets, PortService ports, PlatformTransactionManager tx,
              Path stateDir) {
        this.networks = networks;
        this.subnets = subnets;
        this.ports = ports;
        this.tx = new TransactionTemplate(tx);
        this.tx.setReadOnly(true);
        this.stateDir = stateDir;
    }

    Optional<Wanted> wanted(String networkId) {
        return tx.execute(s -> {
            NetworkInfo network = networks.get(networkId).orElse(null);
            if (network == null) {
                return Optional.<Wanted>empty();
            }
            List<PortInfo> onNetwork = ports.onNetwork(networkId);
            for (SubnetInfo subnet : subnets.onNetwork(networkId)) {
                if (!subnet.enableDhcp() || subnet.ipVersion() != 4) {
                    continue;
                }
                Optional<String> server = onNetwork.stream()
                        .filter(p -> PortService.DHCP_OWNER.equals(p.deviceOwner()))
                        .flatMap(p -> addressOn(p, subnet)).findFirst();
                if (server.isEmpty()) {
                    continue;
                }
                List<DhcpHost> hosts = new ArrayList<>();
                for (PortInfo p : onNetwork) {
                    if (p.hostId() != null && !p.hostId().isEmpty() && p.adminStateUp()
                            && !p.deviceOwner().startsWith("network:")) {
                        addressOn(p, subnet).forEach(ip -> hosts.add(new DhcpHost(p.macAddress(), ip)));
                    }
                }
                return Optional.of(new Wanted(new DhcpSubnet(subnet.cidr(), server.get(), subnet.gatewayIp(),
                        subnet.dnsNameservers() == null ? List.of() : subnet.dnsNameservers(),
                        network.mtu() > 0 ? network.mtu() : 1500), hosts));
            }
            return Optional.<Wanted>empty();
        });
    }

    private static Stream<String> addressOn(PortInfo p, SubnetInfo subnet) {
        return p.fixedIps().stream().filter(f -> subnet.id().equals(f.subnetId())).map(FixedIp::ipAddress);
    }

    /** The networks that hold a DHCP port, so should have a server. */
    List<String> servedNetworks() {
        return tx.execute(s -> ports.networksWithDeviceOwner(PortService.DHCP_OWNER));
    }

    /** Whether this agent has state for the network (so a teardown is its to do). */
    boolean known(String networkId) {
        return Files.isDirectory(stateDir.resolve(networkId));
    }

    /** The networks this agent keeps state for (never another cloud's: their state lives elsewhere). */
    List<String> localNetworks() {
        if (!Files.isDirectory(stateDir)) {
            return List.of();
        }
        try (Stream<Path> dirs = Files.list(stateDir)) {
            return dirs.filter(Files::isDirectory).map(d -> d.getFileName().toString()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
