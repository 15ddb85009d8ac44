package io.nubo.objectstore.account;

import io.nubo.objectstore.access.AccessPolicy;
import io.nubo.objectstore.container.ContainerEntity;
import io.nubo.objectstore.container.ContainerHandler;
import io.nubo.objectstore.container.ContainerStore;
import io.nubo.objectstore.error.SwiftError;
import io.nubo.objectstore.error.SwiftException;
import io.nubo.objectstore.listing.Lister;
import io.nubo.objectstore.listing.ListingFormat;
import io.nubo.objectstore.listing.ListingQuery;
import io.nubo.objectstore.listing.ListingWriter;
import io.nubo.objectstore.metadata.MetadataMap;
import io.nubo.objectstore.metadata.MetadataUpdate;
import io.nubo.objectstore.object.Quotas;
import io.nubo.objectstore.swift.QueryParams;
import io.nubo.objectstore.swift.SwiftHeaders;
import io.nubo.objectstore.swift.SwiftPath;
import io.nubo.objectstore.swift.SwiftRequest;
import io.nubo.objectstore.swift.SwiftResponse;
import io.nubo.shared.security.NuboPrincipal;
import java.time.Instant;
import java.util.ArrayList;
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

    public SwiftResponse read(SwiftRequest request, NuboPrincipal who) {
        SwiftPath p = request.path();
        access.requireOwner(who, p.account());
        Map<String, String> meta = store.account(p.account()).map(a -> MetadataMap.parse(a.getMetadata()))
                .orElse(new TreeMap<>());
        Instant created = store.account(p.account()).map(AccountEntity::getCreatedAt).orElse(Instant.now());
        Usage usage = store.accountUsage(p.account());
        long containers = store.containerCount(p.account());
        SwiftResponse.Builder response = SwiftResponse.builder();
        response.header("X-Account-Container-Count", Long.toString(containers));
        response.header("X-Account-Object-Count", Long.toString(usage.objects()));
        response.header("X-Account-Bytes-Used", Long.toString(usage.bytes()));
        response.header("X-Timestamp", SwiftHeaders.timestamp(created));
        if (containers > 0) {
            response.header("X-Account-Storage-Policy-Policy-0-Container-Count", Long.toString(containers));
            response.header("X-Account-Storage-Policy-Policy-0-Object-Count", Long.toString(usage.objects()));
            response.header("X-Account-Storage-Policy-Policy-0-Bytes-Used", Long.toString(usage.bytes()));
        }
        response.metadata(meta);
        if (request.isHead()) {
            return response.empty(204).build();
        }
        try {
            return list(p.account(), request.query(), request.header("Accept"), response);
        } catch (SwiftException e) {
            throw e.withHeaders(response.headersSoFar());
        }
    }

    private SwiftResponse list(String account, QueryParams q, String accept, SwiftResponse.Builder response) {
        ListingQuery lq = ListingQuery.of(q);
        ListingFormat format = ListingFormat.of(q, accept);
        Map<String, Usage> perContainer = format == ListingFormat.PLAIN ? Map.of()
                : store.usageByContainer(account);
        List<Map<String, Object>> entries = new ArrayList<>();
        for (Lister.Item<ContainerEntity> item : Lister.list(lq,
                (from, rev, n) -> store.page(account, from, rev, n), ContainerEntity::getName)) {
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
        return ContainerHandler.listing(response, format, entries, "account", account, "container");
    }

    public SwiftResponse post(SwiftRequest request, NuboPrincipal who) {
        SwiftPath p = request.path();
        access.requireOwner(who, p.account());
        boolean touchesQuota = request.headerNames().stream()
                .map(h -> h.toLowerCase(Locale.ROOT))
                .anyMatch(h -> h.equals(Quotas.ACCOUNT_BYTES) || h.equals("x-remove-account-meta-quota-bytes"));
        if (touchesQuota && !access.isResellerAdmin(who)) {
            throw SwiftError.OS_004_FORBIDDEN.error();
        }
        Map<String, String> current = store.account(p.account()).map(a -> MetadataMap.parse(a.getMetadata()))
                .orElse(new TreeMap<>());
        TreeMap<String, String> meta = MetadataUpdate.apply(current, request.headers(), META, Set.of());
        Quotas.validate(meta, Quotas.ACCOUNT_BYTES);
        store.setAccountMetadata(p.account(), meta);
        return SwiftResponse.empty(204);
    }
}
