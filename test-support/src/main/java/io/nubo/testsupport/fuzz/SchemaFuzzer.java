package io.nubo.testsupport.fuzz;

import io.nubo.shared.validation.RequestSchemas;
import io.nubo.shared.validation.RequestValidationException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Generates request bodies from a request schema: one valid body (every property the schema names, values from
 * {@code examples}, {@code enum}, {@code const} or the type's bounds), then variants that break one field at a
 * time (wrong types, over-long, empty and hostile strings, NUL, invalid UTF-8, unknown and missing members,
 * repeated array items) and seeded random combinations of those. A schema whose generated body does not satisfy
 * the schema itself fails here, with the path to give an {@code examples} value.
 */
public final class SchemaFuzzer {

    /** One generated body: what was broken, and the bytes to send. */
    public record Case(String description, byte[] body) {
    }

    static final JsonMapper JSON = JsonMapper.builder().build();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /** Stands in for a string that is sent as invalid UTF-8 (replaced in the serialized bytes). */
    private static final String BAD_UTF8_MARK = "NUBO-FUZZ-INVALID-UTF8";

    private final RequestSchemas schemas;
    private final Random random;

    public SchemaFuzzer(RequestSchemas schemas, long seed) {
        this.schemas = schemas;
        this.random = new Random(seed);
    }

    /** A body that satisfies the named schema; fails when the schema gives too little to build one. */
    public JsonNode validBody(String schemaName) {
        JsonNode full = generate(load(schemaName), schemaName, "", true);
        if (isValid(schemaName, full)) {
            return full;
        }
        JsonNode minimal = generate(load(schemaName), schemaName, "", false);
        try {
            schemas.validate(schemaName, minimal);
        } catch (RequestValidationException e) {
            throw new IllegalStateException("cannot build a valid body for schema " + schemaName
                    + " (give that field an 'examples' value): " + e.getMessage(), e);
        }
        return minimal;
    }

    /** The valid body, the one-field-broken variants and {@code randomCases} random combinations. */
    public List<Case> cases(String schemaName, int randomCases) {
        JsonNode valid = validBody(schemaName);
        List<Case> out = new ArrayList<>();
        out.add(new Case("valid", bytes(valid)));
        out.add(new Case("not JSON", "{\"".getBytes(StandardCharsets.UTF_8)));
        out.add(new Case("an array at the root", "[]".getBytes(StandardCharsets.UTF_8)));
        out.add(new Case("a string at the root", "\"x\"".getBytes(StandardCharsets.UTF_8)));
        out.add(new Case("deep nesting", ("[".repeat(3000) + "]".repeat(3000)).getBytes(StandardCharsets.UTF_8)));
        List<String> paths = new ArrayList<>();
        collectPaths(valid, "", paths);
        for (String path : paths) {
            JsonNode at = at(valid, path);
            for (Map.Entry<String, JsonNode> broken : breakages(at)) {
                out.add(variant(valid, path, broken.getKey(), broken.getValue()));
            }
            if (at.isObject()) {
                ObjectNode extra = (ObjectNode) at.deepCopy();
                extra.put("nubo_fuzz_unknown", "x");
                out.add(variant(valid, path, "an unknown member", extra));
                for (Iterator<String> names = at.propertyNames().iterator(); names.hasNext(); ) {
                    String name = names.next();
                    ObjectNode less = (ObjectNode) at.deepCopy();
                    less.remove(name);
                    out.add(variant(valid, path, "without '" + name + "'", less));
                }
            }
            if (at.isArray() && !at.isEmpty()) {
                ArrayNode many = NODES.arrayNode();
                for (int i = 0; i < 3000; i++) {
                    many.add(at.get(0).deepCopy());
                }
                out.add(variant(valid, path, "its first item 3000 times", many));
            }
        }
        for (int i = 0; i < randomCases; i++) {
            JsonNode body = valid.deepCopy();
            StringBuilder what = new StringBuilder("random:");
            List<String> current = paths;
            for (int k = 0; k < 1 + random.nextInt(3); k++) {
                String path = current.get(random.nextInt(current.size()));
                List<Map.Entry<String, JsonNode>> options = breakages(at(body, path));
                Map.Entry<String, JsonNode> pick = options.get(random.nextInt(options.size()));
                body = replace(body, path, pick.getValue());
                what.append(' ').append(path.isEmpty() ? "<body>" : path).append('=').append(pick.getKey());
                current = new ArrayList<>();
                collectPaths(body, "", current);
            }
            out.add(new Case(what.toString(), bytes(body)));
        }
        return out;
    }

    private Case variant(JsonNode valid, String path, String what, JsonNode value) {
        return new Case((path.isEmpty() ? "<body>" : path) + ": " + what, bytes(replace(valid, path, value)));
    }

    /** The ways to break one value, each named. */
    private static List<Map.Entry<String, JsonNode>> breakages(JsonNode value) {
        List<Map.Entry<String, JsonNode>> b = new ArrayList<>(List.of(
                Map.entry("null", NODES.nullNode()),
                Map.entry("an integer", NODES.numberNode(123)),
                Map.entry("a negative integer", NODES.numberNode(-1)),
                Map.entry("a huge integer", NODES.numberNode(new java.math.BigInteger("9".repeat(40)))),
                Map.entry("a fraction", NODES.numberNode(1.5)),
                Map.entry("a boolean", NODES.booleanNode(true)),
                Map.entry("a string", NODES.stringNode("x")),
                Map.entry("an empty string", NODES.stringNode("")),
                Map.entry("an empty array", NODES.arrayNode()),
                Map.entry("an array of integers", NODES.arrayNode().add(1).add(2)),
                Map.entry("an empty object", NODES.objectNode()),
                Map.entry("a 70000-character string", NODES.stringNode("x".repeat(70_000))),
                Map.entry("a NUL character", NODES.stringNode("a\u0000b")),
                Map.entry("invalid UTF-8", NODES.stringNode(BAD_UTF8_MARK)),
                Map.entry("a blank string", NODES.stringNode("   ")),
                Map.entry("a path traversal", NODES.stringNode("../../..")),
                Map.entry("an SQL quote", NODES.stringNode("' OR '1'='1")),
                Map.entry("a date far away", NODES.stringNode("99999-12-31T23:59:59Z")),
                Map.entry("astral characters", NODES.stringNode("\uD834\uDD1E\u00e9\u2603"))));
        if (value.isString()) {
            int n = value.asString().length();
            b.add(Map.entry("one character longer, repeated", NODES.stringNode(value.asString().repeat(
                    Math.max(2, 256 / Math.max(1, n) + 1)))));
            b.add(Map.entry("5000 characters", NODES.stringNode("d".repeat(5000))));
            b.add(Map.entry("1025 characters", NODES.stringNode("d".repeat(1025))));
            b.add(Map.entry("256 characters", NODES.stringNode("n".repeat(256))));
            b.add(Map.entry("65 characters", NODES.stringNode("n".repeat(65))));
        }
        return b;
    }

    private JsonNode generate(JsonNode schema, String file, String path, boolean allProperties) {
        Resolved r = resolve(schema, file);
        JsonNode s = r.node();
        file = r.file();
        for (String key : List.of("const", "default")) {
            if (s.has(key) && !(key.equals("default") && s.get(key).isNull())) {
                return s.get(key).deepCopy();
            }
        }
        if (s.has("examples") && !s.get("examples").isEmpty()) {
            return s.get("examples").get(0).deepCopy();
        }
        if (s.has("enum")) {
            return s.get("enum").get(0).deepCopy();
        }
        for (String key : List.of("allOf", "anyOf", "oneOf")) {
            if (s.has(key) && !s.has("type") && !s.has("properties")) {
                return generate(s.get(key).get(0), file, path, allProperties);
            }
        }
        String type = typeOf(s);
        switch (type) {
            case "object" -> {
                ObjectNode o = NODES.objectNode();
                JsonNode props = s.path("properties");
                List<String> required = new ArrayList<>();
                s.path("required").forEach(n -> required.add(n.asString()));
                for (Map.Entry<String, JsonNode> p : props.properties()) {
                    if (allProperties || required.contains(p.getKey())) {
                        o.set(p.getKey(), generate(p.getValue(), file, path + "." + p.getKey(), allProperties));
                    }
                }
                return o;
            }
            case "array" -> {
                ArrayNode a = NODES.arrayNode();
                int min = Math.max(1, s.path("minItems").asInt(1));
                if (s.has("maxItems") && s.get("maxItems").asInt() == 0) {
                    return a;
                }
                JsonNode items = s.has("items") ? s.get("items") : NODES.objectNode().put("type", "string");
                for (int i = 0; i < min; i++) {
                    a.add(generate(items, file, path + "[]", allProperties));
                }
                return a;
            }
            case "integer", "number" -> {
                return NODES.numberNode(s.has("minimum") ? s.get("minimum").asLong() : 1);
            }
            case "boolean" -> {
                return NODES.booleanNode(true);
            }
            case "null" -> {
                return NODES.nullNode();
            }
            default -> {
                String format = s.path("format").asString("");
                if (format.equals("date-time")) {
                    return NODES.stringNode("2099-01-01T00:00:00Z");
                }
                if (format.equals("uri")) {
                    return NODES.stringNode("http://example.com/");
                }
                if (format.equals("email")) {
                    return NODES.stringNode("a@example.com");
                }
                return NODES.stringNode("f".repeat(Math.max(1, s.path("minLength").asInt(1))));
            }
        }
    }

    private static String typeOf(JsonNode s) {
        JsonNode t = s.get("type");
        if (t == null) {
            return s.has("properties") ? "object" : s.has("items") ? "array" : "string";
        }
        if (t.isArray()) {
            for (JsonNode each : t) {
                if (!each.asString().equals("null")) {
                    return each.asString();
                }
            }
            return "null";
        }
        return t.asString();
    }

    private record Resolved(JsonNode node, String file) {
    }

    private Resolved resolve(JsonNode schema, String file) {
        while (schema.has("$ref")) {
            String ref = schema.get("$ref").asString();
            int hash = ref.indexOf('#');
            String target = hash < 0 ? ref : ref.substring(0, hash);
            String pointer = hash < 0 ? "" : ref.substring(hash + 1);
            if (!target.isEmpty()) {
                int slash = file.lastIndexOf('/');
                file = (slash < 0 ? "" : file.substring(0, slash + 1)) + target;
            }
            schema = load(file).at(pointer);
            if (schema.isMissingNode()) {
                throw new IllegalStateException("unresolvable $ref " + ref + " in " + file);
            }
        }
        return new Resolved(schema, file);
    }

    private static JsonNode load(String name) {
        try (InputStream in = SchemaFuzzer.class.getClassLoader().getResourceAsStream(RequestSchemas.ROOT + name)) {
            if (in == null) {
                throw new IllegalStateException("no schema classpath:" + RequestSchemas.ROOT + name);
            }
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private boolean isValid(String schemaName, JsonNode body) {
        try {
            schemas.validate(schemaName, body);
            return true;
        } catch (RequestValidationException e) {
            return false;
        }
    }

    private static void collectPaths(JsonNode node, String path, List<String> out) {
        out.add(path);
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> e : node.properties()) {
                collectPaths(e.getValue(), path + "/" + e.getKey().replace("~", "~0").replace("/", "~1"), out);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                collectPaths(node.get(i), path + "/" + i, out);
            }
        }
    }

    private static JsonNode at(JsonNode root, String pointer) {
        return root.at(pointer);
    }

    private static JsonNode replace(JsonNode root, String pointer, JsonNode value) {
        if (pointer.isEmpty()) {
            return value.deepCopy();
        }
        JsonNode copy = root.deepCopy();
        int last = pointer.lastIndexOf('/');
        JsonNode parent = copy.at(pointer.substring(0, last));
        String key = pointer.substring(last + 1).replace("~1", "/").replace("~0", "~");
        if (parent instanceof ObjectNode o) {
            o.set(key, value.deepCopy());
        } else if (parent instanceof ArrayNode a) {
            a.set(Integer.parseInt(key), value.deepCopy());
        }
        return copy;
    }

    /** Serializes a body, turning the invalid-UTF-8 marker into bytes that are not UTF-8. */
    static byte[] bytes(JsonNode body) {
        byte[] b = JSON.writeValueAsBytes(body);
        byte[] mark = BAD_UTF8_MARK.getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i + mark.length <= b.length; i++) {
            if (java.util.Arrays.equals(b, i, i + mark.length, mark, 0, mark.length)) {
                b[i] = (byte) 0xC3;
                b[i + 1] = (byte) 0x28;
                b[i + 2] = (byte) 0xFF;
            }
        }
        return b;
    }
}
