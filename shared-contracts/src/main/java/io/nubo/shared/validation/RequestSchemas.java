package io.nubo.shared.validation;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.NodePath;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The request schemas of a service: JSON Schema (draft 2020-12) files under {@code classpath:schemas/}, loaded
 * once and cached, formats asserted. {@code $ref}s between files resolve relative to the referring file, so a
 * service keeps its shared definitions (names, ids, booleans) in one file such as
 * {@code schemas/identity/types.json}.
 */
public class RequestSchemas {

    /** Where schema resources live on the classpath. */
    public static final String ROOT = "schemas/";

    private final SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
            b -> b.schemaRegistryConfig(SchemaRegistryConfig.builder().formatAssertionsEnabled(true)
                    .locale(Locale.ENGLISH).build()));
    private final Map<String, Schema> cache = new ConcurrentHashMap<>();

    /** The schema at {@code classpath:schemas/<name>}; fails (at startup, through {@link #preload}) when missing. */
    public Schema schema(String name) {
        return cache.computeIfAbsent(name, n -> {
            if (RequestSchemas.class.getClassLoader().getResource(ROOT + n) == null) {
                throw new IllegalStateException("no request schema classpath:" + ROOT + n);
            }
            Schema s = registry.getSchema(SchemaLocation.of("classpath:" + ROOT + n));
            s.initializeValidators();
            return s;
        });
    }

    /** Loads and compiles the named schemas, so that a missing or broken schema stops the service at startup. */
    public void preload(Iterable<String> names) {
        names.forEach(this::schema);
    }

    /**
     * Checks {@code instance} against the named schema.
     *
     * @throws RequestValidationException naming the first offending field (in document order)
     */
    public void validate(String name, JsonNode instance) {
        List<Error> errors;
        try {
            errors = schema(name).validate(asStored(instance));
        } catch (tools.jackson.databind.exc.JsonNodeException e) {
            // the validator reads a number as a long for an integer minimum or maximum; Jackson 3 refuses to
            // narrow a number beyond the long range (1e308) instead of clamping it: such a number is out of range
            throw new RequestValidationException(outOfLongRange(instance, "").orElse(""), "number out of range");
        }
        if (!errors.isEmpty()) {
            Error first = errors.stream().min(Comparator.comparing(e -> fieldOf(e))).get();
            throw new RequestValidationException(fieldOf(first), describe(first));
        }
    }

    /** The dotted path of the first number beyond the long range, as the validator's errors name fields. */
    static java.util.Optional<String> outOfLongRange(JsonNode node, String path) {
        if (node.isNumber()) {
            return node.canConvertToLong() ? java.util.Optional.empty() : java.util.Optional.of(path);
        }
        if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                java.util.Optional<String> f = outOfLongRange(node.get(i), path + "[" + i + "]");
                if (f.isPresent()) {
                    return f;
                }
            }
        }
        if (node.isObject()) {
            for (var e : node.properties()) {
                java.util.Optional<String> f = outOfLongRange(e.getValue(),
                        path.isEmpty() ? e.getKey() : path + "." + e.getKey());
                if (f.isPresent()) {
                    return f;
                }
            }
        }
        return java.util.Optional.empty();
    }

    /**
     * The instance with each character outside the Basic Multilingual Plane as two U+FFFD, so that
     * {@code maxLength} counts what a column counts: JSON Schema counts code points, H2 (the embedded database)
     * counts UTF-16 units, and a name of 255 emoji would overflow a 255-character column. U+FFFD is no space, no
     * letter or digit and no enum value, so patterns and enums decide as they would on the original.
     */
    static JsonNode asStored(JsonNode node) {
        if (node.isString()) {
            String v = node.asString();
            return v.codePointCount(0, v.length()) == v.length() ? node
                    : JsonNodeFactory.instance.stringNode(v.codePoints().mapToObj(c -> Character.isBmpCodePoint(c)
                            ? String.valueOf((char) c) : "\uFFFD\uFFFD").collect(Collectors.joining()));
        }
        if (node.isArray()) {
            ArrayNode copy = JsonNodeFactory.instance.arrayNode();
            node.forEach(item -> copy.add(asStored(item)));
            return copy;
        }
        if (node.isObject()) {
            ObjectNode copy = JsonNodeFactory.instance.objectNode();
            for (Map.Entry<String, JsonNode> e : node.properties()) {
                copy.set(asStored(JsonNodeFactory.instance.stringNode(e.getKey())).asString(), asStored(e.getValue()));
            }
            return copy;
        }
        return node;
    }

    /** The field an error is about, dotted from the body's root ({@code project.description}, {@code tags[1]}). */
    static String fieldOf(Error e) {
        StringBuilder path = new StringBuilder();
        NodePath at = e.getInstanceLocation();
        for (int i = 0; i < at.getNameCount(); i++) {
            Object element = at.getElement(i);
            if (element instanceof Integer index) {
                path.append('[').append(index).append(']');
            } else {
                path.append(path.isEmpty() ? "" : ".").append(element);
            }
        }
        if ("required".equals(e.getKeyword()) && e.getProperty() != null) {
            path.append(path.isEmpty() ? "" : ".").append(e.getProperty());
        }
        return path.isEmpty() ? "<body>" : path.toString();
    }

    /** The error text without the instance path the library puts in front (the field is named separately). */
    static String describe(Error e) {
        String m = e.getMessage();
        JsonNode value = e.getInstanceNode();
        if (value != null && value.isString() && "maxLength".equals(e.getKeyword())) {
            return "the value is too long (" + value.asString().length() + " characters; " + m + ")";
        }
        if (value != null && value.isValueNode() && value.toString().length() <= 66) {
            // name the offending value, as Keystone's and Glance's messages do ("'floppy' is not one of ...")
            return value + " " + m;
        }
        return m;
    }
}
