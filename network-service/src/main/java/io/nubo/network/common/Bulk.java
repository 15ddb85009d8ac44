package io.nubo.network.common;

import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Neutron's bulk create: {@code {"networks": [{...}, {...}]}} creates all or none, and answers the plural key.
 * Each element is handed to the feature as a single-resource body ({@code {"network": {...}}}). The create schema
 * has checked that one of the two keys is there, and that the list is not empty.
 */
public record Bulk(boolean bulk, List<JsonNode> bodies) {

    public static Bulk of(JsonNode body, String singular, String plural) {
        if (!body.has(singular)) {
            List<JsonNode> out = new ArrayList<>();
            for (JsonNode item : body.get(plural)) {
                ObjectNode one = Json.MAPPER.createObjectNode();
                one.set(singular, item);
                out.add(one);
            }
            return new Bulk(true, out);
        }
        return new Bulk(false, List.of(body));
    }
}
