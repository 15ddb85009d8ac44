package io.nubo.network.l3;

import io.nubo.network.dataplane.RouterSpec;
import io.nubo.network.floatingip.FloatingIpService;
import io.nubo.network.network.NetworkService;
import io.nubo.network.port.PortInfo;
import io.nubo.network.port.PortService;
import io.nubo.network.port.api.FixedIp;
import io.nubo.network.router.RouterLayout;
import io.nubo.network.router.RouterService;
import io.nubo.network.subnet.SubnetInfo;
import io.nubo.network.subnet.SubnetService;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What every router should be on the network node, read in one read-only transaction: each interface port's first
 * IPv4 address with its subnet's prefix, the gateway port's with the external subnet's gateway as the default
 * route, SNAT, and the router's associated floating IPs. A router that is administratively down is not built.
 */
class RouterState {

    private final RouterService routers;
    private final PortService ports;
    private final SubnetService subnets;
    private final NetworkService networks;
    private final FloatingIpService floatingIps;
    private final TransactionTemplate tx;

    RouterState(RouterService routers, PortService ports, SubnetService subnets, NetworkService networks,
                FloatingIpService floatingIps, PlatformTransactionManager tx) {
        this.routers = routers;
        this.ports = ports;
        this.subnets = subnets;
        this.networks = networks;
        this.floatingIps = floatingIps;
        this.tx = new TransactionTemplate(tx);
        this.tx.setReadOnly(true);
    }

    Map<String, RouterSpec> wanted() {
        return tx.execute(s -> {
            Map<String, RouterSpec> out = new LinkedHashMap<>();
            for (RouterLayout r : routers.layouts()) {
                if (!r.adminStateUp()) {
                    continue;
                }
                List<RouterSpec.Interface> interfaces = new ArrayList<>();
                r.interfaces().forEach(p -> iface(p).ifPresent(i -> interfaces.add(i.port())));
                RouterSpec.Gateway gateway = r.gatewayPortId() == null ? null : ports.get(r.gatewayPortId())
                        .flatMap(this::iface).map(i -> new RouterSpec.Gateway(i.port(), i.subnet().gatewayIp()))
                        .orElse(null);
                List<RouterSpec.FloatingIp> fips = new ArrayList<>();
                if (gateway != null) {
                    floatingIps.translationsOf(r.id()).forEach((f, fixed) -> fips.add(new RouterSpec.FloatingIp(f,
                            fixed)));
                }
                out.put(r.id(), new RouterSpec(r.id(), interfaces, gateway, r.enableSnat(), fips));
            }
            return out;
        });
    }

    private record Placed(RouterSpec.Interface port, SubnetInfo subnet) {
    }

    private Optional<Placed> iface(PortInfo p) {
        List<SubnetInfo> onNetwork = subnets.onNetwork(p.networkId());
        for (FixedIp ip : p.fixedIps()) {
            Optional<SubnetInfo> subnet = onNetwork.stream().filter(x -> x.id().equals(ip.subnetId())
                    && x.ipVersion() == 4).findFirst();
            if (subnet.isPresent()) {
                String cidr = subnet.get().cidr();
                int mtu = networks.get(p.networkId()).map(n -> n.mtu() > 0 ? n.mtu() : 1500).orElse(1500);
                return Optional.of(new Placed(new RouterSpec.Interface(p.id(), p.networkId(), p.macAddress(),
                        ip.ipAddress() + cidr.substring(cidr.indexOf('/')), mtu), subnet.get()));
            }
        }
        return Optional.empty();
    }
}
