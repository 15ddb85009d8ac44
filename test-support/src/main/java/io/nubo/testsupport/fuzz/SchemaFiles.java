package io.nubo.testsupport.fuzz;

import io.nubo.shared.validation.RequestSchemas;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Reads request schema files from {@code classpath:schemas/} and follows their {@code $ref}s (file-relative). */
final class SchemaFiles {

    static final JsonMapper JSON = JsonMapper.builder().build();

    /** A schema node and the file it lives in (for the next relative {@code $ref}). */
    record Resolved(JsonNode node, String file) {
    }

    private SchemaFiles() {
    }

    static JsonNode load(String name) {
        try (InputStream in = SchemaFiles.class.getClassLoader().getResourceAsStream(RequestSchemas.ROOT + name)) {
            if (in == null) {
                throw new IllegalStateException("no schema classpath:" + RequestSchemas.ROOT + name);
            }
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Follows {@code $ref}s until a node without one. */
    static Resolved resolve(JsonNode schema, String file) {
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
}
