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
import tools.jackson.databind.JsonNode;

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
        List<Error> errors = schema(name).validate(instance);
        if (!errors.isEmpty()) {
            Error first = errors.stream().min(Comparator.comparing(e -> fieldOf(e))).get();
            throw new RequestValidationException(fieldOf(first), describe(first));
        }
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
        if (e.getInstanceNode() != null && e.getInstanceNode().isString() && "maxLength".equals(e.getKeyword())) {
            return "the value is too long (" + e.getInstanceNode().asString().length() + " characters; " + m + ")";
        }
        return m;
    }
}
