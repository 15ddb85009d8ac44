package io.nubo.network.subnet.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.nubo.shared.api.Link;
import java.util.List;
import tools.jackson.databind.JsonNode;

/** The root wrappers of the subnets API. */
public final class SubnetBodies {

    private SubnetBodies() {
    }

    public record One(JsonNode subnet) {
    }

    public record Many(JsonNode subnets) {
    }

    public record Page(List<JsonNode> subnets,
                       @JsonProperty("subnets_links") @JsonInclude(JsonInclude.Include.NON_EMPTY) List<Link> links) {
    }
}
