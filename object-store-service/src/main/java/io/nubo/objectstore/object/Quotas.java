package io.nubo.objectstore.object;

import io.nubo.objectstore.account.Usage;
import io.nubo.objectstore.container.ContainerEntity;
import io.nubo.objectstore.container.ContainerStore;
import io.nubo.objectstore.error.SwiftError;
import io.nubo.objectstore.metadata.MetadataMap;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Account quotas ({@code X-Account-Meta-Quota-Bytes}, set by a reseller admin) and container quotas
 * ({@code X-Container-Meta-Quota-Bytes}, {@code -Quota-Count}): a write that would pass one is a 413.
 */
@Component
public class Quotas {

    public static final String ACCOUNT_BYTES = "x-account-meta-quota-bytes";
    public static final String CONTAINER_BYTES = "x-container-meta-quota-bytes";
    public static final String CONTAINER_COUNT = "x-container-meta-quota-count";

    private final ContainerStore containers;

    public Quotas(ContainerStore containers) {
        this.containers = containers;
    }

    /** Whether any quota applies to writes into this container (so that chunked uploads are checked after). */
    public boolean any(String account, ContainerEntity c) {
        Map<String, String> cm = ContainerStore.metadataOf(c);
        return cm.containsKey(CONTAINER_BYTES) || cm.containsKey(CONTAINER_COUNT) || accountQuota(account) != null;
    }

    /** Checks a write of {@code bytes} new bytes (replacing {@code replacedBytes}) into the container. */
    public void check(String account, ContainerEntity c, long bytes, boolean newObject, long replacedBytes) {
        Map<String, String> cm = ContainerStore.metadataOf(c);
        Long qb = number(cm.get(CONTAINER_BYTES));
        Long qc = number(cm.get(CONTAINER_COUNT));
        if (qb != null || qc != null) {
            Usage u = containers.containerUsage(c.getId());
            if (qb != null && u.bytes() - replacedBytes + bytes > qb) {
                throw SwiftError.OS_008_TOO_LARGE.error("Upload exceeds quota.");
            }
            if (qc != null && newObject && u.objects() + 1 > qc) {
                throw SwiftError.OS_008_TOO_LARGE.error("Upload exceeds quota.");
            }
        }
        Long qa = accountQuota(account);
        if (qa != null && containers.accountUsage(account).bytes() - replacedBytes + bytes > qa) {
            throw SwiftError.OS_008_TOO_LARGE.error("Upload exceeds quota.");
        }
    }

    private Long accountQuota(String account) {
        return containers.account(account).map(a -> number(MetadataMap.parse(a.getMetadata()).get(ACCOUNT_BYTES)))
                .orElse(null);
    }

    /** A quota value as stored; validated when set, so anything else means no quota. */
    static Long number(String v) {
        if (v == null) {
            return null;
        }
        try {
            return Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** Refuses a quota header that is not a non-negative integer. */
    public static void validate(Map<String, String> metadata, String... names) {
        for (String n : names) {
            String v = metadata.get(n);
            if (v != null) {
                Long l = number(v);
                if (l == null || l < 0) {
                    throw SwiftError.OS_002_BAD_REQUEST.error("Invalid quota value: " + n);
                }
            }
        }
    }
}
