package io.nubo.identity.directory;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Keystone's "extra" attributes: whatever a user or project is given beyond its own fields (description and
 * email of users, any other key) is kept as a JSON object and returned flat, as Keystone does.
 */
@Converter
public class ExtraAttributes implements AttributeConverter<Map<String, Object>, String> {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final TypeReference<LinkedHashMap<String, Object>> MAP = new TypeReference<>() {
    };

    @Override
    public String convertToDatabaseColumn(Map<String, Object> extra) {
        return extra == null || extra.isEmpty() ? null : JSON.writeValueAsString(extra);
    }

    @Override
    public Map<String, Object> convertToEntityAttribute(String column) {
        return column == null || column.isBlank() ? new LinkedHashMap<>() : JSON.readValue(column, MAP);
    }

    /** The stored extras with the given ones merged in; the resource's own field names are never extras. */
    public static Map<String, Object> merged(Map<String, Object> stored, Map<String, Object> given, Set<String> reserved) {
        Map<String, Object> out = new LinkedHashMap<>(stored == null ? Map.of() : stored);
        if (given != null) {
            given.forEach((k, v) -> {
                if (!reserved.contains(k)) {
                    out.put(k, v);
                }
            });
        }
        return out;
    }
}
