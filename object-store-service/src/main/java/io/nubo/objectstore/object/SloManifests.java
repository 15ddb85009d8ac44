package io.nubo.objectstore.object;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.nubo.objectstore.container.ContainerEntity;
import io.nubo.objectstore.container.ContainerStore;
import io.nubo.objectstore.error.SwiftError;
import io.nubo.objectstore.swift.SwiftHeaders;
import io.nubo.shared.validation.RequestSchemas;
import io.nubo.shared.validation.SchemaValidationAdvice;
import io.nubo.shared.web.OpenStackException;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;

/** Static large objects: {@code ?multipart-manifest=put} checks each segment and stores the list. */
@Component
public class SloManifests {

    static final int MAX_SEGMENTS = 1000;
    static final int MAX_MANIFEST_BYTES = 8 * 1024 * 1024;
    private static final TypeReference<List<SegmentRef>> REFS = new TypeReference<>() {
    };

    private final ContainerStore containers;
    private final ObjectCatalog catalog;
    private final ObjectWriter writer;
    private final RequestSchemas schemas;

    public SloManifests(ContainerStore containers, ObjectCatalog catalog, ObjectWriter writer,
                        RequestSchemas schemas) {
        this.schemas = schemas;
        this.containers = containers;
        this.catalog = catalog;
        this.writer = writer;
    }

    /** A segment as the client names it in the manifest it uploads. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record SegmentRef(@JsonProperty("path") String path, @JsonProperty("etag") String etag,
                      @JsonProperty("size_bytes") Long sizeBytes) {
    }

    public ObjectEntity put(String account, ContainerEntity c, String name, InputStream body,
                            ObjectWriter.Description d) throws IOException {
        byte[] raw = body.readNBytes(MAX_MANIFEST_BYTES + 1);
        if (raw.length > MAX_MANIFEST_BYTES) {
            throw SwiftError.OS_008_TOO_LARGE.error("Manifest File > " + MAX_MANIFEST_BYTES + " bytes");
        }
        List<SegmentRef> refs;
        try {
            JsonNode tree = SchemaValidationAdvice.parse(raw);
            schemas.validate("object-store/slo-manifest.json", tree);
            refs = LargeObjects.JSON.treeToValue(tree, REFS);
        } catch (JacksonException e) {
            throw SwiftError.OS_002_BAD_REQUEST.error("Manifest must be valid JSON.");
        } catch (OpenStackException e) {
            throw SwiftError.OS_002_BAD_REQUEST.error(e.getMessage());
        }
        if (refs == null || refs.isEmpty() || refs.size() > MAX_SEGMENTS) {
            throw SwiftError.OS_002_BAD_REQUEST.error("Manifest must list 1 to " + MAX_SEGMENTS + " segments.");
        }
        List<SloSegment> segments = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        StringBuilder etags = new StringBuilder();
        long size = 0;
        for (SegmentRef r : refs) {
            if (r == null || r.path() == null) {
                throw SwiftError.OS_002_BAD_REQUEST.error("Each segment needs a path.");
            }
            String[] parts = r.path().replaceFirst("^/", "").split("/", 2);
            Optional<ObjectEntity> seg = parts.length < 2 ? Optional.empty()
                    : containers.container(account, parts[0]).flatMap(sc -> catalog.find(sc.getId(), parts[1]));
            if (seg.isEmpty()) {
                problems.add(r.path() + ", 404 Not Found");
                continue;
            }
            ObjectEntity s = seg.get();
            if (r.etag() != null && !r.etag().replace("\"", "").equalsIgnoreCase(s.getEtag().replace("\"", ""))) {
                problems.add(r.path() + ", Etag Mismatch");
            }
            if (r.sizeBytes() != null && r.sizeBytes() != s.getSizeBytes()) {
                problems.add(r.path() + ", Size Mismatch");
            }
            segments.add(new SloSegment("/" + parts[0] + "/" + parts[1], s.getEtag(), s.getSizeBytes(),
                    s.getContentType(), SwiftHeaders.listingTime(s.getModifiedAt())));
            etags.append(s.getEtag());
            size += s.getSizeBytes();
        }
        if (!problems.isEmpty()) {
            throw SwiftError.OS_002_BAD_REQUEST.error("Errors: " + String.join("; ", problems));
        }
        String etag = LargeObjects.md5(etags.toString());
        if (d.expectedEtag() != null && !d.expectedEtag().replace("\"", "").equalsIgnoreCase(etag)) {
            throw SwiftError.OS_009_UNPROCESSABLE.error("The ETag sent does not match the manifest's.");
        }
        String manifest = LargeObjects.JSON.writeValueAsString(segments);
        return writer.save(c, name, new ObjectVersion(null, size, "\"" + etag + "\"", d.contentType(), Instant.now(),
                d.deleteAt(), ObjectKind.SLO, manifest, d.metadata()));
    }
}
