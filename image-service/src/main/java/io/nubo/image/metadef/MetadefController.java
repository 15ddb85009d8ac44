package io.nubo.image.metadef;

import io.nubo.image.web.Caller;
import io.nubo.image.web.ImageError;
import io.nubo.shared.validation.ValidatedBody;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code /v2/metadefs}: namespaces, their objects, properties, tags and resource type associations. */
@RestController
@RequestMapping("/v2/metadefs")
public class MetadefController {

    private static final String NS = "/namespaces/{ns}";

    private final MetadefCatalog catalog;

    public MetadefController(MetadefCatalog catalog) {
        this.catalog = catalog;
    }

    @PostMapping("/namespaces")
    @ValidatedBody("image/metadef-namespace-create.json")
    public ResponseEntity<Map<String, Object>> createNamespace(@RequestBody Map<String, Object> body) {
        return created(catalog.createNamespace(body, Caller.current()));
    }

    @GetMapping("/namespaces")
    public Map<String, Object> namespaces() {
        return Map.of("namespaces", catalog.listNamespaces(Caller.current()), "first", "/v2/metadefs/namespaces",
                "schema", "/v2/schemas/metadefs/namespaces");
    }

    @GetMapping(NS)
    public Map<String, Object> namespace(@PathVariable String ns) {
        return catalog.showNamespace(ns, Caller.current());
    }

    @PutMapping(NS)
    @ValidatedBody("image/metadef-namespace-update.json")
    public Map<String, Object> updateNamespace(@PathVariable String ns, @RequestBody Map<String, Object> body) {
        return catalog.updateNamespace(ns, body, Caller.current());
    }

    @DeleteMapping(NS)
    public ResponseEntity<Void> deleteNamespace(@PathVariable String ns) {
        catalog.deleteNamespace(ns, Caller.current());
        return ResponseEntity.noContent().build();
    }

    // objects

    @PostMapping(NS + "/objects")
    @ValidatedBody("image/metadef-object.json")
    public ResponseEntity<Map<String, Object>> createObject(@PathVariable String ns,
                                                            @RequestBody Map<String, Object> body) {
        return created(catalog.putItem(ns, "object", null, body, Caller.current()));
    }

    @GetMapping(NS + "/objects")
    public Map<String, Object> objects(@PathVariable String ns) {
        return Map.of("objects", catalog.listItems(ns, "object", Caller.current()),
                "schema", "v2/schemas/metadefs/objects");
    }

    @GetMapping(NS + "/objects/{name}")
    public Map<String, Object> object(@PathVariable String ns, @PathVariable String name) {
        return catalog.showItem(ns, "object", name, Caller.current());
    }

    @PutMapping(NS + "/objects/{name}")
    @ValidatedBody("image/metadef-object.json")
    public Map<String, Object> updateObject(@PathVariable String ns, @PathVariable String name,
                                            @RequestBody Map<String, Object> body) {
        return catalog.putItem(ns, "object", name, body, Caller.current());
    }

    @DeleteMapping(NS + "/objects/{name}")
    public ResponseEntity<Void> deleteObject(@PathVariable String ns, @PathVariable String name) {
        catalog.deleteItem(ns, "object", name, Caller.current());
        return ResponseEntity.noContent().build();
    }

    // properties: listed as a map by name, as Glance does

    @PostMapping(NS + "/properties")
    @ValidatedBody("image/metadef-property.json")
    public ResponseEntity<Map<String, Object>> createProperty(@PathVariable String ns,
                                                              @RequestBody Map<String, Object> body) {
        return created(catalog.putItem(ns, "property", null, body, Caller.current()));
    }

    @GetMapping(NS + "/properties")
    public Map<String, Object> properties(@PathVariable String ns) {
        Map<String, Object> byName = new LinkedHashMap<>();
        for (Map<String, Object> p : catalog.listItems(ns, "property", Caller.current())) {
            byName.put((String) p.get("name"), p);
        }
        return Map.of("properties", byName);
    }

    @GetMapping(NS + "/properties/{name}")
    public Map<String, Object> property(@PathVariable String ns, @PathVariable String name) {
        return catalog.showItem(ns, "property", name, Caller.current());
    }

