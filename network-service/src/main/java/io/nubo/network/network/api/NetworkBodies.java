package io.nubo.network.network.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.nubo.shared.api.Link;
import java.util.List;
import tools.jackson.databind.JsonNode;

/** The root wrappers of the networks API. */
public final class NetworkBodies {

    private NetworkBodies() {
    }

    public record One(JsonNode network) {
    }

    public record Many(JsonNode networks) {
    }

    public record Page(List<JsonNode> networks,
                       @JsonProperty("networks_links") @JsonInclude(JsonInclude.Include.NON_EMPTY) List<Link> links) {
    }
}
