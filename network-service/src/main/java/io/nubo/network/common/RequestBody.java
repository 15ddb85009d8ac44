package io.nubo.network.common;

import io.nubo.network.error.NetworkError;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import tools.jackson.databind.JsonNode;

/**
 * One resource in a request body ({@code {"network": {...}}}), read the way Neutron's attribute validators read it:
 * a missing key is "not given", a wrong type is a 400, and a key the resource does not have is a 400
 * ("Unrecognized attribute(s)"). Every request check of a resource goes through its own request record, which
 * uses this reader.
 */
public final class RequestBody {

    private final JsonNode node;

    private RequestBody(JsonNode node) {
        this.node = node;
    }

    /** The resource object under {@code key}, with only {@code allowed} attributes. */
    public static RequestBody of(JsonNode body, String key, Set<String> allowed) {
        if (body == null || !body.isObject() || !body.has(key) || !body.get(key).isObject()) {
            throw NetworkError.BAD_REQUEST.exception("Resource body required");
        }
        JsonNode node = body.get(key);
        Set<String> unknown = new TreeSet<>();
        for (String name : node.propertyNames()) {
            if (!allowed.contains(name)) {
                unknown.add(name);
            }
        }
        if (!unknown.isEmpty()) {
            throw NetworkError.UNRECOGNIZED_ATTRIBUTE.exception(String.join(", ", unknown));
        }
        return new RequestBody(node);
    }

    public boolean has(String name) {
        return node.has(name);
    }

    public boolean isNull(String name) {
        return node.has(name) && node.get(name).isNull();
    }

    public JsonNode raw(String name) {
        return node.get(name);
    }

    /** A string attribute, or null when absent or null; {@code maxLength} as Neutron's name/description limit. */
    public String string(String name, int maxLength) {
        JsonNode v = node.get(name);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isString()) {
            throw invalid(name, "'" + v + "' is not a valid string");
        }
        String s = v.asString();
        if (s.length() > maxLength) {
            throw invalid(name, "'" + s + "' exceeds maximum length of " + maxLength);
        }
        return s;
    }

    /** Neutron's convert_to_boolean: JSON booleans, and the strings/numbers true, false, 1 and 0. */
    public Boolean bool(String name) {
        JsonNode v = node.get(name);
        if (v == null) {
            return null;
        }
        Boolean b = toBoolean(v);
        if (b == null) {
            throw invalid(name, "'" + v + "' cannot be converted to boolean");
        }
        return b;
    }

    public static Boolean toBoolean(JsonNode v) {
        if (v.isBoolean()) {
            return v.asBoolean();
        }
        if (v.isString() || v.isIntegralNumber()) {
            return parseBoolean(v.asString());
        }
        return null;
    }

    public static Boolean parseBoolean(String s) {
        return switch (s.toLowerCase(java.util.Locale.ROOT)) {
            case "true", "1" -> true;
            case "false", "0" -> false;
            default -> null;
        };
    }

    /** An integer attribute (a JSON number or a numeric string, as Neutron converts), or null. */
    public Integer integer(String name) {
        JsonNode v = node.get(name);
        if (v == null || v.isNull()) {
            return null;
        }
        if (v.isIntegralNumber() && v.canConvertToInt()) {
            return v.asInt();
        }
        if (v.isString()) {
            try {
                return Integer.parseInt(v.asString().trim());
            } catch (NumberFormatException e) {
                // the message below
            }
        }
        throw invalid(name, "'" + v + "' is not an integer");
    }

    /** A list of strings, or null when absent. */
    public List<String> strings(String name) {
        JsonNode v = node.get(name);
        if (v == null || v.isNull()) {
            return v == null ? null : List.of();
        }
        if (!v.isArray()) {
            throw invalid(name, "'" + v + "' is not a list");
        }
        List<String> out = new ArrayList<>();
        for (JsonNode e : v) {
            if (!e.isString()) {
                throw invalid(name, "'" + e + "' is not a valid string");
            }
            out.add(e.asString());
        }
        return out;
    }

    /** A list of objects, or null when absent (an explicit null is an empty list). */
    public List<JsonNode> objects(String name) {
        JsonNode v = node.get(name);
        if (v == null) {
            return null;
        }
        if (v.isNull()) {
            return List.of();
        }
        if (!v.isArray()) {
            throw invalid(name, "'" + v + "' is not a list");
        }
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode e : v) {
            if (!e.isObject()) {
                throw invalid(name, "'" + e + "' is not a dictionary");
            }
            out.add(e);
        }
        return out;
    }

    /** The project the body names ({@code project_id} or the older {@code tenant_id}; both must agree). */
    public String project() {
        String p = string("project_id", 255);
        String t = string("tenant_id", 255);
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