    @PutMapping(NS + "/properties/{name}")
    @ValidatedBody("image/metadef-property.json")
    public Map<String, Object> updateProperty(@PathVariable String ns, @PathVariable String name,
                                              @RequestBody Map<String, Object> body) {
        return catalog.putItem(ns, "property", name, body, Caller.current());
    }

    @DeleteMapping(NS + "/properties/{name}")
    public ResponseEntity<Void> deleteProperty(@PathVariable String ns, @PathVariable String name) {
        catalog.deleteItem(ns, "property", name, Caller.current());
        return ResponseEntity.noContent().build();
    }

    // tags

    @PostMapping(NS + "/tags")
    @ValidatedBody("image/metadef-tags-create.json")
    public ResponseEntity<Map<String, Object>> createTags(@PathVariable String ns,
                                                          @RequestBody Map<String, Object> body) {
        if (!(body.get("tags") instanceof List<?> tags)) {
            throw ImageError.BAD_REQUEST.exception("The request body must be {\"tags\": [{\"name\": ...}]}.");
        }
        Caller caller = Caller.current();
        catalog.deleteItems(ns, "tag", caller);
        List<Map<String, Object>> out = new ArrayList<>();
        for (Object t : tags) {
            if (!(t instanceof Map<?, ?> m) || !(m.get("name") instanceof String name)) {
                throw ImageError.BAD_REQUEST.exception("Each tag must be {\"name\": \"...\"}.");
            }
            out.add(catalog.putItem(ns, "tag", null, Map.of("name", name), caller));
        }
        return created(Map.of("tags", out));
    }

    @GetMapping(NS + "/tags")
    public Map<String, Object> tags(@PathVariable String ns) {
        return Map.of("tags", catalog.listItems(ns, "tag", Caller.current()));
    }

    @DeleteMapping(NS + "/tags")
    public ResponseEntity<Void> deleteTags(@PathVariable String ns) {
        catalog.deleteItems(ns, "tag", Caller.current());
        return ResponseEntity.noContent().build();
    }

    @PostMapping(NS + "/tags/{name}")
    public ResponseEntity<Map<String, Object>> createTag(@PathVariable String ns, @PathVariable String name) {
        return created(catalog.putItem(ns, "tag", null, Map.of("name", name), Caller.current()));
    }

    @GetMapping(NS + "/tags/{name}")
    public Map<String, Object> tag(@PathVariable String ns, @PathVariable String name) {
        return catalog.showItem(ns, "tag", name, Caller.current());
    }

    @PutMapping(NS + "/tags/{name}")
    @ValidatedBody("image/metadef-tag.json")
    public Map<String, Object> updateTag(@PathVariable String ns, @PathVariable String name,
                                         @RequestBody Map<String, Object> body) {
        return catalog.putItem(ns, "tag", name, Map.of("name", body.getOrDefault("name", "")), Caller.current());
    }

    @DeleteMapping(NS + "/tags/{name}")
    public ResponseEntity<Void> deleteTag(@PathVariable String ns, @PathVariable String name) {
        catalog.deleteItem(ns, "tag", name, Caller.current());
        return ResponseEntity.noContent().build();
    }

    // resource types

    @GetMapping("/resource_types")
    public Map<String, Object> resourceTypes() {
        Caller.current();
        return Map.of("resource_types", MetadefCatalog.RESOURCE_TYPES.stream()
                .map(n -> Map.of("name", n, "created_at", "2014-08-28T17:13:04Z")).toList());
    }

    @PostMapping(NS + "/resource_types")
    @ValidatedBody("image/metadef-resource-type-association.json")
    public ResponseEntity<Map<String, Object>> associate(@PathVariable String ns,
                                                         @RequestBody Map<String, Object> body) {
        return created(catalog.putItem(ns, "resource_type", null, body, Caller.current()));
    }

    @GetMapping(NS + "/resource_types")
    public Map<String, Object> associations(@PathVariable String ns) {
        return Map.of("resource_type_associations", catalog.listItems(ns, "resource_type", Caller.current()));
    }

    @DeleteMapping(NS + "/resource_types/{name}")
    public ResponseEntity<Void> dissociate(@PathVariable String ns, @PathVariable String name) {
        catalog.deleteItem(ns, "resource_type", name, Caller.current());
        return ResponseEntity.noContent().build();
    }

    private static <T> ResponseEntity<T> created(T body) {
        return ResponseEntity.status(HttpStatus.CREATED).body(body);
    }
}
