package io.nubo.blockstorage.volume;

import io.nubo.shared.validation.ValidatedBody;
import io.nubo.blockstorage.request.Caller;
import io.nubo.blockstorage.request.Json;
import io.nubo.blockstorage.request.MetadataBodies.Meta;
import io.nubo.blockstorage.request.MetadataBodies.Metadata;
import io.nubo.blockstorage.request.Policy;
import io.nubo.blockstorage.error.VolumeError;
import java.time.Clock;
import java.util.Map;
import java.util.TreeMap;
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

/** A volume's metadata: {@code POST} merges, {@code PUT} replaces, and single items by key. */
@RestController
@RequestMapping("/v3/{projectId}/volumes/{id}/metadata")
public class VolumeMetadataController {

    private final VolumeService volumes;
    private final Clock clock;

    public VolumeMetadataController(VolumeService volumes, Clock clock) {
        this.volumes = volumes;
        this.clock = clock;
    }

    @GetMapping
    @Transactional(readOnly = true)
    public Metadata show(Caller caller, @PathVariable String id) {
        VolumeEntity v = volumes.visible(caller, id);
        caller.require(Policy.VOLUME_GET, v.getProjectId());
        return new Metadata(new TreeMap<>(v.getMetadata()));
    }

    @PostMapping
    @ValidatedBody("block-storage/volume-metadata.json")
    @Transactional
    public Metadata merge(Caller caller, @PathVariable String id, @RequestBody JsonNode body) {
        VolumeEntity v = writable(caller, id);
        v.getMetadata().putAll(Json.stringMap(body, "metadata"));
        v.setUpdatedAt(clock.instant());
        return new Metadata(new TreeMap<>(v.getMetadata()));
    }

    @PutMapping
    @ValidatedBody("block-storage/volume-metadata.json")
    @Transactional
    public Metadata replace(Caller caller, @PathVariable String id, @RequestBody JsonNode body) {
        VolumeEntity v = writable(caller, id);
        Map<String, String> m = Json.stringMap(body, "metadata");
        v.getMetadata().clear();
        v.getMetadata().putAll(m);
        v.setUpdatedAt(clock.instant());
        return new Metadata(new TreeMap<>(v.getMetadata()));
    }

    @GetMapping("/{key}")
    @Transactional(readOnly = true)
    public Meta showItem(Caller caller, @PathVariable String id, @PathVariable String key) {
        VolumeEntity v = volumes.visible(caller, id);
        caller.require(Policy.VOLUME_GET, v.getProjectId());
        String value = v.getMetadata().get(key);
        if (value == null) {
            throw VolumeError.METADATA_NOT_FOUND.exception();
        }
        return new Meta(Map.of(key, value));
    }

    @PutMapping("/{key}")
    @ValidatedBody("block-storage/volume-metadata-item.json")
    @Transactional
    public Meta putItem(Caller caller, @PathVariable String id, @PathVariable String key,
                        @RequestBody JsonNode body) {
        VolumeEntity v = writable(caller, id);
        Map<String, String> m = Json.metaItem(body, key);
        v.getMetadata().putAll(m);
        v.setUpdatedAt(clock.instant());
        return new Meta(m);
    }

    @DeleteMapping("/{key}")
    @Transactional
    public void deleteItem(Caller caller, @PathVariable String id, @PathVariable String key) {
        VolumeEntity v = writable(caller, id);
        if (v.getMetadata().remove(key) == null) {
            throw VolumeError.METADATA_NOT_FOUND.exception();
        }
        v.setUpdatedAt(clock.instant());
    }

    private VolumeEntity writable(Caller caller, String id) {
        VolumeEntity v = volumes.visible(caller, id);
        caller.require(Policy.VOLUME_METADATA, v.getProjectId());
        return v;
    }
}
