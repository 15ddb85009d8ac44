package io.nubo.image.metadef;

import com.fasterxml.jackson.annotation.JsonProperty;
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

    /** Glance's list bodies (root wrappers as records: the key order is fixed, the shape is typed). */
    public record Namespaces(List<Map<String, Object>> namespaces, String first, String schema) {
    }

    public record Objects(List<Map<String, Object>> objects, String schema) {
    }

    public record Properties(Map<String, Object> properties) {
    }

    public record Tags(List<Map<String, Object>> tags) {
    }

    public record ResourceType(String name, @JsonProperty("created_at") String createdAt) {
    }

    public record ResourceTypes(@JsonProperty("resource_types") List<ResourceType> resourceTypes) {
    }

    public record Associations(
            @JsonProperty("resource_type_associations") List<Map<String, Object>> resourceTypeAssociations) {
    }

    private static final String NS = "/namespaces/{ns}";

    private final MetadefCatalog catalog;

    public MetadefController(MetadefCatalog catalog) {
        this.catalog = catalog;
    }

    @PostMapping("/namespaces")
    @ValidatedBody("image/metadef-namespace-create.json")
    public ResponseEntity<Map<String, Object>> createNamespace(Caller caller, @RequestBody Map<String, Object> body) {
        return created(catalog.createNamespace(body, caller));
    }

    @GetMapping("/namespaces")
    public Namespaces namespaces(Caller caller) {
        return new Namespaces(catalog.listNamespaces(caller), "/v2/metadefs/namespaces",
                "/v2/schemas/metadefs/namespaces");
    }

    @GetMapping(NS)
    public Map<String, Object> namespace(Caller caller, @PathVariable String ns) {
        return catalog.showNamespace(ns, caller);
    }

    @PutMapping(NS)
    @ValidatedBody("image/metadef-namespace-update.json")
    public Map<String, Object> updateNamespace(Caller caller,
                                               @PathVariable String ns, @RequestBody Map<String, Object> body) {
        return catalog.updateNamespace(ns, body, caller);
    }

    @DeleteMapping(NS)
    public ResponseEntity<Void> deleteNamespace(Caller caller, @PathVariable String ns) {
        catalog.deleteNamespace(ns, caller);
        return ResponseEntity.noContent().build();
    }

    // objects

    @PostMapping(NS + "/objects")
    @ValidatedBody("image/metadef-object.json")
    public ResponseEntity<Map<String, Object>> createObject(Caller caller, @PathVariable String ns,
                                                            @RequestBody Map<String, Object> body) {
        return created(catalog.putItem(ns, "object", null, body, caller));
    }

    @GetMapping(NS + "/objects")
    public Objects objects(Caller caller, @PathVariable String ns) {
        return new Objects(catalog.listItems(ns, "object", caller), "v2/schemas/metadefs/objects");
    }

    @GetMapping(NS + "/objects/{name}")
    public Map<String, Object> object(Caller caller, @PathVariable String ns, @PathVariable String name) {
        return catalog.showItem(ns, "object", name, caller);
    }

    @PutMapping(NS + "/objects/{name}")
    @ValidatedBody("image/metadef-object.json")
    public Map<String, Object> updateObject(Caller caller, @PathVariable String ns, @PathVariable String name,
                                            @RequestBody Map<String, Object> body) {
        return catalog.putItem(ns, "object", name, body, caller);
    }

    @DeleteMapping(NS + "/objects/{name}")
    public ResponseEntity<Void> deleteObject(Caller caller, @PathVariable String ns, @PathVariable String name) {
        catalog.deleteItem(ns, "object", name, caller);
        return ResponseEntity.noContent().build();
    }

    // properties: listed as a map by name, as Glance does

    @PostMapping(NS + "/properties")
    @ValidatedBody("image/metadef-property.json")
    public ResponseEntity<Map<String, Object>> createProperty(Caller caller, @PathVariable String ns,
                                                              @RequestBody Map<String, Object> body) {
        return created(catalog.putItem(ns, "property", null, body, caller));
    }

    @GetMapping(NS + "/properties")
    public Properties properties(Caller caller, @PathVariable String ns) {
        Map<String, Object> byName = new LinkedHashMap<>();
        for (Map<String, Object> p : catalog.listItems(ns, "property", caller)) {
            byName.put((String) p.get("name"), p);
        }
        return new Properties(byName);
    }

    @GetMapping(NS + "/properties/{name}")
    public Map<String, Object> property(Caller caller, @PathVariable String ns, @PathVariable String name) {
        return catalog.showItem(ns, "property", name, caller);
    }

    @PutMapping(NS + "/properties/{name}")
    @ValidatedBody("image/metadef-property.json")
    public Map<String, Object> updateProperty(Caller caller, @PathVariable String ns, @PathVariable String name,
                                              @RequestBody Map<String, Object> body) {
        return catalog.putItem(ns, "property", name, body, caller);
    }

    @DeleteMapping(NS + "/properties/{name}")
    public ResponseEntity<Void> deleteProperty(Caller caller, @PathVariable String ns, @PathVariable String name) {
        catalog.deleteItem(ns, "property", name, caller);
        return ResponseEntity.noContent().build();
    }

    // tags

    @PostMapping(NS + "/tags")
    @ValidatedBody("image/metadef-tags-create.json")
    public ResponseEntity<Map<String, Object>> createTags(Caller caller, @PathVariable String ns,
                                                          @RequestBody Map<String, Object> body) {
        if (!(body.get("tags") instanceof List<?> tags)) {
            throw ImageError.BAD_REQUEST.exception("The request body must be {\"tags\": [{\"name\": ...}]}.");
        }
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
    public Tags tags(Caller caller, @PathVariable String ns) {
        return new Tags(catalog.listItems(ns, "tag", caller));
    }

    @DeleteMapping(NS + "/tags")
    public ResponseEntity<Void> deleteTags(Caller caller, @PathVariable String ns) {
        catalog.deleteItems(ns, "tag", caller);
        return ResponseEntity.noContent().build();
    }

    @PostMapping(NS + "/tags/{name}")
    public ResponseEntity<Map<String, Object>> createTag(Caller caller,
                                                         @PathVariable String ns, @PathVariable String name) {
        return created(catalog.putItem(ns, "tag", null, Map.of("name", name), caller));
    }

    @GetMapping(NS + "/tags/{name}")
    public Map<String, Object> tag(Caller caller, @PathVariable String ns, @PathVariable String name) {
        return catalog.showItem(ns, "tag", name, caller);
    }

    @PutMapping(NS + "/tags/{name}")
    @ValidatedBody("image/metadef-tag.json")
    public Map<String, Object> updateTag(Caller caller, @PathVariable String ns, @PathVariable String name,
                                         @RequestBody Map<String, Object> body) {
        return catalog.putItem(ns, "tag", name, Map.of("name", body.getOrDefault("name", "")), caller);
    }

    @DeleteMapping(NS + "/tags/{name}")
    public ResponseEntity<Void> deleteTag(Caller caller, @PathVariable String ns, @PathVariable String name) {
        catalog.deleteItem(ns, "tag", name, caller);
        return ResponseEntity.noContent().build();
    }

    // resource types

    @GetMapping("/resource_types")
    public ResourceTypes resourceTypes(Caller caller) {
        return new ResourceTypes(MetadefCatalog.RESOURCE_TYPES.stream()
                .map(n -> new ResourceType(n, "2014-08-28T17:13:04Z")).toList());
    }

    @PostMapping(NS + "/resource_types")
    @ValidatedBody("image/metadef-resource-type-association.json")
    public ResponseEntity<Map<String, Object>> associate(Caller caller, @PathVariable String ns,
                                                         @RequestBody Map<String, Object> body) {
        return created(catalog.putItem(ns, "resource_type", null, body, caller));
    }

    @GetMapping(NS + "/resource_types")
    public Associations associations(Caller caller, @PathVariable String ns) {
        return new Associations(catalog.listItems(ns, "resource_type", caller));
    }

    @DeleteMapping(NS + "/resource_types/{name}")
    public ResponseEntity<Void> dissociate(Caller caller, @PathVariable String ns, @PathVariable String name) {
        catalog.deleteItem(ns, "resource_type", name, caller);
        return ResponseEntity.noContent().build();
    }

    private static <T> ResponseEntity<T> created(T body) {
        return ResponseEntity.status(HttpStatus.CREATED).body(body);
    }
}
