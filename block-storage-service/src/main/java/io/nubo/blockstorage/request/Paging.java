package io.nubo.blockstorage.request;

import io.nubo.blockstorage.error.VolumeError;
import io.nubo.shared.api.Link;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * Cinder's list paging and sorting for any resource: {@code sort=k1:dir,k2} or {@code sort_key}/{@code sort_dir},
 * {@code limit}, {@code marker} (404 if unknown), {@code offset}; the default order is newest first, id as the
 * tie-break. A full page gets a {@code next} link carrying the last item as marker.
 */
public final class Paging<T> {

    private final Map<String, Function<T, Comparable>> keys;
    private final Function<T, String> id;
    private final String defaultKey;

    @SuppressWarnings("rawtypes")
    public Paging(Map<String, Function<T, Comparable>> keys, Function<T, String> id, String defaultKey) {
        this.keys = keys;
        this.id = id;
        this.defaultKey = defaultKey;
    }

    public record Page<T>(List<T> items, List<Link> links) {
    }

    /** The sort keys with one more (a key a later microversion adds, such as {@code name} at 3.30 and 3.37). */
    @SuppressWarnings("rawtypes")
    public static <T> Map<String, Function<T, Comparable>> with(Map<String, Function<T, Comparable>> keys,
                                                                String key, Function<T, Comparable> value) {
        Map<String, Function<T, Comparable>> more = new java.util.HashMap<>(keys);
        more.put(key, value);
        return Map.copyOf(more);
    }

    public Page<T> page(List<T> all, Map<String, String> params, int defaultLimit, String markerMissing) {
        List<T> sorted = new ArrayList<>(all);
        sorted.sort(comparator(params));
        int from = 0;
        String marker = params.get("marker");
        if (marker != null) {
            int at = -1;
            for (int i = 0; i < sorted.size(); i++) {
                if (id.apply(sorted.get(i)).equals(marker)) {
                    at = i;
                    break;
                }
            }
            if (at < 0) {
                throw VolumeError.NOT_FOUND.exception(String.format(markerMissing, marker));
            }
            from = at + 1;
        }
        Integer offset = nonNegative(params, "offset");
        if (offset != null) {
            from += offset;
        }
        Integer limit = nonNegative(params, "limit");
        int n = limit == null ? defaultLimit : Math.min(limit, defaultLimit);
        List<T> items = sorted.subList(Math.min(from, sorted.size()), Math.min(sorted.size(), from + n));
        List<Link> links = null;
        // as Cinder: a full page (of the limit asked for, or of the largest page) gets a next link, even when it
        // happens to end the collection; the next request then answers an empty page
        if (!items.isEmpty() && items.size() == n) {
            String next = ServletUriComponentsBuilder.fromCurrentRequest().replaceQueryParam("marker",
                    id.apply(items.get(items.size() - 1))).replaceQueryParam("offset").build().toUriString();
            links = List.of(new Link("next", null, next));
        }
        return new Page<>(List.copyOf(items), links);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private Comparator<T> comparator(Map<String, String> params) {
        List<String[]> order = new ArrayList<>();
        if (params.get("sort") != null) {
            for (String part : params.get("sort").split(",")) {
                String[] kd = part.trim().split(":", 2);
                order.add(new String[] {kd[0].trim(), kd.length > 1 ? kd[1].trim() : "desc"});
            }
            if (params.get("sort_key") != null || params.get("sort_dir") != null) {
                throw VolumeError.INVALID_INPUT.exception("The 'sort_key' and 'sort_dir' parameters are deprecated"
                        + " and cannot be used with the 'sort' parameter.");
            }
        } else {
            String[] ks = params.getOrDefault("sort_key", defaultKey).split(",");
            String[] ds = params.getOrDefault("sort_dir", "desc").split(",");
            for (int i = 0; i < ks.length; i++) {
                order.add(new String[] {ks[i].trim(), (i < ds.length ? ds[i] : ds[ds.length - 1]).trim()});
            }
        }
        Comparator<T> c = null;
        for (String[] kd : order) {
            Function<T, Comparable> key = keys.get(kd[0]);
            if (key == null) {
                throw VolumeError.INVALID_INPUT.exception("Invalid sort key: " + kd[0] + ".");
            }
            if (!kd[1].equals("asc") && !kd[1].equals("desc")) {
                throw VolumeError.INVALID_INPUT.exception("Unknown sort direction, must be 'desc' or 'asc'.");
            }
            Comparator<T> one = Comparator.comparing(key, Comparator.nullsLast(Comparator.naturalOrder()));
            if (kd[1].equals("desc")) {
                one = one.reversed();
            }
            c = c == null ? one : c.thenComparing(one);
        }
        Comparator<T> byId = Comparator.comparing(id, Comparator.reverseOrder());
        return c == null ? byId : c.thenComparing(byId);
    }

    private static Integer nonNegative(Map<String, String> params, String key) {
        String s = params.get(key);
        if (s == null) {
            return null;
        }
        if (!s.trim().matches("\\d{1,9}")) {
            throw VolumeError.INVALID_INPUT.exception("Invalid " + key + ": '" + s + "'. It must be a non-negative"
                    + " integer.");
        }
        return Integer.parseInt(s.trim());
    }
}
