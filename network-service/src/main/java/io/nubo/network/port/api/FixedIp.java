package io.nubo.network.port.api;

import com.fasterxml.jackson.annotation.JsonProperty;

/** A port's fixed IP. */
public record FixedIp(@JsonProperty("subnet_id") String subnetId, @JsonProperty("ip_address") String ipAddress) {
}
