package io.nubo.network.ipam;

import com.fasterxml.jackson.annotation.JsonProperty;

/** An allocation pool of a subnet, {@code {"start": ..., "end": ...}}, both inclusive. */
public record AllocationPool(@JsonProperty("start") String start, @JsonProperty("end") String end) {
}
