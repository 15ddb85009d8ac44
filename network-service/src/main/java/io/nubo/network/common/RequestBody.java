package io.nubo.network.common;

import io.nubo.network.error.NetworkError;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * One resource in a request body ({@code {"network": {...}}}) that its handler's JSON schema
 * ({@code schemas/network/*.json}, {@code @ValidatedBody}) has already checked: attribute names, types, lengths
 * and enums are right, so this only reads and converts (Neutron's converters: a boolean may be {@code "True"} or
 * {@code 1}). A missing key is "not given"; checks a schema cannot express (an address inside a prefix, a port
 * range for a protocol) stay with the resource's request record.
 */
public final class RequestBody {

    private final JsonNode node;

    private RequestBody(JsonNode node) {
        this.node = node;
    }

    /** The resource object under {@code key}. */
    public static RequestBody of(JsonNode body, String key) {
        return new RequestBody(body.get(key));
    }

    public boolean has(String name) {
        return node.has(name);
    }

    public JsonNode raw(String name) {
        return node.get(name);
    }

    /** A string attribute, or null when absent or null. */
    public String string(String name) {
        JsonNode v = node.get(name);
        return v == null || v.isNull() ? null : v.asString();
    }

    /** Neutron's convert_to_boolean, or null when absent. */
    public Boolean bool(String name) {
        JsonNode v = node.get(name);
        return v == null || v.isNull() ? null : toBoolean(v);
    }

    /** JSON booleans, and the strings/numbers true, false, 1 and 0 (the schema admits no other). */
    public static Boolean toBoolean(JsonNode v) {
        return v.isBoolean() ? v.asBoolean() : parseBoolean(v.asString());
    }

    public static Boolean parseBoolean(String s) {
        return switch (s.toLowerCase(java.util.Locale.ROOT)) {
            case "true", "1" -> true;
            case "false", "0" -> false;
            default -> null;
        };
    }

    /** Neutron's convert_to_int: an integer attribute, given as a JSON integer or a string of digits; or null. */
    public Integer integer(String name) {
        JsonNode v = node.get(name);
        if (v == null || v.isNull()) {
            return null;
        }
        return v.isString() ? Integer.valueOf(v.asString().trim()) : Integer.valueOf(v.asInt());
    }

    /** A list of strings, or null when absent (an explicit null is an empty list). */
    public List<String> strings(String name) {
        JsonNode v = node.get(name);
        if (v == null) {
            return null;
        }
        List<String> out = new ArrayList<>();
        v.forEach(e -> out.add(e.asString()));
        return out;
    }

    /** A list of objects, or null when absent (an explicit null is an empty list). */
    public List<JsonNode> objects(String name) {
        JsonNode v = node.get(name);
        if (v == null) {
            return null;
        }
        List<JsonNode> out = new ArrayList<>();
        v.forEach(out::add);
        return out;
    }

    /** The project the body names ({@code project_id} or the older {@code tenant_id}; both must agree). */
    public String project() {
        String p = string("project_id");
        String t = string("tenant_id");
        if (p != null && t != null && !p.equals(t)) {
            throw NetworkError.BAD_REQUEST.exception("'project_id' and 'tenant_id' do not match");
        }
        return p != null ? p : t;
    }

    /** Neutron's attribute validation failure: "Invalid input for name. Reason: ...". */
    public static RuntimeException invalid(String attribute, String reason) {
        return NetworkError.INVALID_ATTRIBUTE.exception(attribute, reason);
    }
}
