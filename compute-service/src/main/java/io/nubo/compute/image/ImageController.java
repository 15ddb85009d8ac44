package io.nubo.compute.image;

import io.nubo.compute.error.ComputeError;
import io.nubo.compute.image.api.ImageViews;
import io.nubo.compute.wire.Caller;
import io.nubo.compute.wire.Links;
import io.nubo.compute.wire.Paging;
import io.nubo.compute.wire.RequestBody;
import io.nubo.compute.wire.WireTime;
import io.nubo.shared.api.Link;
import io.nubo.shared.validation.ValidatedBody;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * Nova's images API at 2.1 ({@code /v2.1/images}, deprecated at 2.36): a view of the image service with the
 * caller's own token, so what the caller may see and change is the image service's to decide (Nova has no policy of
 * its own here). Filters as Nova's: {@code name}, {@code status}, {@code changes-since}, {@code server},
 * {@code type}, {@code minRam}, {@code minDisk}, {@code property-*}; {@code limit} and {@code marker}.
 */
@RestController
@RequestMapping("/v2.1/images")
class ImageController {

    private static final Map<String, String> STATUS = Map.of("active", "ACTIVE", "queued", "SAVING",
            "saving", "SAVING", "deleted", "DELETED", "pending_delete", "DELETED", "killed", "ERROR");
    private static final Map<String, Integer> PROGRESS = Map.of("queued", 25, "saving", 50, "active", 100);

    private final ImageClient images;

    ImageController(ImageClient images) {
        this.images = images;
    }

    @GetMapping
    ImageViews.BasicList list(Caller caller, @RequestParam Map<String, String> p) {
        Paging.Page<JsonNode> page = page(caller, p, "images");
        return new ImageViews.BasicList(page.items().stream().map(i -> new ImageViews.Basic(
                i.path("id").asString(), i.path("name").asString(null), links(i.path("id").asString()))).toList(),
                page.next());
    }

    @GetMapping("/detail")
    ImageViews.DetailList detail(Caller caller, @RequestParam Map<String, String> p) {
        Paging.Page<JsonNode> page = page(caller, p, "images/detail");
        return new ImageViews.DetailList(page.items().stream().map(this::view).toList(), page.next());
    }

    @GetMapping("/{id}")
    ImageViews.One show(Caller caller, @PathVariable String id) {
        return new ImageViews.One(view(images.show(caller, id)));
    }

    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(Caller caller, @PathVariable String id) {
        images.delete(caller, id);
    }

    @GetMapping("/{id}/metadata")
    ImageViews.Metadata metadata(Caller caller, @PathVariable String id) {
        return new ImageViews.Metadata(ImageClient.properties(images.show(caller, id)));
    }

    @GetMapping("/{id}/metadata/{key}")
    ImageViews.Meta metadataItem(Caller caller, @PathVariable String id, @PathVariable String key) {
        String v = ImageClient.properties(images.show(caller, id)).get(key);
        if (v == null) {
            throw ComputeError.NOT_FOUND.exception("Invalid metadata key");
        }
        return new ImageViews.Meta(Map.of(key, v));
    }

    @ValidatedBody("compute/server-metadata.json")
    @PostMapping("/{id}/metadata")
    ImageViews.Metadata mergeMetadata(Caller caller, @PathVariable String id,
                                      @org.springframework.web.bind.annotation.RequestBody JsonNode body) {
        Map<String, String> items = items(body, "metadata");
        images.show(caller, id);
        return new ImageViews.Metadata(ImageClient.properties(images.patch(caller, id, set(items))));
    }

    @ValidatedBody("compute/server-metadata.json")
    @PutMapping("/{id}/metadata")
    ImageViews.Metadata replaceMetadata(Caller caller, @PathVariable String id,
                                        @org.springframework.web.bind.annotation.RequestBody JsonNode body) {
        Map<String, String> items = items(body, "metadata");
        List<Map<String, Object>> ops = new ArrayList<>();
        for (String old : ImageClient.properties(images.show(caller, id)).keySet()) {
            if (!items.containsKey(old)) {
                ops.add(Map.of("op", "remove", "path", "/" + pointer(old)));
            }
        }
        ops.addAll(set(items));
        return new ImageViews.Metadata(ImageClient.properties(images.patch(caller, id, ops)));
    }

    @ValidatedBody("compute/server-metadata-item.json")
    @PutMapping("/{id}/metadata/{key}")
    ImageViews.Meta putMetadataItem(Caller caller, @PathVariable String id, @PathVariable String key,
                                    @org.springframework.web.bind.annotation.RequestBody JsonNode body) {
        Map<String, String> one = items(body, "meta");
        if (!one.containsKey(key)) {
            throw ComputeError.BAD_REQUEST.exception("Request body and URI mismatch");
        }
        images.show(caller, id);
        images.patch(caller, id, set(one));
        return new ImageViews.Meta(one);
    }

