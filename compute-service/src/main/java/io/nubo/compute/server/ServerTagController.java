package io.nubo.compute.server;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.nubo.compute.error.ComputeError;
import io.nubo.compute.wire.Caller;
import io.nubo.compute.wire.Links;
import io.nubo.shared.microversion.Microversions;
import java.util.ArrayList;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/** Nova's server tags from 2.26 ({@code /servers/{id}/tags}, {@link ServerTags}). */
@RestController
@Microversions(min = "2.26")
@RequestMapping("/v2.1/servers/{id}/tags")
class ServerTagController {

    record Tags(@JsonProperty("tags") List<String> tags) {
    }

    private final ServerTags tags;

    ServerTagController(ServerTags tags) {
        this.tags = tags;
    }

    @GetMapping
    Tags list(Caller caller, @PathVariable String id) {
        return new Tags(tags.list(caller, id));
    }

    @PutMapping
    Tags replace(Caller caller, @PathVariable String id, @RequestBody(required = false) JsonNode body) {
        return new Tags(tags.replace(caller, id, requested(body)));
    }

    @DeleteMapping
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void deleteAll(Caller caller, @PathVariable String id) {
        tags.deleteAll(caller, id);
    }

    @GetMapping("/{tag}")
    ResponseEntity<Void> show(Caller caller, @PathVariable String id, @PathVariable String tag) {
        if (!tags.has(caller, id, tag)) {
            throw ComputeError.NOT_FOUND.exception("Server " + id + " has no tag '" + tag + "'");
        }
        return ResponseEntity.noContent().build();
    }

    @PutMapping("/{tag}")
    ResponseEntity<Void> add(Caller caller, @PathVariable String id, @PathVariable String tag,
                             @RequestBody(required = false) JsonNode body) {
        if (body != null && !body.isNull()) {
            throw ComputeError.BAD_REQUEST.exception("Invalid input for field/attribute . Value: " + body + ". "
                    + body + " is not of type 'null'");
        }
        if (!tags.add(caller, id, tag)) {
            return ResponseEntity.noContent().build();
        }
        return ResponseEntity.status(HttpStatus.CREATED)
                .header("Location", Links.base() + "/v2.1/servers/" + id + "/tags/" + tag).build();
    }

    @DeleteMapping("/{tag}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(Caller caller, @PathVariable String id, @PathVariable String tag) {
        tags.delete(caller, id, tag);
    }

    /** Nova's {@code update_all} schema: {@code {"tags": [tag, ...]}}, at most 50, nothing else. */
    private static List<String> requested(JsonNode body) {
        io.nubo.compute.wire.RequestBody b = io.nubo.compute.wire.RequestBody.of(body).only(java.util.Set.of("tags"));
        JsonNode list = body.get("tags");
        if (list == null) {
            throw b.invalid("tags", "None", "'tags' is a required property");
        }
        if (!list.isArray()) {
            throw b.invalid("tags", list.toString(), list + " is not of type 'array'");
        }
        if (list.size() > ServerTags.MAX_TAGS) {
            throw b.invalid("tags", list.toString(), list + " is too long");
        }
        List<String> out = new ArrayList<>();
        for (int n = 0; n < list.size(); n++) {
            JsonNode t = list.get(n);
            String field = "tags/" + n;
            if (!t.isString()) {
                throw b.invalid(field, t.toString(), t + " is not of type 'string'");
            }
            String s = t.asString();
            if (s.isEmpty()) {
                throw b.invalid(field, s, "'' should be non-empty");
            }
            if (s.length() > 60) {
                throw b.invalid(field, s, "'" + s + "' is too long");
            }
            if (s.contains(",") || s.contains("/")) {
                throw b.invalid(field, s, "'" + s + "' does not match '^[^,/]*$'");
            }
            out.add(s);
        }
        return out;
    }
}
