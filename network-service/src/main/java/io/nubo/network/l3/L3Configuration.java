package io.nubo.network.l3;

import io.nubo.network.agent.Agents;
import io.nubo.network.dataplane.LinuxHostNetworking;
import io.nubo.network.dataplane.RouterNetworking;
import io.nubo.network.floatingip.FloatingIpService;
import io.nubo.network.network.NetworkService;
import io.nubo.network.port.PortService;
import io.nubo.network.router.RouterService;
import io.nubo.network.subnet.SubnetService;
import io.nubo.shared.events.EventCodec;
import java.nio.file.Path;
import java.util.Map;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;

/** The L3 role, on when {@code nubo.network.l3.enabled} is true (the all-in-one sets it as root with nftables). */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(L3Properties.class)
@ConditionalOnProperty(name = "nubo.network.l3.enabled", havingValue = "true")
class L3Configuration {

    @Bean(destroyMethod = "stop")
    L3Agent l3Agent(RouterService routers, PortService ports, SubnetService subnets, NetworkService networks,
                    FloatingIpService floatingIps, PlatformTransactionManager tx, EventCodec codec, L3Properties props,
                    Agents agents) {
        Runnable beat = agents.register("L3 agent", "neutron-l3-agent", "l3_agent", null, props.resyncInterval(),
                Map.of("agent_mode", "legacy", "router_namespaces", true));
        // bridges only (ensureNetwork/plug): no DHCP state directory is written
        return new L3Agent(new RouterNetworking(new LinuxHostNetworking(Path.of("/nonexistent"))),
                new RouterState(routers, ports, subnets, networks, floatingIps, tx), codec, props, beat);
    }
}
