package io.nubo.blockstorage.request;

import io.nubo.blockstorage.error.VolumeError;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Reading request bodies field by field, answering Cinder's 400 for every wrong shape: the one place the
 * controllers' request records turn JSON into typed values.
 */
public final class Json {

    private Json() {
    }

    /** The object under {@code key} of the body ({@code {"volume": {...}}}), or 400 as Cinder words it. */
    public static JsonNode root(JsonNode body, String key) {
        if (body == null || !body.isObject() || !body.has(key) || !body.get(key).isObject()) {
            throw VolumeError.BAD_REQUEST.exception("Missing required element '" + key + "' in request body.");
        }
        return body.get(key);
    }

    public static boolean present(JsonNode o, String key) {
        return o.has(key) && !o.get(key).isNull();
    }

    /** A string of at most {@code max} characters, or null when absent or null. */
    public static String string(JsonNode o, String key, int max) {
        if (!present(o, key)) {
            return null;
        }
        JsonNode v = o.get(key);
        if (!v.isString()) {
            throw VolumeError.INVALID_INPUT.exception(key + " must be a string.");
        }
        String s = v.asString();
        if (s.length() > max) {
            throw VolumeError.INVALID_INPUT.exception(key + " has more than " + max + " characters.");
        }
        return s;
    }

    /** A UUID-like id (Cinder checks ids as strings), or null when absent. */
    public static String id(JsonNode o, String key) {
        String s = string(o, key, 255);
        if (s != null && !s.matches("[A-Za-z0-9-]{1,64}")) {
            throw VolumeError.INVALID_INPUT.exception(key + " " + s + " is not a valid id.");
        }
        return s;
    }

    /**
     * An integer, given as a JSON integer or a string of digits (Cinder accepts {@code "size": "1"}); null when
     * absent. Anything else is 400 with {@code what} in the message.
     */
    public static Integer integer(JsonNode o, String key, String what) {
        if (!present(o, key)) {
            return null;
        }
        JsonNode v = o.get(key);
        if (v.isIntegralNumber() && v.canConvertToInt()) {
            return v.asInt();
        }
        if (v.isString() && v.asString().trim().matches("-?\\d{1,9}")) {
            return Integer.parseInt(v.asString().trim());
        }
        throw VolumeError.INVALID_INPUT.exception(what + " must be an integer, not " + v + ".");
    }

    /** A boolean, as a JSON boolean or Cinder's strings ("true", "false", "1", "0", "yes", "no"...). */
    public static Boolean bool(JsonNode o, String key) {
        if (!present(o, key)) {
            return null;
        }
        JsonNode v = o.get(key);
        if (v.isBoolean()) {
            return v.asBoolean();
        }
        if (v.isString()) {
            String s = v.asString().trim().toLowerCase(java.util.Locale.ROOT);
            if (s.matches("true|1|t|on|y|yes")) {
                return true;
            }
            if (s.matches("false|0|f|off|n|no")) {
                return false;
            }
        }
        throw VolumeError.INVALID_INPUT.exception(key + " must be a boolean, not " + v + ".");
    }

    /**
     * A string-to-string map (metadata, extra specs): keys 1 to 255 characters, values at most 255; null when absent.
     */
    public static Map<String, String> stringMap(JsonNode o, String key) {
        if (!present(o, key)) {
            return null;
        }
        JsonNode v = o.get(key);
        if (!v.isObject()) {
            throw VolumeError.INVALID_INPUT.exception(key + " must be a dictionary.");
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : v.properties()) {
            String k = e.getKey();
            if (k.isEmpty() || k.length() > 255) {
                throw VolumeError.INVALID_INPUT.exception("Metadata property key " + (k.isEmpty() ? "blank"
                        : "greater than 255 characters") + ".");
            }
            JsonNode val = e.getValue();
            if (!val.isString() && !val.isNumber() && !val.isBoolean()) {
                throw VolumeError.INVALID_INPUT.exception("Metadata property value of " + k + " must be a string.");
            }
            String s = val.isString() ? val.asString() : val.toString();
            if (s.length() > 255) {
                throw VolumeError.INVALID_INPUT.exception("Metadata property value greater than 255 characters.");
            }
            out.put(k, s);
        }
        return out;
    }

    /** The map under {@code key} of a metadata body, required: 400 when the body has none. */
    public static Map<String, String> requiredStringMap(JsonNode body, String key) {
        Map<String, String> m = body == null || !body.isObject() ? null : stringMap(body, key);
        if (m == null) {
            throw VolumeError.BAD_REQUEST.exception("Malformed request body: '" + key + "' is required.");
        }
        return m;
    }

    /** A {@code {"meta": {key: value}}} body for the item {@code key}: exactly that one key, or 400. */
    public static Map<String, String> metaItem(JsonNode body, String key) {
        Map<String, String> m = requiredStringMap(body, "meta");
        if (m.size() != 1 || !m.containsKey(key)) {
            throw VolumeError.BAD_REQUEST.exception("Request body and URI mismatch");
        }
        return m;
    }
}
