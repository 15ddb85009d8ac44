package io.nubo.network.common;

import io.nubo.network.error.NetworkError;
import io.nubo.shared.api.Link;
import java.math.BigDecimal;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.util.MultiValueMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Neutron's list query, for every collection the same way: filters ({@code ?name=a&name=b} is "a or b"; booleans
 * as Neutron converts them; {@code fixed_ips=ip_address=...}, {@code fixed_ips=ip_address_substr=...}), the tag filters, sorting ({@code sort_key} /
 * {@code sort_dir}, repeatable), pagination ({@code limit}, {@code marker}, {@code page_reverse}, with
 * {@code <collection>_links} next/previous) and {@code fields}; {@code list-query.json} has checked the parameters'
 * shapes. It runs on the rendered views of what the caller may
 * see, so a filter can only match what the caller would be shown.
 */
public final class ListQuery {

    private static final Set<String> CONTROL = Set.of("fields", "limit", "marker", "page_reverse", "sort_key",
            "sort_dir", "tags", "tags-any", "not-tags", "not-tags-any");

    /** One page of a collection, and its links (empty when there is no other page). */
    public record Page(List<JsonNode> items, List<Link> links) {
    }

    private final MultiValueMap<String, String> params;

    public ListQuery(MultiValueMap<String, String> params) {
        this.params = params;
    }

    /** The page of {@code views} the query selects; {@code path} is the collection's path, for links. */
    public Page apply(List<ObjectNode> views, String path) {
        List<ObjectNode> selected = views.stream().filter(this::matches).collect(Collectors.toCollection(ArrayList::new));
        selected.sort(comparator(views));
        Integer limit = limit();
        String marker = params.getFirst("marker");
        boolean reverse = Boolean.TRUE.equals(RequestBody.parseBoolean(
                String.valueOf(params.getOrDefault("page_reverse", List.of("false")).get(0))));
        List<ObjectNode> page = selected;
        boolean more = false;
        if (marker != null || limit != null) {
            int at = -1;
            if (marker != null) {
                for (int i = 0; i < selected.size(); i++) {
                    if (marker.equals(selected.get(i).path("id").asString())) {
                        at = i;
                    }
                }
                if (at < 0) {
                    throw NetworkError.NOT_FOUND.exception("Marker " + marker + " could not be found.");
                }
            }
            int from;
            int to;
            if (!reverse) {
                from = at + 1;
                to = limit == null ? selected.size() : Math.min(selected.size(), from + limit);
                more = to < selected.size();
            } else {
                to = at < 0 ? selected.size() : at;
                from = limit == null ? 0 : Math.max(0, to - limit);
                more = from > 0;
            }
            page = selected.subList(from, to);
        }
        List<Link> links = new ArrayList<>();
        if (limit != null && !page.isEmpty()) {
            String first = page.get(0).path("id").asString();
            String last = page.get(page.size() - 1).path("id").asString();
            boolean hasNext = reverse ? marker != null : more;
            boolean hasPrevious = reverse ? more : marker != null;
            if (hasNext) {
                links.add(new Link("next", null, link(path, limit, last, false)));
            }
            if (hasPrevious) {
                links.add(new Link("previous", null, link(path, limit, first, true)));
            }
        }
        return new Page(page.stream().map(v -> (JsonNode) fields(v)).toList(), links);
    }

    /** {@code ?fields=a&fields=b}: only those attributes (all when none is asked for). */
    public ObjectNode fields(ObjectNode view) {
        List<String> fields = params.get("fields");
        if (fields == null || fields.isEmpty()) {
            return view;
        }
        Set<String> wanted = new HashSet<>();
        fields.forEach(f -> wanted.addAll(List.of(f.split(","))));
        ObjectNode out = view.objectNode();
        for (Map.Entry<String, JsonNode> e : view.properties()) {
            if (wanted.contains(e.getKey())) {
                out.set(e.getKey(), e.getValue());
            }
        }
        return out;
    }

    /** The page size; {@code list-query.json} admits only digits. */
    private Integer limit() {
        String l = params.getFirst("limit");
        int n = l == null ? 0 : Integer.parseInt(l.trim());
        return n == 0 ? null : n;
    }

