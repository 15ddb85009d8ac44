package io.nubo.network.subnet.api;

import com.fasterxml.jackson.annotation.JsonProperty;

/** A subnet's host route, handed to guests by DHCP. */
public record HostRoute(@JsonProperty("destination") String destination, @JsonProperty("nexthop") String nexthop) {
}
