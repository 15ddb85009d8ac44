package io.nubo.blockstorage.request;

import io.nubo.blockstorage.error.VolumeError;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Reading request bodies that their handler's JSON schema ({@code schemas/block-storage/*.json},
 * {@code @ValidatedBody}) has already checked: member names, types, lengths and enums are right, so this only
 * reads and converts as Cinder does ({@code "size": "1"}, {@code "bootable": "yes"}). Checks a schema cannot
 * express (a metadata key that must match the URI) stay here.
 */
public final class Json {

    private Json() {
    }

    /** The object under {@code key} of the body ({@code {"volume": {...}}}), which the schema requires. */
    public static JsonNode root(JsonNode body, String key) {
        return body.get(key);
    }

    public static boolean present(JsonNode o, String key) {
        return o.has(key) && !o.get(key).isNull();
    }

    /** A string, or null when absent or null. */
    public static String string(JsonNode o, String key) {
        return present(o, key) ? o.get(key).asString() : null;
    }

    /** An integer given as a JSON integer or a string of digits (the schema admits no other); null when absent. */
    public static Integer integer(JsonNode o, String key) {
        if (!present(o, key)) {
            return null;
        }
        JsonNode v = o.get(key);
        return v.isString() ? Integer.valueOf(v.asString().trim()) : Integer.valueOf(v.asInt());
    }

    /** Cinder's boolean: a JSON boolean or one of its strings ("true", "1", "yes", "on", "t", "y"...); null when absent. */
    public static Boolean bool(JsonNode o, String key) {
        if (!present(o, key)) {
            return null;
        }
        JsonNode v = o.get(key);
        return v.isBoolean() ? v.asBoolean() : v.asString().toLowerCase(java.util.Locale.ROOT).matches("true|1|t|on|y|yes");
    }

    /** A string-to-string map (metadata, extra specs), or null when absent. */
    public static Map<String, String> stringMap(JsonNode o, String key) {
        if (!present(o, key)) {
            return null;
        }
        Map<String, String> out = new LinkedHashMap<>();
        o.get(key).properties().forEach(e -> out.put(e.getKey(), e.getValue().asString()));
        return out;
    }

    /** A {@code {"meta": {key: value}}} body for the item {@code key}: that one key, or 400. */
    public static Map<String, String> metaItem(JsonNode body, String key) {
        return oneItem(stringMap(body, "meta"), key);
    }

    /** A map of exactly one item, which must be {@code key} (the item the URI names). */
    public static Map<String, String> oneItem(Map<String, String> m, String key) {
        if (!m.containsKey(key)) {
            throw VolumeError.BAD_REQUEST.exception("Request body and URI mismatch");
        }
        return m;
    }
}
