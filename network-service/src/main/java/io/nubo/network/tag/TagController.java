package io.nubo.network.tag;

import io.nubo.shared.validation.ValidatedBody;
import io.nubo.network.common.Caller;
import io.nubo.network.error.NetworkError;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/** Neutron's tags API on every taggable collection: {@code /v2.0/{collection}/{id}/tags[/{tag}]}. */
@RestController
public class TagController {

    /** Neutron's limit on a tag's length. */
    static final int MAX_TAG_LENGTH = 60;

    private final Map<String, Taggable> collections = new TreeMap<>();

    public TagController(List<Taggable> taggables) {
        taggables.forEach(t -> collections.put(t.collection(), t));
    }

    public record Tags(List<String> tags) {
    }

    @GetMapping("/v2.0/{collection}/{id}/tags")
    public Tags list(Caller caller, @PathVariable String collection, @PathVariable String id) {
        return new Tags(of(collection).tags(caller, id));
    }

    @PutMapping("/v2.0/{collection}/{id}/tags")
    @ValidatedBody("network/tags-replace.json")
    public Tags replace(Caller caller, @PathVariable String collection, @PathVariable String id,
                        @RequestBody JsonNode body) {
        // tags-replace.json checks each tag as valid() checks one in a path
        Set<String> set = new LinkedHashSet<>();
        body.get("tags").forEach(t -> set.add(t.asString()));
        return new Tags(of(collection).replaceTags(caller, id, set));
    }

    @DeleteMapping("/v2.0/{collection}/{id}/tags")
    public ResponseEntity<Void> clear(Caller caller, @PathVariable String collection, @PathVariable String id) {
        of(collection).replaceTags(caller, id, Set.of());
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/v2.0/{collection}/{id}/tags/{tag}")
    public ResponseEntity<Void> check(Caller caller, @PathVariable String collection, @PathVariable String id,
                                      @PathVariable String tag) {
        if (!of(collection).tags(caller, id).contains(tag)) {
            throw NetworkError.TAG_NOT_FOUND.exception(tag, singular(collection), id);
        }
        return ResponseEntity.noContent().build();
    }

    @PutMapping("/v2.0/{collection}/{id}/tags/{tag}")
    public ResponseEntity<Void> add(Caller caller, @PathVariable String collection, @PathVariable String id,
                                    @PathVariable String tag) {
        Taggable t = of(collection);
        Set<String> set = new LinkedHashSet<>(t.tags(caller, id));
        set.add(valid(tag));
        t.replaceTags(caller, id, set);
        return ResponseEntity.status(HttpStatus.CREATED).build();
    }

    @DeleteMapping("/v2.0/{collection}/{id}/tags/{tag}")
    public ResponseEntity<Void> remove(Caller caller, @PathVariable String collection, @PathVariable String id,
                                       @PathVariable String tag) {
        Taggable t = of(collection);
        Set<String> set = new LinkedHashSet<>(t.tags(caller, id));
        if (!set.remove(tag)) {
            throw NetworkError.TAG_NOT_FOUND.exception(tag, singular(collection), id);
        }
        t.replaceTags(caller, id, set);
        return ResponseEntity.noContent().build();
    }

    private Taggable of(String collection) {
        Taggable t = collections.get(collection);
        if (t == null) {
            throw NetworkError.NOT_FOUND.exception("The resource could not be found.");
        }
        return t;
    }

    private static String valid(String tag) {
        if (tag.isEmpty() || tag.length() > MAX_TAG_LENGTH || tag.contains(",")) {
            throw NetworkError.BAD_REQUEST.exception("Invalid input for tags. Reason: '" + tag + "' is not a valid"
                    + " tag (1 to " + MAX_TAG_LENGTH + " characters, no comma).");
        }
        return tag;
    }

    private static String singular(String collection) {
        return collection.endsWith("ies") ? collection.substring(0, collection.length() - 3) + "y"
                : collection.substring(0, collection.length() - 1);
    }
}
