package io.nubo.objectstore.object;

import io.nubo.objectstore.access.AccessPolicy;
import io.nubo.objectstore.container.ContainerEntity;
import io.nubo.objectstore.container.ContainerStore;
import io.nubo.objectstore.error.SwiftError;
import io.nubo.objectstore.swift.QueryParams;
import io.nubo.objectstore.swift.SwiftHeaders;
import io.nubo.objectstore.swift.SwiftPath;
import io.nubo.objectstore.swift.SwiftRequest;
import io.nubo.objectstore.swift.SwiftResponse;
import io.nubo.shared.security.NuboPrincipal;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.stereotype.Component;
import org.springframework.web.util.UriUtils;

/**
 * Object requests: PUT (with {@code X-Copy-From} and SLO manifests), COPY, POST, DELETE, GET and HEAD. Each takes
 * the request as a {@link SwiftRequest} (an upload's bytes as its body stream) and answers a {@link SwiftResponse}.
 */
@Component
public class ObjectHandler {

    private final ContainerStore containers;
    private final ObjectCatalog catalog;
    private final ObjectWriter writer;
    private final SloManifests slo;
    private final ObjectDownload download;
    private final LargeObjects largeObjects;
    private final AccessPolicy access;

    public ObjectHandler(ContainerStore containers, ObjectCatalog catalog, ObjectWriter writer, SloManifests slo,
                         ObjectDownload download, LargeObjects largeObjects, AccessPolicy access) {
        this.containers = containers;
        this.catalog = catalog;
        this.writer = writer;
        this.slo = slo;
        this.download = download;
        this.largeObjects = largeObjects;
        this.access = access;
    }

    /**
     * GET or HEAD; {@code tempUrl} true when a valid TempURL signature already admitted the request, which then
     * answers with its {@code disposition} (null for none) unless the object has its own.
     */
    public SwiftResponse read(SwiftRequest request, NuboPrincipal who, boolean tempUrl, String disposition)
            throws IOException {
        SwiftPath p = request.path();
        ContainerEntity c = containers.container(p.account(), p.container()).orElse(null);
        if (!tempUrl) {
            access.requireRead(who, p.account(), c == null ? Map.of() : ContainerStore.metadataOf(c),
                    request.header("Referer"), false);
        }
        if (c == null) {
            throw SwiftError.OS_001_NOT_FOUND.error();
        }
        ObjectEntity o = catalog.existing(c.getId(), p.object());
        SwiftResponse.Builder response = SwiftResponse.builder();
        if (disposition != null) {
            response.header("Content-Disposition", disposition);
        }
        return download.serve(p.account(), o, request, response);
    }

    public SwiftResponse put(SwiftRequest request, NuboPrincipal who, boolean tempUrl) throws IOException {
        SwiftPath p = request.path();
        QueryParams q = request.query();
        WriteRules.checkName(p.object());
        ContainerEntity c = writableContainer(p, who, tempUrl);
        String copyFrom = request.header("X-Copy-From");
        if (copyFrom != null) {
            String sourceAccount = headerOr(request, "X-Copy-From-Account", p.account());
            return copy(sourceAccount, copyFrom, p.account(), c, p.object(), who, request, true);
        }
        long length = request.contentLength();
        boolean chunked = "chunked".equalsIgnoreCase(request.header("Transfer-Encoding"));
        if (length < 0 && !chunked) {
            throw SwiftError.OS_006_LENGTH_REQUIRED.error();
        }
        ObjectWriter.Description d = describe(request, p.object(), null, WriteRules.metadata(request));
        ObjectEntity saved;
        if ("put".equals(q.get("multipart-manifest"))) {
            saved = slo.put(p.account(), c, p.object(), request.body(), d);
        } else {
            saved = writer.write(c, new ObjectUpload(p.account(), p.object(), request.body(),
                    chunked ? -1 : length, d));
        }
        return created(saved, SwiftResponse.builder());
    }

