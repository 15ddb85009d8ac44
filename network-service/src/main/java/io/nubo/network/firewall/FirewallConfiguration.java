package io.nubo.network.firewall;

import io.nubo.network.agent.Agents;
import io.nubo.network.dataplane.LinuxHostNetworking;
import io.nubo.network.dataplane.NftPortFirewall;
import io.nubo.network.port.PortBindings;
import io.nubo.network.securitygroup.SecurityGroupService;
import io.nubo.shared.events.EventCodec;
import java.nio.file.Path;
import java.util.Map;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;

/** The port firewall role, on when {@code nubo.network.firewall.enabled} is true (the all-in-one sets it as root). */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(FirewallProperties.class)
@ConditionalOnProperty(name = "nubo.network.firewall.enabled", havingValue = "true")
class FirewallConfiguration {

    @Bean(destroyMethod = "stop")
    FirewallAgent portFirewallAgent(PortBindings bindings, SecurityGroupService groups, PlatformTransactionManager tx,
                                    EventCodec codec, FirewallProperties props, Agents agents) {
        Runnable beat = agents.register("Linux bridge agent", "neutron-linuxbridge-agent", "N/A", props.host(),
                props.resyncInterval(), Map.of("firewall_driver", "nftables", "table_prefix", props.tablePrefix()));
        // its own HostNetworking: it only reads which devices are on which bridge (no state directory is written)
        return new FirewallAgent(new NftPortFirewall(props.tablePrefix()),
                new LinuxHostNetworking(Path.of("/nonexistent")), new FirewallState(bindings, groups, tx,
                props.host()), bindings, codec, props, beat);
    }
}
