package io.nubo.compute.network;

import com.fasterxml.jackson.annotation.JsonProperty;

/** One address in a server's {@code addresses} (Nova's view with the OS-EXT-IPS and OS-EXT-IPS-MAC attributes). */
public record FixedAddress(
        @JsonProperty("addr") String addr,
        @JsonProperty("version") int version,
        @JsonProperty("OS-EXT-IPS:type") String type,
        @JsonProperty("OS-EXT-IPS-MAC:mac_addr") String macAddr) {
}
