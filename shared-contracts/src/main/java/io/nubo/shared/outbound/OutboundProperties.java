package io.nubo.shared.outbound;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * What a service may fetch when a user hands it a URL (image web-download and locations, and whatever comes
 * next). By default only http(s) on ports 80 and 443 to public addresses: never loopback, link-local, private,
 * shared, multicast or reserved ranges, nor the machine's own addresses (as Glance's allowed_ports and
 * disallowed hosts do by default).
 *
 * @param allowedSchemes  URL schemes that may be fetched
 * @param allowedPorts    ports that may be fetched on public addresses
 * @param allowedNetworks address ranges the operator opts in to (CIDR), on any port: e.g. an internal mirror, or
 *                        the conformance run's loopback file server ({@code 127.0.0.1/32})
 * @param deniedNetworks  further ranges never fetched (e.g. the cloud's public range)
 * @param deniedHosts     host names never fetched, compared without case
 */
@ConfigurationProperties("nubo.outbound")
public record OutboundProperties(@DefaultValue({"http", "https"}) List<String> allowedSchemes,
                                 @DefaultValue({"80", "443"}) List<Integer> allowedPorts,
                                 @DefaultValue({}) List<String> allowedNetworks,
                                 @DefaultValue({}) List<String> deniedNetworks,
                                 @DefaultValue({}) List<String> deniedHosts) {
}
