package io.nubo.objectstore.metadata;

import java.util.Map;
import java.util.TreeMap;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Metadata as kept in a database column: a JSON object of header name (lower case) to value. */
public final class MetadataMap {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final TypeReference<TreeMap<String, String>> TYPE = new TypeReference<>() {
    };

    private MetadataMap() {
    }

    public static TreeMap<String, String> parse(String json) {
        if (json == null || json.isBlank()) {
            return new TreeMap<>();
        }
        return JSON.readValue(json, TYPE);
    }

    public static String write(Map<String, String> map) {
        return JSON.writeValueAsString(new TreeMap<>(map));
    }
}
