package io.nubo.objectstore.account;

import io.nubo.objectstore.access.AccessPolicy;
import io.nubo.objectstore.container.ContainerEntity;
import io.nubo.objectstore.container.ContainerHandler;
import io.nubo.objectstore.container.ContainerStore;
import io.nubo.objectstore.error.SwiftError;
import io.nubo.objectstore.listing.Lister;
import io.nubo.objectstore.listing.ListingFormat;
import io.nubo.objectstore.listing.ListingQuery;
import io.nubo.objectstore.listing.ListingWriter;
import io.nubo.objectstore.metadata.MetadataMap;
import io.nubo.objectstore.metadata.MetadataUpdate;
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
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.springframework.stereotype.Component;

/** Account requests: HEAD, GET (the container listing) and POST (metadata; quotas by a reseller admin only). */
@Component
public class AccountHandler {

    static final String META = "x-account-meta-";

    private final ContainerStore store;
    private final AccessPolicy access;

    public AccountHandler(ContainerStore store, AccessPolicy access) {
        this.store = store;
        this.access = access;
    }

    public void read(SwiftPath p, QueryParams q, NuboPrincipal who, HttpServletRequest request,
                     HttpServletResponse response) throws IOException {
        access.requireOwner(who, p.account());
        Map<String, String> meta = store.account(p.account()).map(a -> MetadataMap.parse(a.getMetadata()))
                .orElse(new TreeMap<>());
        Instant created = store.account(p.account()).map(AccountEntity::getCreatedAt).orElse(Instant.now());
        Usage usage = store.accountUsage(p.account());
        long containers = store.containerCount(p.account());
        response.setHeader("X-Account-Container-Count", Long.toString(containers));
        response.setHeader("X-Account-Object-Count", Long.toString(usage.objects()));
        response.setHeader("X-Account-Bytes-Used", Long.toString(usage.bytes()));
        response.setHeader("X-Timestamp", SwiftHeaders.timestamp(created));
        if (containers > 0) {
            response.setHeader("X-Account-Storage-Policy-Policy-0-Container-Count", Long.toString(containers));
            response.setHeader("X-Account-Storage-Policy-Policy-0-Object-Count", Long.toString(usage.objects()));
            response.setHeader("X-Account-Storage-Policy-Policy-0-Bytes-Used", Long.toString(usage.bytes()));
        }
        SwiftHeaders.writeMetadata(response, meta);
        if ("HEAD".equals(request.getMethod())) {
            SwiftHeaders.empty(response, 204);
            return;
        }
        ListingQuery lq = ListingQuery.of(q);
        ListingFormat format = ListingFormat.of(q, request.getHeader("Accept"));
        Map<String, Usage> perContainer = format == ListingFormat.PLAIN ? Map.of()
                : store.usageByContainer(p.account());
        List<Map<String, Object>> entries = new ArrayList<>();
        for (Lister.Item<ContainerEntity> item : Lister.list(lq,
                (from, rev, n) -> store.page(p.account(), from, rev, n), ContainerEntity::getName)) {
            if (item.isSubdir()) {
                entries.add(ListingWriter.subdir(item.name()));
                continue;
            }
            Usage u = perContainer.getOrDefault(item.row().getId(), Usage.NONE);
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", item.name());
            m.put("count", u.objects());
            m.put("bytes", u.bytes());
            m.put("last_modified", SwiftHeaders.listingTime(item.row().getCreatedAt()));
            entries.add(m);
        }
        ContainerHandler.writeListing(response, format, entries, "account", p.account(), "container");
    }

    public void post(SwiftPath p, NuboPrincipal who, HttpServletRequest request, HttpServletResponse response) {
        access.requireOwner(who, p.account());
        boolean touchesQuota = Collections.list(request.getHeaderNames()).stream()
                .map(h -> h.toLowerCase(Locale.ROOT))
                .anyMatch(h -> h.equals(Quotas.ACCOUNT_BYTES) || h.equals("x-remove-account-meta-quota-bytes"));
        if (touchesQuota && !access.isResellerAdmin(who)) {
            throw SwiftError.OS_004_FORBIDDEN.error();
        }
        Map<String, String> current = store.account(p.account()).map(a -> MetadataMap.parse(a.getMetadata()))
                .orElse(new TreeMap<>());
        TreeMap<String, String> meta = MetadataUpdate.apply(current, request, META, Set.of());
        Quotas.validate(meta, Quotas.ACCOUNT_BYTES);
        store.setAccountMetadata(p.account(), meta);
        SwiftHeaders.empty(response, 204);
    }
}
