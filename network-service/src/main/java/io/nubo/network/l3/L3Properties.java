package io.nubo.network.l3;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The L3 role of the network service, {@code nubo.network.l3.*} (Neutron's L3 agent, run in-process on the network
 * node, which in the all-in-one is the one host).
 *
 * @param enabled        build the routers here (needs root, iproute2 and nftables); off by default
 * @param resyncInterval how often every router is built again from the database (a missed event)
 */
@ConfigurationProperties("nubo.network.l3")
public record L3Properties(@DefaultValue("false") boolean enabled, @DefaultValue("30s") Duration resyncInterval) {
}
