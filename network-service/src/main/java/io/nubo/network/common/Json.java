package io.nubo.network.common;

import java.util.List;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** The one JSON mapper of the service's own columns (small ordered lists kept as JSON text) and views. */
public final class Json {

    public static final JsonMapper MAPPER = JsonMapper.builder().build();

    private Json() {
    }

    public static String write(Object value) {
        return MAPPER.writeValueAsString(value);
    }

    public static <T> List<T> readList(String text, Class<T> element) {
        if (text == null || text.isBlank()) {
            return List.of();
        }
        return MAPPER.readValue(text, MAPPER.getTypeFactory().constructCollectionType(List.class, element));
    }

    public static <T> T read(String text, TypeReference<T> type) {
        return MAPPER.readValue(text, type);
    }

    public static ObjectNode tree(Object view) {
        return (ObjectNode) MAPPER.valueToTree(view);
    }

    public static JsonNode node(Object value) {
        return MAPPER.valueToTree(value);
    }
}
