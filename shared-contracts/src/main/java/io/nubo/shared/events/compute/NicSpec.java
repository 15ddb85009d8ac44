package io.nubo.shared.events.compute;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * One virtual NIC: a network port bound to this instance. {@code binding} carries what the network service's data
 * plane needs on the host (for example the bridge name and the filter reference); keys are documented by the
 * network service.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record NicSpec(
        @JsonProperty("port_id") String portId,
        @JsonProperty("network_id") String networkId,
        @JsonProperty("mac_address") String macAddress,
        @JsonProperty("mtu") int mtu,
        @JsonProperty("fixed_ips") List<FixedIp> fixedIps,
        @JsonProperty("binding") Map<String, String> binding) {

    /** An address of the port, with what a guest's network_data.json needs to configure it. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record FixedIp(
            @JsonProperty("subnet_id") String subnetId,
            @JsonProperty("ip_address") String ipAddress,
            @JsonProperty("cidr") String cidr,
            @JsonProperty("gateway_ip") String gatewayIp,
            @JsonProperty("dns_nameservers") List<String> dnsNameservers,
            @JsonProperty("enable_dhcp") boolean enableDhcp,
            @JsonProperty("ipv6_address_mode") String ipv6AddressMode) {

        /** An address on a subnet without DHCP and without an IPv6 address mode (the guest sets it statically). */
        public FixedIp(String subnetId, String ipAddress, String cidr, String gatewayIp,
                       List<String> dnsNameservers) {
            this(subnetId, ipAddress, cidr, gatewayIp, dnsNameservers, false, null);
        }
    }
}
