package io.nubo.image.image;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.nubo.image.web.Caller;
import io.nubo.image.web.ImageError;
import io.nubo.shared.validation.ValidatedBody;
import io.nubo.shared.validation.ValidatedQuery;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Glance v2 image records: {@code /v2/images}, tags, deactivate/reactivate. */
@RestController
public class ImageController {

    static final String IMPORT_METHODS_HEADER = "OpenStack-image-import-methods";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final ImageService images;
    private final ImageDeletion deletion;

    public ImageController(ImageService images, ImageDeletion deletion) {
        this.images = images;
        this.deletion = deletion;
    }

    /** {@code GET /v2/images}: the page, and {@code next} only when another page may follow. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ImageList(List<ImageBody> images, String first, String next, String schema) {
    }

    @PostMapping(path = "/v2/images")
    @ValidatedBody("image/image-create.json")
    public ResponseEntity<ImageBody> create(Caller caller, @RequestBody(required = false) String body) {
        ImageEntity image = images.create(parse(body), caller);
        return ResponseEntity.status(HttpStatus.CREATED)
                .location(java.net.URI.create("/v2/images/" + image.getId()))
                .header(IMPORT_METHODS_HEADER, "glance-direct,web-download,copy-image")
                .body(ImageRenderer.render(image, caller));
    }

    @GetMapping("/v2/images")
    @ValidatedQuery("image/image-list-query.json")
    public ImageList list(Caller caller, @RequestParam MultiValueMap<String, String> params) {
        ImageService.Page page = images.list(params, caller);
        List<ImageBody> bodies = page.images().stream().map(i -> ImageRenderer.render(i, caller)).toList();
        MultiValueMap<String, String> rest = new LinkedMultiValueMap<>(params);
        rest.remove("marker");
        String first = "/v2/images" + query(rest);
        String next = null;
        if (page.more() && !page.images().isEmpty()) {
            rest.set("marker", page.images().get(page.images().size() - 1).getId());
            next = "/v2/images" + query(rest);
        }
        return new ImageList(bodies, first, next, "/v2/schemas/images");
    }

    @GetMapping("/v2/images/{id}")
    public ImageBody show(Caller caller, @PathVariable String id) {
        return ImageRenderer.render(images.show(id, caller), caller);
    }

    @PatchMapping(path = "/v2/images/{id}")
    @ValidatedBody("image/image-update.json")
    public ResponseEntity<ImageBody> update(Caller caller, @PathVariable String id,
                                            @RequestHeader(name = "Content-Type", required = false) String type,
                                            @RequestBody(required = false) String body) {
        String t = type == null ? "" : type.split(";")[0].trim().toLowerCase(java.util.Locale.ROOT);
        if (!t.equals(ImagePatch.MEDIA_TYPE) && !t.equals(ImagePatch.MEDIA_TYPE_V20)) {
            return ResponseEntity.status(HttpStatus.UNSUPPORTED_MEDIA_TYPE)
                    .header("Accept-Patch", ImagePatch.MEDIA_TYPE + ", " + ImagePatch.MEDIA_TYPE_V20)
                    .build();
        }
        ImageEntity image = images.update(id, ImagePatch.parse(parse(body)), caller);
        return ResponseEntity.ok(ImageRenderer.render(image, caller));
    }

    @DeleteMapping("/v2/images/{id}")
    public ResponseEntity<Void> delete(Caller caller, @PathVariable String id) {
        deletion.delete(id, caller);
        return ResponseEntity.noContent().build();
    }

    @PutMapping("/v2/images/{id}/tags/{tag}")
    public ResponseEntity<Void> addTag(Caller caller, @PathVariable String id, @PathVariable String tag) {
        images.addTag(id, tag, caller);
        return ResponseEntity.noContent().build();
    }

    @DeleteMapping("/v2/images/{id}/tags/{tag}")
    public ResponseEntity<Void> removeTag(Caller caller, @PathVariable String id, @PathVariable String tag) {
        images.removeTag(id, tag, caller);
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/v2/images/{id}/actions/deactivate")
    public ResponseEntity<Void> deactivate(Caller caller, @PathVariable String id) {
        images.deactivate(id, caller);
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/v2/images/{id}/actions/reactivate")
    public ResponseEntity<Void> reactivate(Caller caller, @PathVariable String id) {
        images.reactivate(id, caller);
        return ResponseEntity.noContent().build();
    }

    static JsonNode parse(String body) {
        if (body == null || body.isBlank()) {
            throw ImageError.BAD_REQUEST.exception("The request body is missing.");
        }
        try {
            return JSON.readTree(body);
        } catch (JacksonException e) {
            throw ImageError.BAD_REQUEST.exception("The request body is not valid JSON.");
        }
    }

    private static String query(MultiValueMap<String, String> params) {
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, List<String>> e : params.entrySet()) {
            for (String v : e.getValue()) {
                sb.append(sb.isEmpty() ? '?' : '&').append(URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8))
                        .append('=').append(URLEncoder.encode(v, StandardCharsets.UTF_8));
            }
        }
        return sb.toString();
    }
}