    /** COPY with a {@code Destination}: a PUT of the destination with this object as {@code X-Copy-From}. */
    public SwiftResponse copyTo(SwiftRequest request, NuboPrincipal who) throws IOException {
        SwiftPath p = request.path();
        String destination = request.header("Destination");
        if (destination == null || destination.isBlank()) {
            throw SwiftError.OS_007_PRECONDITION_FAILED.error("Destination header required");
        }
        String[] parts = destination.trim().replaceFirst("^/", "").split("/", 2);
        if (parts.length < 2 || parts[1].isEmpty()) {
            throw SwiftError.OS_007_PRECONDITION_FAILED.error(
                    "Destination header must be of the form <container name>/<object name>");
        }
        String destAccount = headerOr(request, "Destination-Account", p.account());
        SwiftPath dest = new SwiftPath(destAccount, UriUtils.decode(parts[0], StandardCharsets.UTF_8),
                UriUtils.decode(parts[1], StandardCharsets.UTF_8));
        WriteRules.checkName(dest.object());
        ContainerEntity c = writableContainer(dest, who, false);
        return copy(p.account(), "/" + p.container() + "/" + p.object(), dest.account(), c, dest.object(), who,
                request, false);
    }

    private SwiftResponse copy(String sourceAccount, String source, String account, ContainerEntity dest,
                               String name, NuboPrincipal who, SwiftRequest request, boolean encoded)
            throws IOException {
        QueryParams q = request.query();
        String raw = source.trim().replaceFirst("^/", "");
        String[] parts = raw.split("/", 2);
        if (parts.length < 2 || parts[1].isEmpty()) {
            throw SwiftError.OS_007_PRECONDITION_FAILED.error(
                    "X-Copy-From header must be of the form <container name>/<object name>");
        }
        String srcContainer = encoded ? UriUtils.decode(parts[0], StandardCharsets.UTF_8) : parts[0];
        String srcObject = encoded ? UriUtils.decode(parts[1], StandardCharsets.UTF_8) : parts[1];
        ContainerEntity sc = containers.container(sourceAccount, srcContainer).orElse(null);
        access.requireRead(who, sourceAccount, sc == null ? Map.of() : ContainerStore.metadataOf(sc),
                request.header("Referer"), false);
        if (sc == null) {
            throw SwiftError.OS_001_NOT_FOUND.error();
        }
        ObjectEntity src = catalog.existing(sc.getId(), srcObject);
        boolean fresh = "true".equalsIgnoreCase(request.header("X-Fresh-Metadata"));
        TreeMap<String, String> meta = fresh ? WriteRules.metadata(request)
                : WriteRules.metadataOver(ObjectCatalog.metadataOf(src), request);
        ObjectWriter.Description d = describe(request, name, src.getContentType(), meta);
        ObjectEntity saved;
        boolean manifestCopy = "get".equals(q.get("multipart-manifest")) && src.getKind() != ObjectKind.PLAIN;
        if (manifestCopy) {
            saved = writer.save(dest, name, new ObjectVersion(null, src.getSizeBytes(), src.getEtag(),
                    d.contentType(), java.time.Instant.now(), d.deleteAt(), src.getKind(), src.getManifest(), meta));
        } else {
            ObjectContent content = largeObjects.contentOf(sourceAccount, src);
            try (InputStream in = content.stream()) {
                saved = writer.write(dest, new ObjectUpload(account, name, in, content.size(),
                        new ObjectWriter.Description(d.contentType(), meta, d.deleteAt(), ObjectKind.PLAIN, null,
                                null)));
            }
        }
        SwiftResponse.Builder response = SwiftResponse.builder();
        response.header("X-Copied-From", UriUtils.encodePath(srcContainer + "/" + srcObject,
                StandardCharsets.UTF_8));
        response.header("X-Copied-From-Last-Modified",
                SwiftHeaders.httpDate(SwiftHeaders.lastModifiedSeconds(src.getModifiedAt())));
        if (!sourceAccount.equals(account)) {
            response.header("X-Copied-From-Account", sourceAccount);
        }
        response.metadata(ObjectCatalog.metadataOf(saved));
        return created(saved, response);
    }

