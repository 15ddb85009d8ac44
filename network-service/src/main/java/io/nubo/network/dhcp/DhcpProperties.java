package io.nubo.network.dhcp;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The DHCP role of the network service, {@code nubo.network.dhcp.*} (Neutron's DHCP agent, run in-process).
 *
 * @param enabled  serve DHCP on this machine (needs root, iproute2 and dnsmasq); off by default
 * @param stateDir each network's dnsmasq files; dnsmasq runs as nobody, so it and its parents must be searchable
 *                 by all. Only networks with a directory here are ever torn down as orphans, so two clouds on one
 *                 machine (different state directories) never remove each other's servers
 * @param resyncInterval how often every network is compared with what runs (Neutron's resync), besides the
 *                 port events that trigger a network's sync at once
 */
@ConfigurationProperties("nubo.network.dhcp")
public record DhcpProperties(
        @DefaultValue("false") boolean enabled,
        @DefaultValue("/var/lib/nubo/dhcp") Path stateDir,
        @DefaultValue("30s") Duration resyncInterval) {
}
