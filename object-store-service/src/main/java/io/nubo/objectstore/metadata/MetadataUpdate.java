package io.nubo.objectstore.metadata;

import io.nubo.objectstore.error.SwiftError;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Applies the metadata headers of a request to stored metadata, Swift's way: {@code X-<Type>-Meta-Name: value}
 * sets, an empty value or {@code X-Remove-<Type>-Meta-Name} removes; system headers (ACLs, object headers such as
 * {@code Content-Disposition}) are kept in the same map. Checks Swift's limits (name 128, value 256, 90 items,
 * 4096 bytes in all).
 */
public final class MetadataUpdate {

    public static final int MAX_NAME = 128;
    public static final int MAX_VALUE = 256;
    /**
     * Swift's default is 90; the gateway's servlet container accepts 100 request headers in all, so 90 metadata
     * headers plus a client's usual ones would be refused there before reaching the check. 80 leaves room.
     */
    public static final int MAX_COUNT = 80;
    public static final int MAX_OVERALL = 4096;

    private MetadataUpdate() {
    }

    /**
     * @param headers      the request's headers (the first value of each counts)
     * @param metaPrefix   {@code x-account-meta-}, {@code x-container-meta-} or {@code x-object-meta-}
     * @param systemNames  other headers stored verbatim (lower case)
     */
    public static TreeMap<String, String> apply(Map<String, String> current, Map<String, List<String>> headers,
                                                String metaPrefix, Set<String> systemNames) {
        return apply(current, headers, metaPrefix, systemNames, false);
    }

    /**
     * @param keepEmpty objects keep a metadata item sent with an empty value; accounts and containers remove it
     */
    public static TreeMap<String, String> apply(Map<String, String> current, Map<String, List<String>> headers,
                                                String metaPrefix, Set<String> systemNames, boolean keepEmpty) {
        TreeMap<String, String> result = new TreeMap<>(current);
        for (Map.Entry<String, List<String>> h : headers.entrySet()) {
            String header = h.getKey();
            // as Swift's WSGI server does, X-Object-Meta-a_b is X-Object-Meta-A-B
            String name = header.toLowerCase(Locale.ROOT).replace('_', '-');
            String value = h.getValue().isEmpty() ? null : h.getValue().get(0);
            value = value == null ? "" : value.trim();
            if (name.startsWith(metaPrefix) || systemNames.contains(name)) {
                check(name, metaPrefix, value);
                if (value.isEmpty() && !keepEmpty) {
                    result.remove(name);
                } else {
                    result.put(name, value);
                }
            } else if (name.startsWith("x-remove-")) {
                String target = "x-" + name.substring("x-remove-".length());
                if (target.startsWith(metaPrefix) || systemNames.contains(target)) {
                    result.remove(target);
                }
            }
        }
        checkOverall(result, metaPrefix);
        return result;
    }

    /** Object metadata is replaced, not merged, by a POST or a PUT: only what the request says remains. */
    public static TreeMap<String, String> replace(Map<String, List<String>> headers, String metaPrefix,
                                                  Set<String> systemNames) {
        return apply(Map.of(), headers, metaPrefix, systemNames, true);
    }

    private static void check(String name, String metaPrefix, String value) {
        if (!name.startsWith(metaPrefix)) {
            return;
        }
        String key = name.substring(metaPrefix.length());
        if (key.isEmpty()) {
            throw SwiftError.OS_002_BAD_REQUEST.error("Metadata name cannot be empty");
        }
        if (key.length() > MAX_NAME) {
            throw SwiftError.OS_002_BAD_REQUEST.error("Metadata name too long: " + name);
        }
        if (value.length() > MAX_VALUE) {
            throw SwiftError.OS_002_BAD_REQUEST.error("Metadata value longer than " + MAX_VALUE + ": " + name);
        }
    }

    private static void checkOverall(Map<String, String> metadata, String metaPrefix) {
        int count = 0;
        int size = 0;
        for (Map.Entry<String, String> e : metadata.entrySet()) {
            if (e.getKey().startsWith(metaPrefix)) {
                count++;
                size += e.getKey().length() - metaPrefix.length() + e.getValue().length();
            }
        }
        if (count > MAX_COUNT) {
            throw SwiftError.OS_002_BAD_REQUEST.error("Too many metadata items; max " + MAX_COUNT);
        }
        if (size > MAX_OVERALL) {
            throw SwiftError.OS_002_BAD_REQUEST.error("Total metadata too large; max " + MAX_OVERALL);
        }
    }
}