    @DeleteMapping("/{id}/metadata/{key}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void deleteMetadataItem(Caller caller, @PathVariable String id, @PathVariable String key) {
        if (!ImageClient.properties(images.show(caller, id)).containsKey(key)) {
            throw ComputeError.NOT_FOUND.exception("Invalid metadata key");
        }
        images.patch(caller, id, List.of(Map.of("op", "remove", "path", "/" + pointer(key))));
    }

    private static Map<String, String> items(JsonNode body, String field) {
        Map<String, String> m = RequestBody.of(body).stringMap(field, null);
        if (m == null) {
            throw ComputeError.BAD_REQUEST.exception("Malformed request body: '" + field + "' is required.");
        }
        return m;
    }

    private static List<Map<String, Object>> set(Map<String, String> items) {
        List<Map<String, Object>> ops = new ArrayList<>();
        items.forEach((k, v) -> ops.add(Map.of("op", "add", "path", "/" + pointer(k), "value", v)));
        return ops;
    }

    /** A property name as a JSON pointer token (RFC 6901). */
    private static String pointer(String key) {
        return key.replace("~", "~0").replace("/", "~1");
    }

    private Paging.Page<JsonNode> page(Caller caller, Map<String, String> p, String path) {
        Integer limit = Paging.limit(p.get("limit"));
        List<JsonNode> all = images.listAll(caller).stream().filter(filters(p)).toList();
        return Paging.page(all, limit, p.get("marker"), i -> i.path("id").asString(), path);
    }

    private static Predicate<JsonNode> filters(Map<String, String> p) {
        Predicate<JsonNode> f = i -> true;
        for (Map.Entry<String, String> e : p.entrySet()) {
            String v = e.getValue();
            Predicate<JsonNode> one = switch (e.getKey()) {
                case "name" -> i -> v.equals(i.path("name").asString(null));
                case "status" -> i -> v.equalsIgnoreCase(status(i));
                case "changes-since" -> i -> !updated(i).isBefore(time(v));
                // a server's id or its link, as Nova takes the last path segment
                case "server" -> i -> v.substring(v.lastIndexOf('/') + 1).equals(
                        ImageClient.properties(i).get("instance_uuid"));
                case "type" -> i -> v.equals(ImageClient.properties(i).get("image_type"));
                case "minRam" -> i -> i.path("min_ram").asInt(0) >= number(e.getKey(), v);
                case "minDisk" -> i -> i.path("min_disk").asInt(0) >= number(e.getKey(), v);
                default -> e.getKey().startsWith("property-")
                        ? i -> v.equals(ImageClient.properties(i).get(e.getKey().substring("property-".length())))
                        : i -> true;
            };
            f = f.and(one);
        }
        return f;
    }

    private static int number(String field, String v) {
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw ComputeError.BAD_REQUEST.exception("Invalid " + field + " filter [" + v + "]");
        }
    }

    private static Instant time(String v) {
        try {
            return Instant.parse(v.endsWith("Z") || v.contains("+") ? v : v + "Z");
        } catch (DateTimeParseException e) {
            throw ComputeError.BAD_REQUEST.exception("Invalid changes-since value");
        }
    }

    private static Instant updated(JsonNode i) {
        String u = i.path("updated_at").asString(i.path("created_at").asString(null));
        return u == null ? Instant.EPOCH : Instant.parse(u);
    }

    private static String status(JsonNode i) {
        return STATUS.getOrDefault(i.path("status").asString(""), "UNKNOWN");
    }

    private ImageViews.Detail view(JsonNode i) {
        String id = i.path("id").asString();
        Map<String, String> metadata = new LinkedHashMap<>(ImageClient.properties(i));
        String server = metadata.get("instance_uuid");
        String auto = metadata.get("auto_disk_config");
        JsonNode size = i.path("size");
        return new ImageViews.Detail(id, i.path("name").asString(null), i.path("min_ram").asInt(0),
                i.path("min_disk").asInt(0), metadata, WireTime.of(Instant.parse(i.path("created_at").asString())),
                WireTime.of(updated(i)), status(i), PROGRESS.getOrDefault(i.path("status").asString(""), 0),
                size.isNumber() ? size.asLong() : null, links(id),
                server == null ? null : new ImageViews.ServerRef(server, Links.of("servers", server)),
                auto == null ? null : Boolean.parseBoolean(auto) || "1".equals(auto) ? "AUTO" : "MANUAL");
    }

    private List<Link> links(String id) {
        List<Link> links = new ArrayList<>(Links.of("images", id));
        links.add(new Link("alternate", "application/vnd.openstack.image", images.publicUrl() + "/images/" + id));
        return links;
    }
}
