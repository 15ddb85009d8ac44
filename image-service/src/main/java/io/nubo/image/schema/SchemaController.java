package io.nubo.image.schema;

import io.nubo.image.web.ImageError;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /v2/schemas/...}: the JSON schemas clients read (glanceclient builds its models from them), kept as
 * resources under {@code image-schemas/}. The metadata-definition schemas are served for discovery only: the
 * metadefs API itself is not offered.
 */
@RestController
public class SchemaController {

    private static final Set<String> SCHEMAS = Set.of("image", "images", "member", "members", "task", "tasks");
    private static final Set<String> METADEFS = Set.of("namespace", "namespaces", "resource_type", "resource_types",
            "object", "objects", "property", "properties", "tag", "tags");

    @GetMapping("/v2/schemas/{name}")
    public ResponseEntity<String> schema(@PathVariable String name) throws IOException {
        if (!SCHEMAS.contains(name)) {
            throw ImageError.NOT_FOUND.exception("Schema " + name + " not found.");
        }
        return json("image-schemas/" + name + ".json");
    }

    @GetMapping("/v2/schemas/metadefs/{name}")
    public ResponseEntity<String> metadef(@PathVariable String name) throws IOException {
        if (!METADEFS.contains(name)) {
            throw ImageError.NOT_FOUND.exception("Schema metadefs/" + name + " not found.");
        }
        return json("image-schemas/metadefs/" + name + ".json");
    }

    private static ResponseEntity<String> json(String resource) throws IOException {
        try (InputStream in = SchemaController.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException("missing resource " + resource);
            }
            return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON)
                    .body(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }
}
