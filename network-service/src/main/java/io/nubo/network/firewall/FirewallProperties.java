package io.nubo.network.firewall;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The port firewall role of the network service, {@code nubo.network.firewall.*} (the security group part of
 * Neutron's Linux bridge agent, run in-process on the host whose taps it filters).
 *
 * @param enabled        filter the ports bound to this host (needs root, iproute2 and nftables); off by default
 * @param host           the {@code binding:host_id} whose ports are filtered here; empty: every bound port (the
 *                       all-in-one, one host)
 * @param tablePrefix    names this role's nftables tables ({@code <prefix>_<port>}, {@code <prefix>_ct}); only
 *                       tables with this prefix are ever removed, so two clouds on one host never touch each other's
 * @param resyncInterval how often every port is compared with the tables present (a missed event, a restart)
 * @param deviceInterval how often the host's bridge ports are read, to report ports ACTIVE (plugged) or DOWN
 */
@ConfigurationProperties("nubo.network.firewall")
public record FirewallProperties(
        @DefaultValue("false") boolean enabled,
        @DefaultValue("") String host,
        @DefaultValue("nubo") String tablePrefix,
        @DefaultValue("30s") Duration resyncInterval,
        @DefaultValue("1s") Duration deviceInterval) {
}
