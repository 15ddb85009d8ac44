package io.nubo.objectstore.object;

import io.nubo.objectstore.access.AccessPolicy;
import io.nubo.objectstore.container.ContainerEntity;
import io.nubo.objectstore.container.ContainerStore;
import io.nubo.objectstore.error.SwiftError;
import io.nubo.objectstore.web.QueryParams;
import io.nubo.objectstore.web.SwiftHeaders;
import io.nubo.objectstore.web.SwiftPath;
import io.nubo.shared.security.NuboPrincipal;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.stereotype.Component;
import org.springframework.web.util.UriUtils;

/** Object requests: PUT (with {@code X-Copy-From} and SLO manifests), COPY, POST, DELETE, GET and HEAD. */
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

    /** GET or HEAD; {@code tempUrl} true when a valid TempURL signature already admitted the request. */
    public void read(SwiftPath p, QueryParams q, NuboPrincipal who, boolean tempUrl, HttpServletRequest request,
                     HttpServletResponse response) throws IOException {
        ContainerEntity c = containers.container(p.account(), p.container()).orElse(null);
        if (!tempUrl) {
            access.requireRead(who, p.account(), c == null ? Map.of() : ContainerStore.metadataOf(c),
                    request.getHeader("Referer"), false);
        }
        if (c == null) {
            throw SwiftError.OS_001_NOT_FOUND.error();
        }
        ObjectEntity o = catalog.existing(c.getId(), p.object());
        download.serve(p.account(), o, q, request, response);
    }

    public void put(SwiftPath p, QueryParams q, NuboPrincipal who, boolean tempUrl, HttpServletRequest request,
                    HttpServletResponse response) throws IOException {
        WriteRules.checkName(p.object());
        ContainerEntity c = writableContainer(p, who, tempUrl);
        String copyFrom = request.getHeader("X-Copy-From");
        if (copyFrom != null) {
            String sourceAccount = headerOr(request, "X-Copy-From-Account", p.account());
            copy(sourceAccount, copyFrom, p.account(), c, p.object(), who, q, request, response);
            return;
        }
        long length = request.getContentLengthLong();
        boolean chunked = "chunked".equalsIgnoreCase(request.getHeader("Transfer-Encoding"));
        if (length < 0 && !chunked) {
            throw SwiftError.OS_006_LENGTH_REQUIRED.error();
        }
        ObjectWriter.Description d = describe(request, p.object(), null, WriteRules.metadata(request));
        ObjectEntity saved;
        if ("put".equals(q.get("multipart-manifest"))) {
            saved = slo.put(p.account(), c, p.object(), request.getInputStream(), d);
        } else {
            saved = writer.write(c, new ObjectUpload(p.account(), p.object(), request.getInputStream(),
                    chunked ? -1 : length, d));
        }
        created(saved, response);
    }

    /** COPY with a {@code Destination}: a PUT of the destination with this object as {@code X-Copy-From}. */
    public void copyTo(SwiftPath p, QueryParams q, NuboPrincipal who, HttpServletRequest request,
                       HttpServletResponse response) throws IOException {
        String destination = request.getHeader("Destination");
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
        copy(p.account(), "/" + p.container() + "/" + p.object(), dest.account(), c, dest.object(), who, q, request,
                response, false);
    }

    private void copy(String sourceAccount, String source, String account, ContainerEntity dest, String name,
                      NuboPrincipal who, QueryParams q, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        copy(sourceAccount, source, account, dest, name, who, q, request, response, true);
    }

    private void copy(String sourceAccount, String source, String account, ContainerEntity dest, String name,
                      NuboPrincipal who, QueryParams q, HttpServletRequest request, HttpServletResponse response,
                      boolean encoded) throws IOException {
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
                request.getHeader("Referer"), false);
        if (sc == null) {
            throw SwiftError.OS_001_NOT_FOUND.error();
        }
        ObjectEntity src = catalog.existing(sc.getId(), srcObject);
        boolean fresh = "true".equalsIgnoreCase(request.getHeader("X-Fresh-Metadata"));
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
        response.setHeader("X-Copied-From", UriUtils.encodePath(srcContainer + "/" + srcObject,
                StandardCharsets.UTF_8));
        response.setHeader("X-Copied-From-Last-Modified",
                SwiftHeaders.httpDate(SwiftHeaders.lastModifiedSeconds(src.getModifiedAt())));
        if (!sourceAccount.equals(account)) {
            response.setHeader("X-Copied-From-Account", sourceAccount);
        }
        SwiftHeaders.writeMetadata(response, ObjectCatalog.metadataOf(saved));
        created(saved, response);
    }

    public void post(SwiftPath p, NuboPrincipal who, boolean tempUrl, HttpServletRequest request,
                     HttpServletResponse response) {
        ContainerEntity c = writableContainer(p, who, tempUrl);
        ObjectEntity o = catalog.existing(c.getId(), p.object());
        TreeMap<String, String> meta = WriteRules.metadata(request);
        o.setMetadata(io.nubo.objectstore.metadata.MetadataMap.write(meta));
        String ct = request.getHeader("Content-Type");
        if (ct != null && !ct.isBlank() && !ct.startsWith("application/x-www-form-urlencoded")) {
            o.setContentType(ct.trim());
        }
        o.setDeleteAt(WriteRules.deleteAt(request, o.getDeleteAt()));
        String manifest = WriteRules.dloManifest(request);
        if (manifest != null && o.getKind() != ObjectKind.SLO) {
            o.setKind(ObjectKind.DLO);
            o.setManifest(manifest);
        }
        o.setModifiedAt(java.time.Instant.now());
        catalog.update(o);
        byte[] body = "<html><h1>Accepted</h1><p>The request is accepted for processing.</p></html>"
                .getBytes(StandardCharsets.UTF_8);
        response.setStatus(202);
        response.setContentType("text/html; charset=UTF-8");
        response.setContentLength(body.length);
        try {
            response.getOutputStream().write(body);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    public void delete(SwiftPath p, QueryParams q, NuboPrincipal who, boolean tempUrl, HttpServletRequest request,
                       HttpServletResponse response) throws IOException {
        ContainerEntity c = writableContainer(p, who, tempUrl);
        if ("delete".equals(q.get("multipart-manifest"))) {
            ObjectEntity o = catalog.existing(c.getId(), p.object());
            if (o.getKind() == ObjectKind.SLO) {
                deleteSlo(p, c, o, who, request, response);
                return;
            }
        }
        if (!catalog.delete(c, p.object())) {
            throw SwiftError.OS_001_NOT_FOUND.error();
        }
        SwiftHeaders.empty(response, 204);
    }

    private void deleteSlo(SwiftPath p, ContainerEntity c, ObjectEntity o, NuboPrincipal who,
                           HttpServletRequest request, HttpServletResponse response) throws IOException {
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
        BulkResult.of(deleted, notFound).write(request, response);
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

    private static ObjectWriter.Description describe(HttpServletRequest request, String name, String fallbackType,
                                                     Map<String, String> meta) {
        String manifest = WriteRules.dloManifest(request);
        return new ObjectWriter.Description(WriteRules.contentType(request, name, fallbackType), meta,
                WriteRules.deleteAt(request, null), manifest == null ? ObjectKind.PLAIN : ObjectKind.DLO, manifest,
                request.getHeader("ETag"));
    }

    private static void created(ObjectEntity saved, HttpServletResponse response) {
        response.setHeader("ETag", saved.getEtag());
        response.setHeader("Last-Modified",
                SwiftHeaders.httpDate(SwiftHeaders.lastModifiedSeconds(saved.getModifiedAt())));
        SwiftHeaders.empty(response, 201);
    }

    private static String headerOr(HttpServletRequest request, String name, String fallback) {
        String v = request.getHeader(name);
        return v == null || v.isBlank() ? fallback : UriUtils.decode(v.trim(), StandardCharsets.UTF_8);
    }
}
