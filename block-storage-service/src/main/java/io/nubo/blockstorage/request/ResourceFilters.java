package io.nubo.blockstorage.request;

import io.nubo.blockstorage.config.BlockStorageProperties;
import io.nubo.blockstorage.error.VolumeError;
import io.nubo.shared.microversion.ApiVersion;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * Cinder's generalized list filtering. From microversion 3.31 ({@link #RESOURCE_FILTER}) a list accepts, from a
 * caller who is not an administrator, only the filters configured for its resource (Cinder's
 * {@code resource_query_filters_file}; {@code nubo.block-storage.resource-filters}), any other is 400 {@code Invalid
 * filters ... are found in query options.} ({@code all_tenants} is dropped silently, as Cinder's bug 1917574 fix);
 * administrators may pass any, except to the pools list, which takes only its configured ones from everyone. From
 * 3.34 ({@link #LIKE_FILTER}) a key ending in {@code ~} is an inexact filter: the field contains the value, ignoring
 * case (SQL {@code LIKE '%value%'} in Cinder's MySQL); for a non-administrator both {@code k} and {@code k~} are
 * allowed when {@code k~} is configured. Before 3.34 such a key is no filter at all.
 */
@Component
public class ResourceFilters {

    /** Microversion 3.31: the configured resource query filters. */
    public static final String RESOURCE_FILTER = "3.31";
    /** Microversion 3.33: {@code GET /resource_filters}. */
    public static final String RESOURCE_FILTER_CONFIG = "3.33";
    /** Microversion 3.34: like ({@code ~}) filters. */
    public static final String LIKE_FILTER = "3.34";

    /** What Cinder takes out of a list's query before filtering: paging and sorting (not get_pools'). */
    private static final Set<String> NOT_FILTERS = Set.of("marker", "limit", "offset", "sort", "sort_key",
            "sort_dir");

    /**
     * Cinder's {@code etc/cinder/resource_filters.json}, without the filters of microversions above those served
     * ({@code size}, {@code created_at}, {@code updated_at}, {@code consumes_quota}) and the volume type list's
     * (3.52).
     */
    public static final Map<String, List<String>> DEFAULTS = defaults();

    private final Map<String, List<String>> configured;

    public ResourceFilters(BlockStorageProperties properties) {
        // a resource the configuration names takes its list; the others keep Cinder's default one
        Map<String, List<String>> c = new LinkedHashMap<>(DEFAULTS);
        if (properties.resourceFilters() != null) {
            properties.resourceFilters().forEach((k, v) -> c.put(k, List.copyOf(v)));
        }
        this.configured = java.util.Collections.unmodifiableMap(c);
    }

    private static Map<String, List<String>> defaults() {
        Map<String, List<String>> d = new LinkedHashMap<>();
        d.put("volume", List.of("name", "status", "metadata", "bootable", "migration_status", "availability_zone",
                "group_id"));
        d.put("backup", List.of("name", "status", "volume_id"));
        d.put("snapshot", List.of("name", "status", "volume_id", "metadata", "availability_zone"));
        d.put("group", List.of("name"));
        d.put("group_snapshot", List.of("name", "status", "group_id"));
        d.put("attachment", List.of("volume_id", "status", "instance_id", "attach_status"));
        d.put("message", List.of("resource_uuid", "resource_type", "event_id", "request_id", "message_level"));
        d.put("pool", List.of("name", "volume_type"));
        return java.util.Collections.unmodifiableMap(d);
    }

    /** Cinder's {@code get_enabled_resource_filters}: all resources, or the one named (none if unknown). */
    public Map<String, List<String>> enabled(String resource) {
        if (resource == null || resource.isEmpty()) {
            return configured;
        }
        List<String> one = configured.get(resource);
        return one == null ? Map.of() : Map.of(resource, one);
    }

    /** The filters of a list request: exact ones by key, and from 3.34 like ones (key without its {@code ~}). */
    public record Filters(Map<String, String> exact, Map<String, String> like) {

        public static final Filters NONE = new Filters(Map.of(), Map.of());

        /** The exact filter on {@code key}, or null. */
        public String get(String key) {
            return exact.get(key);
        }

        /** The field's value passes the exact and the like filter on {@code key} (those given). */
        public boolean matches(String key, String value) {
            String e = exact.get(key);
            if (e != null && !e.equals(value)) {
                return false;
            }
            return likes(key, value);
        }

        /** The field's value passes the like filter on {@code key}, if one is given (for fields with no exact one). */
        public boolean likes(String key, String value) {
            String l = like.get(key);
            return l == null || value != null && value.toLowerCase(Locale.ROOT).contains(l.toLowerCase(Locale.ROOT));
        }
    }

    /**
     * The list's filters from its query: paging and sorting taken out, checked from 3.31 against the resource's
     * configured filters (as Cinder's {@code reject_invalid_filters}), like filters split off from 3.34.
     */
    public Filters of(String resource, Map<String, String> params, Caller caller, ApiVersion version) {
        Map<String, String> filters = new LinkedHashMap<>(params);
        if (!resource.equals("pool")) {
            // get_pools pages nothing: Cinder leaves limit, marker, sort in its filters
            filters.keySet().removeAll(NOT_FILTERS);
        }
        boolean like = version.atLeast(LIKE_FILTER);
        if (version.atLeast(RESOURCE_FILTER)) {
            reject(resource, filters, caller, like);
        }
        Map<String, String> exact = new LinkedHashMap<>();
        Map<String, String> likes = new LinkedHashMap<>();
        filters.forEach((k, v) -> {
            if (like && k.endsWith("~")) {
                likes.put(k.substring(0, k.length() - 1), v);
            } else {
                exact.put(k, v);
            }
        });
        return new Filters(exact, likes);
    }

    private void reject(String resource, Map<String, String> filters, Caller caller, boolean like) {
        for (String key : filters.keySet()) {
            if (!StandardCharsets.US_ASCII.newEncoder().canEncode(key)) {
                throw VolumeError.BAD_REQUEST.exception("Filter keys can only contain ASCII characters.");
            }
        }
        if (caller.admin() && !resource.equals("pool")) {
            return;
        }
        List<String> allowed = configured.getOrDefault(resource, List.of());
        List<String> invalid = new ArrayList<>();
        for (String key : filters.keySet()) {
            boolean ok = like ? allowed.contains(key) || allowed.contains(key + "~") : allowed.contains(key);
            if (!ok && !key.equals("all_tenants")) {
                invalid.add(key);
            }
        }
        if (!invalid.isEmpty()) {
            throw VolumeError.BAD_REQUEST.exception("Invalid filters " + String.join(",", invalid)
                    + " are found in query options.");
        }
        filters.remove("all_tenants");
    }
}
