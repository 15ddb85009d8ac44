package io.nubo.blockstorage.volume.type;

import io.nubo.shared.validation.ValidatedBody;
import io.nubo.blockstorage.volume.type.api.VolumeTypeView;
import io.nubo.blockstorage.volume.VolumeRepository;
import io.nubo.blockstorage.request.Caller;
import io.nubo.blockstorage.request.Json;
import io.nubo.blockstorage.request.Policy;
import io.nubo.blockstorage.error.VolumeError;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/** Volume types and their extra specs; managing them is for admins ({@code volume_extension:types_manage}). */
@RestController
@RequestMapping("/v3/{projectId}/types")
public class VolumeTypeController {

    private final VolumeTypeService types;
    private final VolumeRepository volumes;

    public VolumeTypeController(VolumeTypeService types, VolumeRepository volumes) {
        this.types = types;
        this.volumes = volumes;
    }

    static VolumeTypeView view(VolumeTypeEntity t, Caller caller) {
        return new VolumeTypeView(t.getId(), t.getName(), t.getDescription(), t.isPublic(), t.isPublic(),
                caller.allows(Policy.TYPE_MANAGE) ? new TreeMap<>(t.getExtraSpecs()) : null);
    }

    /** The update answer: Cinder's type view without the access extension's attribute (Tempest checks it). */
    static VolumeTypeView updated(VolumeTypeEntity t, Caller caller) {
        return new VolumeTypeView(t.getId(), t.getName(), t.getDescription(), t.isPublic(), null,
                caller.allows(Policy.TYPE_MANAGE) ? new TreeMap<>(t.getExtraSpecs()) : null);
    }

    @GetMapping
    @Transactional(readOnly = true)
    public VolumeTypeView.Many list(Caller caller) {
        return new VolumeTypeView.Many(types.list(caller).stream().map(t -> view(t, caller)).toList());
    }

    @GetMapping("/{id}")
    @Transactional(readOnly = true)
    public VolumeTypeView.One show(Caller caller, @PathVariable String id) {
        VolumeTypeEntity t = "default".equals(id) ? types.defaultType() : types.get(id, caller);
        return new VolumeTypeView.One(view(t, caller));
    }

    @PostMapping
    @ValidatedBody("block-storage/volume-type-create.json")
    public VolumeTypeView.One create(Caller caller, @RequestBody JsonNode body) {
        caller.require(Policy.TYPE_MANAGE);
        JsonNode t = Json.root(body, "volume_type");
        String name = Json.string(t, "name");
        Boolean isPublic = Json.bool(t, "os-volume-type-access:is_public");
        if (isPublic == null) {
            isPublic = Json.bool(t, "is_public");
        }
        VolumeTypeEntity made = types.create(name.trim(), Json.string(t, "description"),
                isPublic == null || isPublic, Json.stringMap(t, "extra_specs"));
        return new VolumeTypeView.One(view(made, caller));
    }

    @PutMapping("/{id}")
    @ValidatedBody("block-storage/volume-type-update.json")
    public VolumeTypeView.One update(Caller caller, @PathVariable String id, @RequestBody JsonNode body) {
        caller.require(Policy.TYPE_MANAGE);
        JsonNode t = Json.root(body, "volume_type");
        String name = Json.string(t, "name");
        return new VolumeTypeView.One(updated(types.update(id, name, Json.string(t, "description"),
                Json.bool(t, "is_public")), caller));
    }

    @DeleteMapping("/{id}")
    public ResponseEntity<Void> delete(Caller caller, @PathVariable String id) {
        caller.require(Policy.TYPE_MANAGE);
        types.delete(id, volumes.countOfType(id));
        return ResponseEntity.accepted().build();
    }

    @GetMapping("/{id}/extra_specs")
    @Transactional(readOnly = true)
    public VolumeTypeView.ExtraSpecs specs(Caller caller, @PathVariable String id) {
        caller.require(Policy.TYPE_EXTRA_SPECS_READ);
        VolumeTypeEntity t = types.get(id);
        return new VolumeTypeView.ExtraSpecs(caller.allows(Policy.TYPE_MANAGE) ? new TreeMap<>(t.getExtraSpecs())
                : Map.of());
    }

    @PostMapping("/{id}/extra_specs")
    @ValidatedBody("block-storage/extra-specs-create.json")
    public VolumeTypeView.ExtraSpecs addSpecs(Caller caller, @PathVariable String id, @RequestBody JsonNode body) {
        caller.require(Policy.TYPE_MANAGE);
        Map<String, String> specs = Json.stringMap(body, "extra_specs");
        types.putSpecs(id, specs);
        return new VolumeTypeView.ExtraSpecs(specs);
    }

    @GetMapping("/{id}/extra_specs/{key}")
    @Transactional(readOnly = true)
    public Map<String, String> spec(Caller caller, @PathVariable String id, @PathVariable String key) {
        caller.require(Policy.TYPE_MANAGE);
        String v = types.get(id).getExtraSpecs().get(key);
        if (v == null) {
            throw VolumeError.TYPE_SPEC_NOT_FOUND.exception(id, key);
        }
        return Map.of(key, v);
    }

    @PutMapping("/{id}/extra_specs/{key}")
    @ValidatedBody("block-storage/extra-spec-update.json")
    public Map<String, String> putSpec(Caller caller, @PathVariable String id, @PathVariable String key,
                                       @RequestBody JsonNode body) {
        caller.require(Policy.TYPE_MANAGE);
        Map<String, String> m = Json.oneItem(Json.stringMap(
                tools.jackson.databind.node.JsonNodeFactory.instance.objectNode().set("spec", body), "spec"), key);
        types.putSpecs(id, m);
        return m;
    }

    @DeleteMapping("/{id}/extra_specs/{key}")
    public ResponseEntity<Void> deleteSpec(Caller caller, @PathVariable String id, @PathVariable String key) {
        caller.require(Policy.TYPE_MANAGE);
        types.deleteSpec(id, key);
        return ResponseEntity.accepted().build();
    }

    @GetMapping("/{id}/os-volume-type-access")
    @Transactional(readOnly = true)
    public VolumeTypeView.Access access(Caller caller, @PathVariable String id) {
        caller.require(Policy.TYPE_ACCESS_LIST);
        VolumeTypeEntity t = types.get(id);
        if (t.isPublic()) {
            throw VolumeError.TYPE_ACCESS_NOT_FOUND.exception(id, "(public)");
        }
        return new VolumeTypeView.Access(t.getProjects().stream()
                .map(p -> new VolumeTypeView.Access.Entry(t.getId(), p)).toList());
    }

    @PostMapping("/{id}/action")
    @ValidatedBody("block-storage/volume-type-action.json")
    public ResponseEntity<Void> action(Caller caller, @PathVariable String id, @RequestBody JsonNode body) {
        caller.require(Policy.TYPE_ACCESS_MANAGE);
        boolean grant = body.has("addProjectAccess");
        JsonNode args = body.get(grant ? "addProjectAccess" : "removeProjectAccess");
        types.access(id, Json.string(args, "project"), grant);
        return ResponseEntity.accepted().build();
    }
}