    private String link(String path, int limit, String marker, boolean previous) {
        StringBuilder q = new StringBuilder();
        for (Map.Entry<String, List<String>> e : params.entrySet()) {
            if (List.of("limit", "marker", "page_reverse").contains(e.getKey())) {
                continue;
            }
            for (String v : e.getValue()) {
                q.append(enc(e.getKey())).append('=').append(enc(v)).append('&');
            }
        }
        q.append("limit=").append(limit).append("&marker=").append(enc(marker));
        if (previous) {
            q.append("&page_reverse=True");
        }
        return Link.href(path) + "?" + q;
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private boolean matches(ObjectNode view) {
        for (Map.Entry<String, List<String>> e : params.entrySet()) {
            String key = e.getKey();
            if (CONTROL.contains(key)) {
                continue;
            }
            if (!view.has(key)) {
                continue; // Neutron ignores filters on attributes a resource does not have
            }
            JsonNode value = view.get(key);
            if (e.getValue().stream().noneMatch(wanted -> matchesValue(key, value, wanted))) {
                return false;
            }
        }
        Set<String> tags = new HashSet<>();
        view.path("tags").forEach(t -> tags.add(t.asString()));
        return tagFilter("tags", tags, true, true) && tagFilter("tags-any", tags, false, true)
                && tagFilter("not-tags", tags, true, false) && tagFilter("not-tags-any", tags, false, false);
    }

    private boolean tagFilter(String name, Set<String> tags, boolean all, boolean positive) {
        List<String> values = params.get(name);
        if (values == null) {
            return true;
        }
        Set<String> wanted = new LinkedHashSet<>();
        values.forEach(v -> wanted.addAll(List.of(v.split(","))));
        boolean hit = all ? tags.containsAll(wanted) : wanted.stream().anyMatch(tags::contains);
        return positive == hit;
    }

    private static boolean matchesValue(String key, JsonNode value, String wanted) {
        if (value.isArray()) {
            for (JsonNode element : value) {
                if (element.isObject() && wanted.contains("=")) {
                    String[] kv = wanted.split("=", 2);
                    if (kv[0].equals("ip_address_substr")) {
                        // ip-substring-filtering: part of a fixed IP's address
                        if (element.path("ip_address").asString("").contains(kv[1])) {
                            return true;
                        }
                    } else if (kv[1].equals(element.path(kv[0]).asString())) {
                        return true;
                    }
                } else if (!element.isObject() && wanted.equals(element.asString())) {
                    return true;
                }
            }
            return false;
        }
        if (value.isBoolean()) {
            Boolean b = RequestBody.parseBoolean(wanted);
            if (b == null) {
                throw NetworkError.BAD_REQUEST.exception("Invalid input for " + key + ". Reason: '" + wanted
                        + "' cannot be converted to boolean.");
            }
            return b == value.asBoolean();
        }
        if (value.isNull()) {
            return wanted.isEmpty() || wanted.equalsIgnoreCase("null") || wanted.equalsIgnoreCase("none");
        }
        if (value.isNumber()) {
            try {
                return new BigDecimal(wanted.trim()).compareTo(value.decimalValue()) == 0;
            } catch (NumberFormatException e) {
                return false;
            }
        }
        return wanted.equals(value.asString());
    }

    private Comparator<ObjectNode> comparator(List<ObjectNode> views) {
        List<String> keys = params.getOrDefault("sort_key", List.of());
        List<String> dirs = params.getOrDefault("sort_dir", List.of());
        if (!dirs.isEmpty() && dirs.size() != keys.size()) {
            throw NetworkError.BAD_REQUEST.exception("The number of sort_keys and sort_dirs must be same");
        }
        Comparator<ObjectNode> c = (a, b) -> 0;
        for (int i = 0; i < keys.size(); i++) {
            String key = keys.get(i);
            if (!views.isEmpty() && !views.get(0).has(key)) {
                throw NetworkError.BAD_REQUEST.exception(key + " is an invalid attribute for sort_keys");
            }
            String dir = dirs.isEmpty() ? "asc" : dirs.get(i);
            Comparator<ObjectNode> one = Comparator.comparing(v -> v.get(key), ListQuery::compareValues);
            c = c.thenComparing(dir.equals("desc") ? one.reversed() : one);
        }
        // a stable total order, so that markers are exact: creation time, then id
        return c.thenComparing(v -> v.path("created_at").asString(""))
                .thenComparing(v -> v.path("id").asString(""));
    }

    private static int compareValues(JsonNode a, JsonNode b) {
        boolean an = a == null || a.isNull();
        boolean bn = b == null || b.isNull();
        if (an || bn) {
            return an == bn ? 0 : an ? 1 : -1;
        }
        if (a.isNumber() && b.isNumber()) {
            return a.decimalValue().compareTo(b.decimalValue());
        }
        if (a.isBoolean() && b.isBoolean()) {
            return Boolean.compare(a.asBoolean(), b.asBoolean());
        }
        return a.isValueNode() && b.isValueNode() ? a.asString().compareTo(b.asString())
                : a.toString().compareTo(b.toString());
    }
}
