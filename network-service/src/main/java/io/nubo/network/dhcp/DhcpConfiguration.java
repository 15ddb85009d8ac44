package io.nubo.network.dhcp;

import io.nubo.network.agent.Agents;
import io.nubo.network.dataplane.HostNetworking;
import io.nubo.network.dataplane.LinuxHostNetworking;
import io.nubo.network.network.NetworkService;
import io.nubo.network.port.PortService;
import io.nubo.network.subnet.SubnetService;
import io.nubo.shared.events.EventCodec;
import java.util.Map;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;

/** The DHCP role, on when {@code nubo.network.dhcp.enabled} is true (the all-in-one sets it when run as root). */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(DhcpProperties.class)
@ConditionalOnProperty(name = "nubo.network.dhcp.enabled", havingValue = "true")
class DhcpConfiguration {

    @Bean
    HostNetworking dhcpHostNetworking(DhcpProperties props) {
        return new LinuxHostNetworking(props.stateDir());
    }

    @Bean(destroyMethod = "stop")
    DhcpAgent dhcpAgent(HostNetworking host, NetworkService networks, SubnetService subnets, PortService ports,
                        PlatformTransactionManager tx, EventCodec codec, DhcpProperties props, Agents agents) {
        Runnable beat = agents.register("DHCP agent", "neutron-dhcp-agent", "dhcp_agent", null,
                props.resyncInterval(), Map.of("dhcp_driver", "dnsmasq", "state_dir", props.stateDir().toString()));
        return new DhcpAgent(host, new DhcpState(networks, subnets, ports, tx, props.stateDir()), codec, props, beat);
    }
}