    public SwiftResponse post(SwiftRequest request, NuboPrincipal who, boolean tempUrl) {
        SwiftPath p = request.path();
        ContainerEntity c = writableContainer(p, who, tempUrl);
        TreeMap<String, String> meta = WriteRules.metadata(request);
        String ct = request.header("Content-Type");
        String manifest = WriteRules.dloManifest(request);
        catalog.update(c.getId(), p.object(), o -> {
            o.setMetadata(io.nubo.objectstore.metadata.MetadataMap.write(meta));
            if (ct != null && !ct.isBlank() && !ct.startsWith("application/x-www-form-urlencoded")) {
                o.setContentType(ct.trim());
            }
            o.setDeleteAt(WriteRules.deleteAt(request, o.getDeleteAt()));
            if (manifest != null && o.getKind() != ObjectKind.SLO) {
                o.setKind(ObjectKind.DLO);
                o.setManifest(manifest);
            }
            o.setModifiedAt(java.time.Instant.now());
        });
        return SwiftResponse.builder().status(202).contentType("text/html; charset=UTF-8")
                .body("<html><h1>Accepted</h1><p>The request is accepted for processing.</p></html>").build();
    }

    public SwiftResponse delete(SwiftRequest request, NuboPrincipal who, boolean tempUrl) {
        SwiftPath p = request.path();
        QueryParams q = request.query();
        ContainerEntity c = writableContainer(p, who, tempUrl);
        if ("delete".equals(q.get("multipart-manifest"))) {
            ObjectEntity o = catalog.existing(c.getId(), p.object());
            if (o.getKind() == ObjectKind.SLO) {
                return deleteSlo(p, c, o, who, request);
            }
        }
        if (!catalog.delete(c, p.object())) {
            throw SwiftError.OS_001_NOT_FOUND.error();
        }
        return SwiftResponse.empty(204);
    }

    private SwiftResponse deleteSlo(SwiftPath p, ContainerEntity c, ObjectEntity o, NuboPrincipal who,
                                    SwiftRequest request) {
        int deleted = 0;
        int notFound = 0;
        for (SloSegment s : LargeObjects.segments(o.getManifest())) {
            String[] parts = s.name().replaceFirst("^/", "").split("/", 2);
            ContainerEntity sc = parts.length < 2 ? null : containers.container(p.account(), parts[0]).orElse(null);
            if (sc != null) {
                access.requireWrite(who, p.account(), ContainerStore.metadataOf(sc));
            }
            if (sc != null && catalog.delete(sc, parts[1])) {
                deleted++;
            } else {
                notFound++;
            }
        }
        if (catalog.delete(c, p.object())) {
            deleted++;
        } else {
            notFound++;
        }
        return BulkResult.of(deleted, notFound).render(request.header("Accept"));
    }

    private ContainerEntity writableContainer(SwiftPath p, NuboPrincipal who, boolean tempUrl) {
        ContainerEntity c = containers.container(p.account(), p.container()).orElse(null);
        if (!tempUrl) {
            access.requireWrite(who, p.account(), c == null ? Map.of() : ContainerStore.metadataOf(c));
        }
        if (c == null) {
            throw SwiftError.OS_001_NOT_FOUND.error();
        }
        return c;
    }

    private static ObjectWriter.Description describe(SwiftRequest request, String name, String fallbackType,
                                                     Map<String, String> meta) {
        String manifest = WriteRules.dloManifest(request);
        return new ObjectWriter.Description(WriteRules.contentType(request, name, fallbackType), meta,
                WriteRules.deleteAt(request, null), manifest == null ? ObjectKind.PLAIN : ObjectKind.DLO, manifest,
                request.header("ETag"));
    }

    private static SwiftResponse created(ObjectEntity saved, SwiftResponse.Builder response) {
        response.header("ETag", saved.getEtag());
        response.header("Last-Modified",
                SwiftHeaders.httpDate(SwiftHeaders.lastModifiedSeconds(saved.getModifiedAt())));
        return response.empty(201).build();
    }

    private static String headerOr(SwiftRequest request, String name, String fallback) {
        String v = request.header(name);
        return v == null || v.isBlank() ? fallback : UriUtils.decode(v.trim(), StandardCharsets.UTF_8);
    }
}
