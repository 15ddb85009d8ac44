package io.nubo.network.port.api;

import com.fasterxml.jackson.annotation.JsonProperty;

/** An allowed address pair: traffic from this IP (or prefix) and MAC passes the port's anti-spoofing. */
public record AddressPair(@JsonProperty("ip_address") String ipAddress, @JsonProperty("mac_address") String macAddress) {
}
