package io.nubo.objectstore.container;

import io.nubo.objectstore.access.AccessPolicy;
import io.nubo.objectstore.account.Usage;
import io.nubo.objectstore.error.SwiftError;
import io.nubo.objectstore.error.SwiftException;
import io.nubo.objectstore.feature.StaticWeb;
import io.nubo.objectstore.listing.Lister;
import io.nubo.objectstore.listing.ListingFormat;
import io.nubo.objectstore.listing.ListingQuery;
import io.nubo.objectstore.listing.ListingWriter;
import io.nubo.objectstore.metadata.MetadataUpdate;
import io.nubo.objectstore.object.ListingRow;
import io.nubo.objectstore.object.ObjectCatalog;
import io.nubo.objectstore.object.Quotas;
import io.nubo.objectstore.swift.QueryParams;
import io.nubo.objectstore.swift.SwiftHeaders;
import io.nubo.objectstore.swift.SwiftPath;
import io.nubo.objectstore.swift.SwiftRequest;
import io.nubo.objectstore.swift.SwiftResponse;
import io.nubo.shared.security.NuboPrincipal;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.springframework.stereotype.Component;

/** Container requests: PUT, POST, DELETE, HEAD and GET (the object listing). */
@Component
public class ContainerHandler {

    static final String META = "x-container-meta-";
    static final Set<String> SYSTEM = Set.of(AccessPolicy.READ_ACL, AccessPolicy.WRITE_ACL);

    private final ContainerStore store;
    private final ObjectCatalog catalog;
    private final AccessPolicy access;
    private final StaticWeb staticWeb;

    public ContainerHandler(ContainerStore store, ObjectCatalog catalog, AccessPolicy access, StaticWeb staticWeb) {
        this.store = store;
        this.catalog = catalog;
        this.access = access;
        this.staticWeb = staticWeb;
    }

    public SwiftResponse put(SwiftRequest request, NuboPrincipal who) {
        SwiftPath p = request.path();
        access.requireOwner(who, p.account());
        if (p.container().length() > SwiftPath.MAX_CONTAINER_NAME) {
            throw SwiftError.OS_002_BAD_REQUEST.error("Container name length of " + p.container().length()
                    + " longer than " + SwiftPath.MAX_CONTAINER_NAME);
        }
        Map<String, String> current = store.container(p.account(), p.container()).map(ContainerStore::metadataOf)
                .orElse(new TreeMap<>());
        TreeMap<String, String> meta = MetadataUpdate.apply(current, request.headers(), META, SYSTEM);
        Quotas.validate(meta, Quotas.CONTAINER_BYTES, Quotas.CONTAINER_COUNT);
        boolean created = store.createOrUpdate(p.account(), p.container(), meta);
        return SwiftResponse.empty(created ? 201 : 202);
    }

    public SwiftResponse post(SwiftRequest request, NuboPrincipal who) {
        SwiftPath p = request.path();
        access.requireOwner(who, p.account());
        ContainerEntity c = store.existing(p.account(), p.container());
        TreeMap<String, String> meta = MetadataUpdate.apply(ContainerStore.metadataOf(c), request.headers(), META,
                SYSTEM);
        Quotas.validate(meta, Quotas.CONTAINER_BYTES, Quotas.CONTAINER_COUNT);
        store.setMetadata(c.getId(), meta);
        return SwiftResponse.empty(204);
    }

    public SwiftResponse delete(SwiftRequest request, NuboPrincipal who) {
        SwiftPath p = request.path();
        access.requireOwner(who, p.account());
        store.container(p.account(), p.container()).ifPresent(catalog::purgeExpired);
        store.delete(p.account(), p.container());
        return SwiftResponse.empty(204);
    }

    public SwiftResponse read(SwiftRequest request, NuboPrincipal who) throws IOException {
        SwiftPath p = request.path();
        QueryParams q = request.query();
        ContainerEntity c = store.container(p.account(), p.container()).orElse(null);
        Map<String, String> acl = c == null ? Map.of() : ContainerStore.metadataOf(c);
        boolean web = who == null && "GET".equals(request.method()) && staticWeb.servesContainer(acl);
        // a static web index needs only public read; a listing needs .rlistings too
        access.requireRead(who, p.account(), acl, request.header("Referer"),
                !(web && acl.containsKey(StaticWeb.INDEX)));
        if (c == null) {
            throw SwiftError.OS_001_NOT_FOUND.error();
        }
        if (web) {
            return staticWeb.container(c, request);
        }
        SwiftResponse.Builder response = SwiftResponse.builder();
        Usage usage = store.containerUsage(c.getId());
        response.header("X-Container-Object-Count", Long.toString(usage.objects()));
        response.header("X-Container-Bytes-Used", Long.toString(usage.bytes()));
        response.header("X-Timestamp", SwiftHeaders.timestamp(c.getCreatedAt()));
        response.header("X-Storage-Policy", "Policy-0");
        response.header("Accept-Ranges", "bytes");
        response.header("Last-Modified", SwiftHeaders.httpDate(SwiftHeaders.lastModifiedSeconds(c.getCreatedAt())));
        Map<String, String> meta = ContainerStore.metadataOf(c);
        if (!access.isOwner(who, p.account())) {
            meta.remove(AccessPolicy.READ_ACL);
            meta.remove(AccessPolicy.WRITE_ACL);
        }
        response.metadata(meta);
        if (request.isHead()) {
            return response.empty(204).build();
        }
        try {
            return list(c, q, request.header("Accept"), response);
        } catch (SwiftException e) {
            throw e.withHeaders(response.headersSoFar());
        }
    }

    private SwiftResponse list(ContainerEntity c, QueryParams q, String accept, SwiftResponse.Builder response) {
        ListingQuery lq = ListingQuery.of(q);
        ListingFormat format = ListingFormat.of(q, accept);
        long now = Instant.now().getEpochSecond();
        List<Map<String, Object>> entries = new ArrayList<>();
        for (Lister.Item<ListingRow> item : Lister.list(lq,
                (from, rev, n) -> catalog.listingPage(c.getId(), from, rev, n), ListingRow::name)) {
            if (item.isSubdir()) {
                entries.add(ListingWriter.subdir(item.name()));
            } else if (!item.row().expired(now)) {
                entries.add(entry(item.row()));
            }
        }
        return listing(response, format, entries, "container", c.getName(), "object");
    }

    static Map<String, Object> entry(ListingRow o) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", o.name());
        m.put("hash", o.etag().replace("\"", ""));
        m.put("bytes", o.sizeBytes());
        m.put("content_type", o.contentType());
        m.put("last_modified", SwiftHeaders.listingTime(o.modifiedAt()));
        return m;
    }

    /** 200 with the listing, or 204 for an empty plain-text one, as Swift answers. */
    public static SwiftResponse listing(SwiftResponse.Builder response, ListingFormat format,
                                        List<Map<String, Object>> entries, String root, String rootName,
                                        String element) {
        if (entries.isEmpty() && format == ListingFormat.PLAIN) {
            return response.empty(204).contentType(format.contentType()).build();
        }
        byte[] body = ListingWriter.render(format, root, rootName, element, entries);
        return response.status(200).contentType(format.contentType()).body(body).build();
    }
}
