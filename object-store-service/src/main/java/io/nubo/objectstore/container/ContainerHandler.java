package io.nubo.objectstore.container;

import io.nubo.objectstore.access.AccessPolicy;
import io.nubo.objectstore.account.Usage;
import io.nubo.objectstore.error.SwiftError;
import io.nubo.objectstore.feature.StaticWeb;
import io.nubo.objectstore.listing.Lister;
import io.nubo.objectstore.listing.ListingFormat;
import io.nubo.objectstore.listing.ListingQuery;
import io.nubo.objectstore.listing.ListingWriter;
import io.nubo.objectstore.metadata.MetadataUpdate;
import io.nubo.objectstore.object.ObjectCatalog;
import io.nubo.objectstore.object.ObjectEntity;
import io.nubo.objectstore.object.Quotas;
import io.nubo.objectstore.web.QueryParams;
import io.nubo.objectstore.web.SwiftHeaders;
import io.nubo.objectstore.web.SwiftPath;
import io.nubo.shared.security.NuboPrincipal;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
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

    public void put(SwiftPath p, NuboPrincipal who, HttpServletRequest request, HttpServletResponse response) {
        access.requireOwner(who, p.account());
        if (p.container().length() > SwiftPath.MAX_CONTAINER_NAME) {
            throw SwiftError.OS_002_BAD_REQUEST.error("Container name length of " + p.container().length()
                    + " longer than " + SwiftPath.MAX_CONTAINER_NAME);
        }
        Map<String, String> current = store.container(p.account(), p.container()).map(ContainerStore::metadataOf)
                .orElse(new TreeMap<>());
        TreeMap<String, String> meta = MetadataUpdate.apply(current, request, META, SYSTEM);
        Quotas.validate(meta, Quotas.CONTAINER_BYTES, Quotas.CONTAINER_COUNT);
        boolean created = store.createOrUpdate(p.account(), p.container(), meta);
        SwiftHeaders.empty(response, created ? 201 : 202);
    }

    public void post(SwiftPath p, NuboPrincipal who, HttpServletRequest request, HttpServletResponse response) {
        access.requireOwner(who, p.account());
        ContainerEntity c = store.existing(p.account(), p.container());
        TreeMap<String, String> meta = MetadataUpdate.apply(ContainerStore.metadataOf(c), request, META, SYSTEM);
        Quotas.validate(meta, Quotas.CONTAINER_BYTES, Quotas.CONTAINER_COUNT);
        store.setMetadata(c.getId(), meta);
        SwiftHeaders.empty(response, 204);
    }

    public void delete(SwiftPath p, NuboPrincipal who, HttpServletResponse response) {
        access.requireOwner(who, p.account());
        store.container(p.account(), p.container()).ifPresent(catalog::purgeExpired);
        store.delete(p.account(), p.container());
        SwiftHeaders.empty(response, 204);
    }

    public void read(SwiftPath p, QueryParams q, NuboPrincipal who, HttpServletRequest request,
                     HttpServletResponse response) throws IOException {
        ContainerEntity c = store.container(p.account(), p.container()).orElse(null);
        Map<String, String> acl = c == null ? Map.of() : ContainerStore.metadataOf(c);
        boolean web = who == null && "GET".equals(request.getMethod()) && staticWeb.servesContainer(acl);
        // a static web index needs only public read; a listing needs .rlistings too
        access.requireRead(who, p.account(), acl, request.getHeader("Referer"),
                !(web && acl.containsKey(StaticWeb.INDEX)));
        if (c == null) {
            throw SwiftError.OS_001_NOT_FOUND.error();
        }
        if (web) {
            staticWeb.container(p, c, q, request, response);
            return;
        }
        Usage usage = store.containerUsage(c.getId());
        response.setHeader("X-Container-Object-Count", Long.toString(usage.objects()));
        response.setHeader("X-Container-Bytes-Used", Long.toString(usage.bytes()));
        response.setHeader("X-Timestamp", SwiftHeaders.timestamp(c.getCreatedAt()));
        response.setHeader("X-Storage-Policy", "Policy-0");
        response.setHeader("Accept-Ranges", "bytes");
        response.setHeader("Last-Modified", SwiftHeaders.httpDate(SwiftHeaders.lastModifiedSeconds(c.getCreatedAt())));
        Map<String, String> meta = ContainerStore.metadataOf(c);
        if (!access.isOwner(who, p.account())) {
            meta.remove(AccessPolicy.READ_ACL);
            meta.remove(AccessPolicy.WRITE_ACL);
        }
        SwiftHeaders.writeMetadata(response, meta);
        if ("HEAD".equals(request.getMethod())) {
            SwiftHeaders.empty(response, 204);
            return;
        }
        ListingQuery lq = ListingQuery.of(q);
        ListingFormat format = ListingFormat.of(q, request.getHeader("Accept"));
        long now = Instant.now().getEpochSecond();
        List<Map<String, Object>> entries = new ArrayList<>();
        for (Lister.Item<ObjectEntity> item : Lister.list(lq, (from, rev, n) -> catalog.page(c.getId(), from, rev, n),
                ObjectEntity::getName)) {
            if (item.isSubdir()) {
                entries.add(ListingWriter.subdir(item.name()));
            } else if (!item.row().expired(now)) {
                entries.add(entry(item.row()));
            }
        }
        writeListing(response, format, entries, "container", p.container(), "object");
    }

    static Map<String, Object> entry(ObjectEntity o) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", o.getName());
        m.put("hash", o.getEtag().replace("\"", ""));
        m.put("bytes", o.getSizeBytes());
        m.put("content_type", o.getContentType());
        m.put("last_modified", SwiftHeaders.listingTime(o.getModifiedAt()));
        return m;
    }

    /** 200 with the listing, or 204 for an empty plain-text one, as Swift answers. */
    public static void writeListing(HttpServletResponse response, ListingFormat format,
                                    List<Map<String, Object>> entries, String root, String rootName, String element)
            throws IOException {
        if (entries.isEmpty() && format == ListingFormat.PLAIN) {
            SwiftHeaders.empty(response, 204);
            response.setContentType(format.contentType());
            return;
        }
        byte[] body = ListingWriter.render(format, root, rootName, element, entries);
        response.setStatus(200);
        response.setContentType(format.contentType());
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }
}
