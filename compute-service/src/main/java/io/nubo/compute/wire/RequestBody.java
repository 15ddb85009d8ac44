package io.nubo.compute.wire;

import io.nubo.compute.error.ComputeError;
import io.nubo.compute.error.ComputeException;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * Reads a request body the way Nova's JSON schemas check it: the wrapper object, types, bounds and patterns, and
 * no properties the schema does not name. Each API's request checks sit in one place that uses these readers, so
 * that they move onto shared JSON-schema validation mechanically.
 */
public final class RequestBody {

    private final JsonNode node;
    private final String path;

    private RequestBody(JsonNode node, String path) {
        this.node = node;
        this.path = path;
    }

    /** The object under {@code wrapper} ({@code {"flavor": {...}}}), with only the {@code allowed} properties. */
    public static RequestBody wrapped(JsonNode body, String wrapper, Set<String> allowed) {
        if (body == null || !body.isObject()) {
            throw ComputeError.BAD_REQUEST.exception("The request body must be a JSON object.");
        }
        JsonNode inner = body.get(wrapper);
        if (inner == null) {
            throw ComputeError.BAD_REQUEST.exception("Invalid input for field/attribute " + wrapper
                    + ". Value: None. '" + wrapper + "' is a required property");
        }
        return new RequestBody(body, "").object(wrapper, allowed);
    }

    public static RequestBody of(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw ComputeError.BAD_REQUEST.exception("The request body must be a JSON object.");
        }
        return new RequestBody(body, "");
    }

    public JsonNode raw() {
        return node;
    }

    public boolean has(String field) {
        return node.has(field);
    }

    public boolean isNull(String field) {
        return !node.has(field) || node.get(field).isNull();
    }

    private String name(String field) {
        return path.isEmpty() ? field : path + "/" + field;
    }

    public ComputeException invalid(String field, Object value, String why) {
        return ComputeError.INVALID_INPUT.exception(name(field), value, why);
    }

    /** Nova's {@code additionalProperties: false} at the top of a body: only {@code allowed} fields. */
    public RequestBody only(Set<String> allowed) {
        for (Iterator<String> it = node.propertyNames().iterator(); it.hasNext(); ) {
            String k = it.next();
            if (!allowed.contains(k)) {
                throw ComputeError.BAD_REQUEST.exception("Invalid input for field/attribute . Additional properties"
                        + " are not allowed ('" + k + "' was unexpected)");
            }
        }
        return this;
    }

    public RequestBody object(String field, Set<String> allowed) {
        JsonNode v = node.get(field);
        if (v == null || !v.isObject()) {
            throw invalid(field, v, "Must be an object.");
        }
        if (allowed != null) {
            for (Iterator<String> it = v.propertyNames().iterator(); it.hasNext(); ) {
                String k = it.next();
                if (!allowed.contains(k)) {
                    throw ComputeError.BAD_REQUEST.exception("Invalid input for field/attribute " + name(field)
                            + ". Additional properties are not allowed ('" + k + "' was unexpected)");
                }
            }
        }
        return new RequestBody(v, name(field));
    }

    /** A required or optional string (null when absent and optional). */
    public String string(String field, boolean required, int min, int max, Pattern pattern) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            if (required) {
                throw invalid(field, "None", "'" + field + "' is a required property");
            }
            return null;
        }
        if (!v.isString()) {
            throw invalid(field, v, v + " is not of type 'string'");
        }
        String s = v.asString();
        if (s.length() < min || s.length() > max) {
            throw invalid(field, s, "Length must be between " + min + " and " + max + ".");
        }
        if (pattern != null && !pattern.matcher(s).matches()) {
            throw invalid(field, s, "Does not match " + pattern.pattern());
        }
        return s;
    }

    public boolean isNumber(String field) {
        JsonNode v = node.get(field);
        return v != null && v.isNumber();
    }

    /** A number field as its text, as Nova's {@code str()} of it: {@code 7}, {@code 1.5}. */
    public String numberText(String field) {
        JsonNode v = node.get(field);
        return v.isIntegralNumber() ? v.bigIntegerValue().toString() : v.asString();
    }

    /** An integer, also given as a string of digits as Nova's parameter_types accept; null when absent. */
    public Integer integer(String field, boolean required, long min, long max) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            if (required) {
                throw invalid(field, "None", "'" + field + "' is a required property");
            }
            return null;
        }
        long n;
        if (v.isIntegralNumber() && v.canConvertToLong()) {
            n = v.asLong();
        } else if (v.isString() && v.asString().trim().matches("-?\\d{1,18}")) {
            n = Long.parseLong(v.asString().trim());
        } else {
            throw invalid(field, v, v + " is not of type 'integer', 'string'");
        }
        if (n < min || n > max) {
            throw invalid(field, v, v + " is out of range [" + min + ", " + max + "]");
        }
        return (int) n;
    }

    public Boolean bool(String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (v.isBoolean()) {
            return v.asBoolean();
        }
        if (v.isString()) {
            String s = v.asString().toLowerCase(java.util.Locale.ROOT);
            if (Set.of("true", "1", "yes", "on", "t", "y").contains(s)) {
                return true;
            }
            if (Set.of("false", "0", "no", "off", "f", "n").contains(s)) {
                return false;
            }
        }
        throw invalid(field, v, v + " is not of type 'boolean', 'string'");
    }

    public Double number(String field, double minExclusive, double max) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        double d;
        if (v.isNumber()) {
            d = v.asDouble();
        } else if (v.isString()) {
            try {
                d = Double.parseDouble(v.asString());
            } catch (NumberFormatException e) {
                throw invalid(field, v, v + " is not of type 'number', 'string'");
            }
        } else {
            throw invalid(field, v, v + " is not of type 'number', 'string'");
        }
        if (!(d > minExclusive) || d > max) {
            throw invalid(field, v, v + " is out of range");
        }
        return d;
    }

    /** A map of string keys to string values (metadata, extra specs), each key and value 1..255 / 0..255 chars. */
    public Map<String, String> stringMap(String field, Pattern keyPattern) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isObject()) {
            throw invalid(field, v, "Must be an object.");
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : v.properties()) {
            String k = e.getKey();
            if (k.isEmpty() || k.length() > 255 || (keyPattern != null && !keyPattern.matcher(k).matches())) {
                throw invalid(field, k, "Invalid key " + k);
            }
            JsonNode val = e.getValue();
            if (!val.isString() || val.asString().length() > 255) {
                throw invalid(field + "/" + k, val, "Values must be strings of at most 255 characters.");
            }
            out.put(k, val.asString());
        }
        return out;
    }
}
