package io.nubo.network.port.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.nubo.shared.api.Link;
import java.util.List;
import tools.jackson.databind.JsonNode;

/** The root wrappers of the ports API. */
public final class PortBodies {

    private PortBodies() {
    }

    public record One(JsonNode port) {
    }

    public record Many(JsonNode ports) {
    }

    public record Page(List<JsonNode> ports,
                       @JsonProperty("ports_links") @JsonInclude(JsonInclude.Include.NON_EMPTY) List<Link> links) {
    }
}
