package io.nubo.blockstorage.volume;

import io.nubo.shared.validation.ValidatedBody;
import io.nubo.blockstorage.request.Caller;
import io.nubo.blockstorage.request.Json;
import io.nubo.blockstorage.request.MetadataBodies.Meta;
import io.nubo.blockstorage.request.MetadataBodies.Metadata;
import io.nubo.blockstorage.request.Policy;
import io.nubo.blockstorage.error.VolumeError;
import io.nubo.shared.microversion.ApiVersion;
import java.time.Clock;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * A volume's metadata: {@code POST} merges, {@code PUT} replaces, and single items by key. From microversion 3.15
 * (Cinder's {@code ETAGS}) the metadata list answers an {@code Etag} (the MD5 of the document as Cinder's
 * {@code jsonutils.dumps} writes it) and the two {@code PUT}s honour {@code If-Match}: when none of its tags is the
 * current one the answer is 412 with no body and nothing changes (lost updates are refused).
 */
@RestController
@RequestMapping("/v3/{projectId}/volumes/{id}/metadata")
public class VolumeMetadataController {

    private final VolumeService volumes;
    private final Clock clock;

    public VolumeMetadataController(VolumeService volumes, Clock clock) {
        this.volumes = volumes;
        this.clock = clock;
    }

    /** Microversion 3.15: the metadata list's Etag and If-Match on its updates. */
    public static final String ETAGS = "3.15";

    @GetMapping
    @Transactional(readOnly = true)
    public Metadata show(Caller caller, @PathVariable String id, ApiVersion version,
                         jakarta.servlet.http.HttpServletResponse response) {
        VolumeEntity v = volumes.visible(caller, id);
        caller.require(Policy.VOLUME_GET, v.getProjectId());
        Metadata m = new Metadata(new TreeMap<>(v.getMetadata()));
        if (version.atLeast(ETAGS)) {
            // written directly: Spring's ResponseEntity handling would quote it, Cinder's is the bare digest
            response.setHeader(HttpHeaders.ETAG, MetadataEtag.of(m.metadata()));
        }
        return m;
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
    public ResponseEntity<Metadata> replace(Caller caller, @PathVariable String id, @RequestBody JsonNode body,
                                            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false)
                                            String ifMatch, ApiVersion version) {
        VolumeEntity v = writable(caller, id);
        if (!matches(v, ifMatch, version)) {
            return ResponseEntity.status(HttpStatus.PRECONDITION_FAILED).build();
        }
        Map<String, String> m = Json.stringMap(body, "metadata");
        v.getMetadata().clear();
        v.getMetadata().putAll(m);
        v.setUpdatedAt(clock.instant());
        return ResponseEntity.ok(new Metadata(new TreeMap<>(v.getMetadata())));
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
    public ResponseEntity<Meta> putItem(Caller caller, @PathVariable String id, @PathVariable String key,
                                        @RequestBody JsonNode body,
                                        @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                        ApiVersion version) {
        VolumeEntity v = writable(caller, id);
        if (!matches(v, ifMatch, version)) {
            return ResponseEntity.status(HttpStatus.PRECONDITION_FAILED).build();
        }
        Map<String, String> m = Json.metaItem(body, key);
        v.getMetadata().putAll(m);
        v.setUpdatedAt(clock.instant());
        return ResponseEntity.ok(new Meta(m));
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

    /** Cinder's {@code _validate_etag}: no If-Match, or one of its tags (or {@code *}) is the current Etag. */
    private static boolean matches(VolumeEntity v, String ifMatch, ApiVersion version) {
        if (ifMatch == null || !version.atLeast(ETAGS)) {
            return true;
        }
        String current = MetadataEtag.of(new TreeMap<>(v.getMetadata()));
        for (String tag : ifMatch.split(",")) {
            String t = tag.trim();
            if (t.startsWith("W/")) {
                t = t.substring(2);
            }
            if (t.length() >= 2 && t.startsWith("\"") && t.endsWith("\"")) {
                t = t.substring(1, t.length() - 1);
            }
            if (t.equals("*") || t.equals(current)) {
                return true;
            }
        }
        return false;
    }

    private VolumeEntity writable(Caller caller, String id) {
        VolumeEntity v = volumes.visible(caller, id);
        caller.require(Policy.VOLUME_METADATA, v.getProjectId());
        return v;
    }
}
