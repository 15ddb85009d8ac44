package io.nubo.network.common;

import io.nubo.network.error.NetworkError;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Neutron's bulk create: {@code {"networks": [{...}, {...}]}} creates all or none, and answers the plural key.
 * Each element is handed to the feature as a single-resource body ({@code {"network": {...}}}).
 */
public record Bulk(boolean bulk, List<JsonNode> bodies) {

    public static Bulk of(JsonNode body, String singular, String plural) {
        if (body != null && body.isObject() && body.has(plural) && !body.has(singular)) {
            JsonNode items = body.get(plural);
            if (!items.isArray() || items.isEmpty()) {
                throw NetworkError.BAD_REQUEST.exception("Resources required");
            }
            List<JsonNode> out = new ArrayList<>();
            for (JsonNode item : items) {
                ObjectNode one = Json.MAPPER.createObjectNode();
                one.set(singular, item);
                out.add(one);
            }
            return new Bulk(true, out);
        }
        return new Bulk(false, List.of(body));
    }
}
