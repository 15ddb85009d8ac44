package io.nubo.blockstorage.group;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.nubo.blockstorage.error.VolumeError;
import io.nubo.blockstorage.request.Caller;
import io.nubo.blockstorage.request.Json;
import io.nubo.blockstorage.request.Policy;
import io.nubo.blockstorage.config.BlockStorageProperties;
import io.nubo.blockstorage.request.Paging;
import io.nubo.shared.api.Link;
import io.nubo.shared.microversion.Microversions;
import io.nubo.shared.validation.ValidatedQuery;
import java.util.function.Function;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ResponseStatus;
import io.nubo.shared.validation.ValidatedBody;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * Microversion 3.11: {@code /group_types} and their {@code group_specs}, as Cinder's {@code GroupTypesController}
 * and {@code GroupTypeSpecsController}. {@code group_types/default} is Cinder's default group type, which is
 * configured nowhere here (Cinder's {@code default_group_type} unset): 404.
 */
@RestController
@RequestMapping("/v3/{projectId}/group_types")
@Microversions(min = GroupTypeController.GROUP_TYPE)
public class GroupTypeController {

    static final String GROUP_TYPE = "3.11";

    public record GroupTypeView(String id, String name, String description, @JsonProperty("is_public") boolean isPublic,
                                @JsonInclude(JsonInclude.Include.NON_NULL) @JsonProperty("group_specs")
                                Map<String, String> groupSpecs) {
    }

    public record One(@JsonProperty("group_type") GroupTypeView groupType) {
    }

    public record Many(@JsonProperty("group_types") List<GroupTypeView> groupTypes,
                       @JsonInclude(JsonInclude.Include.NON_NULL) @JsonProperty("group_type_links") List<Link> links) {
    }

    @SuppressWarnings("rawtypes")
    private static final Map<String, Function<GroupTypeEntity, Comparable>> SORT_KEYS = Map.of(
            "created_at", GroupTypeEntity::getCreatedAt, "id", GroupTypeEntity::getId, "name", GroupTypeEntity::getName,
            "description", t -> t.getDescription() == null ? "" : t.getDescription(), "is_public",
            GroupTypeEntity::isPublic);
    private static final Paging<GroupTypeEntity> PAGING = new Paging<>(SORT_KEYS, GroupTypeEntity::getId,
            "created_at");

    public record Specs(@JsonProperty("group_specs") Map<String, String> groupSpecs) {
    }

    private final GroupTypeService types;
    private final int maxLimit;

    public GroupTypeController(GroupTypeService types, BlockStorageProperties properties) {
        this.types = types;
        this.maxLimit = properties.defaultListLimit();
    }

    static GroupTypeView view(GroupTypeEntity t, Caller caller) {
        return new GroupTypeView(t.getId(), t.getName(), t.getDescription(), t.isPublic(),
                caller.allows(Policy.GROUP_TYPE_SPECS_SHOW) ? new TreeMap<>(t.getGroupSpecs()) : null);
    }

    /** Cinder's list: {@code is_public}, sorted and paged as the other lists ({@code sort}, {@code limit}, ...). */
    @GetMapping
    @ValidatedQuery("block-storage/list-query.json")
    public Many list(Caller caller, @RequestParam Map<String, String> params) {
        String isPublic = params.get("is_public");
        // Cinder's _parse_is_public: absent or "true"-ish is the public ones, "none" every one, false the private
        Boolean wanted = isPublic == null ? Boolean.TRUE : isPublic.equalsIgnoreCase("none") ? null
                : isPublic.matches("(?i)1|t|true|on|y|yes");
        Paging.Page<GroupTypeEntity> page = PAGING.page(types.list(caller, wanted), params, maxLimit,
                "Marker %s could not be found.");
        return new Many(page.items().stream().map(t -> view(t, caller)).toList(), page.links());
    }

    @GetMapping("/{id}")
    public One show(Caller caller, @PathVariable String id) {
        if (id.equals("default")) {
            throw VolumeError.NOT_FOUND.exception("Default group type can not be found.");
        }
        return new One(view(types.get(caller, id), caller));
    }

    @PostMapping
    @ResponseStatus(HttpStatus.ACCEPTED)
    @ValidatedBody("block-storage/group-type-create.json")
    public One create(Caller caller, @RequestBody JsonNode body) {
        JsonNode t = body.get("group_type");
        Boolean isPublic = Json.bool(t, "is_public");
        return new One(view(types.create(caller, Json.string(t, "name").strip(), Json.string(t, "description"),
                isPublic == null || isPublic, Json.stringMap(t, "group_specs")), caller));
    }

    @PutMapping("/{id}")
    @ValidatedBody("block-storage/group-type-update.json")
    public One update(Caller caller, @PathVariable String id, @RequestBody JsonNode body) {
        JsonNode t = body.get("group_type");
        String name = Json.string(t, "name");
        String description = Json.string(t, "description");
        Boolean isPublic = Json.bool(t, "is_public");
        if (name == null && description == null && isPublic == null) {
            throw VolumeError.BAD_REQUEST.exception("Specify group type name, description or a combination"
                    + " thereof.");
        }
        return new One(view(types.update(caller, id, name == null ? null : name.strip(), description, isPublic),
                caller));
    }

    @DeleteMapping("/{id}")
    public ResponseEntity<Void> delete(Caller caller, @PathVariable String id) {
        types.delete(caller, id);
        return ResponseEntity.accepted().build();
    }

    @GetMapping("/{id}/group_specs")
    public Specs specs(Caller caller, @PathVariable String id) {
        return new Specs(new TreeMap<>(types.specs(caller, id)));
    }

    /** Creates or updates the given specs; Cinder answers with exactly those. */
    @PostMapping("/{id}/group_specs")
    @ResponseStatus(HttpStatus.ACCEPTED)
    @ValidatedBody("block-storage/group-specs.json")
    public Specs putSpecs(Caller caller, @PathVariable String id, @RequestBody JsonNode body) {
        Map<String, String> specs = Json.stringMap(body, "group_specs");
        types.putSpecs(caller, id, specs);
        return new Specs(new TreeMap<>(specs));
    }

    @GetMapping("/{id}/group_specs/{key}")
    public Map<String, String> spec(Caller caller, @PathVariable String id, @PathVariable String key) {
        String value = types.specs(caller, id).get(key);
        if (value == null) {
            throw VolumeError.GROUP_TYPE_SPEC_NOT_FOUND.exception(id, key);
        }
        return Map.of(key, value);
    }

    @PutMapping("/{id}/group_specs/{key}")
    @ValidatedBody("block-storage/group-spec-item.json")
    public Map<String, String> putSpec(Caller caller, @PathVariable String id, @PathVariable String key,
                                       @RequestBody JsonNode body) {
        if (!body.has(key)) {
            throw VolumeError.BAD_REQUEST.exception("Request body and URI mismatch");
        }
        String value = body.get(key).asString();
        types.putSpecs(caller, id, Map.of(key, value));
        return Map.of(key, value);
    }

    @DeleteMapping("/{id}/group_specs/{key}")
    public ResponseEntity<Void> deleteSpec(Caller caller, @PathVariable String id, @PathVariable String key) {
        types.deleteSpec(caller, id, key);
        return ResponseEntity.accepted().build();
    }
}
