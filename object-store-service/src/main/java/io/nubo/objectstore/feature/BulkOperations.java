package io.nubo.objectstore.feature;

import io.nubo.objectstore.access.AccessPolicy;
import io.nubo.objectstore.container.ContainerEntity;
import io.nubo.objectstore.container.ContainerStore;
import io.nubo.objectstore.error.SwiftError;
import io.nubo.objectstore.error.SwiftException;
import io.nubo.objectstore.object.BulkResult;
import io.nubo.objectstore.object.ObjectCatalog;
import io.nubo.objectstore.object.ObjectKind;
import io.nubo.objectstore.object.ObjectUpload;
import io.nubo.objectstore.object.ObjectWriter;
import io.nubo.objectstore.object.WriteRules;
import io.nubo.objectstore.swift.SwiftPath;
import io.nubo.objectstore.swift.SwiftRequest;
import io.nubo.objectstore.swift.SwiftResponse;
import io.nubo.shared.security.NuboPrincipal;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.springframework.http.MediaTypeFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.util.UriUtils;

/**
 * Swift's bulk middleware: {@code ?bulk-delete} (DELETE or POST with one {@code container/object} or
 * {@code container} per line, up to 10,000) and {@code ?extract-archive=tar|tar.gz|tar.bz2} (a PUT whose tar
 * entries become objects, streamed entry by entry).
 */
@Component
public class BulkOperations {

    static final int MAX_DELETES = 10_000;

    private final ContainerStore containers;
    private final ObjectCatalog catalog;
    private final ObjectWriter writer;
    private final AccessPolicy access;

    public BulkOperations(ContainerStore containers, ObjectCatalog catalog, ObjectWriter writer,
                          AccessPolicy access) {
        this.containers = containers;
        this.catalog = catalog;
        this.writer = writer;
        this.access = access;
    }

    public SwiftResponse delete(SwiftRequest request, NuboPrincipal who) throws IOException {
        SwiftPath p = request.path();
        access.requireOwner(who, p.account());
        List<String> lines = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(request.body(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                if (!line.isBlank()) {
                    lines.add(line.trim());
                }
                if (lines.size() > MAX_DELETES) {
                    throw SwiftError.OS_008_TOO_LARGE.error("Maximum Bulk Deletes: " + MAX_DELETES + " per request");
                }
            }
        }
        int deleted = 0;
        int notFound = 0;
        List<List<String>> errors = new ArrayList<>();
        for (String line : lines) {
            String path = UriUtils.decode(line, StandardCharsets.UTF_8).replaceFirst("^/", "");
            String[] parts = path.split("/", 2);
            try {
                ContainerEntity c = containers.container(p.account(), parts[0]).orElse(null);
                if (c == null) {
                    notFound++;
                } else if (parts.length == 2 && !parts[1].isEmpty()) {
                    if (catalog.delete(c, parts[1])) {
                        deleted++;
                    } else {
                        notFound++;
                    }
                } else {
                    containers.delete(p.account(), parts[0]);
                    deleted++;
                }
            } catch (SwiftException e) {
                errors.add(List.of(line, e.status().value() + " " + e.status().getReasonPhrase()));
            }
        }
        BulkResult result = BulkResult.of(deleted, notFound);
        if (!errors.isEmpty()) {
            result = result.withErrors(errors, "400 Bad Request");
        }
        return result.render(request.header("Accept"));
    }

    public SwiftResponse extract(SwiftRequest request, String format, NuboPrincipal who) throws IOException {
        SwiftPath p = request.path();
        access.requireOwner(who, p.account());
        InputStream body = request.body();
        InputStream raw = switch (format) {
            case "tar" -> body;
            case "tar.gz" -> new GzipCompressorInputStream(body);
            case "tar.bz2" -> new BZip2CompressorInputStream(body);
            default -> throw SwiftError.OS_002_BAD_REQUEST.error("Unsupported archive format");
        };
        int created = 0;
        List<List<String>> errors = new ArrayList<>();
        try (TarArchiveInputStream tar = new TarArchiveInputStream(raw)) {
            TarArchiveEntry e;
            while ((e = tar.getNextEntry()) != null) {
                if (!e.isFile()) {
                    continue;
                }
                String path = (p.container() == null ? "" : p.container() + "/") + e.getName().replaceFirst("^\\./", "");
                path = path.replaceFirst("^/+", "");
                String[] parts = path.split("/", 2);
                if (parts.length < 2 || parts[1].isEmpty()) {
                    errors.add(List.of(path, "400 Bad Request"));
                    continue;
                }
                try {
                    WriteRules.checkName(parts[1]);
                    if (containers.container(p.account(), parts[0]).isEmpty()) {
                        containers.createOrUpdate(p.account(), parts[0], new TreeMap<>());
                    }
                    ContainerEntity c = containers.existing(p.account(), parts[0]);
                    String type = MediaTypeFactory.getMediaType(parts[1]).map(Object::toString)
                            .orElse("application/octet-stream");
                    writer.write(c, new ObjectUpload(p.account(), parts[1], tar, e.getSize(),
                            new ObjectWriter.Description(type, Map.of(), null, ObjectKind.PLAIN, null, null)));
                    created++;
                } catch (SwiftException ex) {
                    errors.add(List.of(path, ex.status().value() + " " + ex.status().getReasonPhrase()));
                }
            }
        } catch (IOException ex) {
            throw SwiftError.OS_002_BAD_REQUEST.error("Invalid Tar File: " + ex.getMessage());
        }
        return BulkResult.created(created, errors).render(request.header("Accept"));
    }
}
