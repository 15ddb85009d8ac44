package io.nubo.image.image;

import io.nubo.image.web.ImageError;
import jakarta.persistence.criteria.CriteriaBuilder;
import jakarta.persistence.criteria.MapJoin;
import jakarta.persistence.criteria.Path;
import jakarta.persistence.criteria.Predicate;
import jakarta.persistence.criteria.Root;
import jakarta.persistence.criteria.Subquery;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.springframework.util.MultiValueMap;

/**
 * A parsed {@code GET /v2/images} query: filters (core fields, {@code in:} lists, size bounds, tags, time
 * comparisons, {@code changes-since}, custom properties), sort keys and directions, limit and marker. Filters are
 * criteria on the images table, so the database filters, sorts and pages ({@link ImageListing}).
 */
final class ImageListQuery {

    /** One filter, as a criteria predicate on an image root. */
    @FunctionalInterface
    interface Criterion {
        Predicate on(Root<ImageEntity> image, Subqueries subqueries, CriteriaBuilder cb);
    }

    /** Makes correlated subqueries for criteria on an image's collections (tags, properties). */
    @FunctionalInterface
    interface Subqueries {
        Subquery<Integer> exists();
    }

    /** A sort key: the wire name, the entity attribute, how to read it from a marker image. */
    record SortKey(String attribute, Function<ImageEntity, Comparable<?>> value) {
    }

    /** A sort key with its direction ({@code asc} sorts nulls last, {@code desc} nulls first, as Java's order did). */
    record Order(SortKey key, boolean ascending) {
    }

    static final Map<String, SortKey> SORT_KEYS = Map.ofEntries(
            Map.entry("name", new SortKey("name", ImageEntity::getName)),
            Map.entry("status", new SortKey("status", ImageEntity::getStatus)),
            Map.entry("container_format", new SortKey("containerFormat", ImageEntity::getContainerFormat)),
            Map.entry("disk_format", new SortKey("diskFormat", ImageEntity::getDiskFormat)),
            Map.entry("size", new SortKey("size", ImageEntity::getSize)),
            Map.entry("id", new SortKey("id", ImageEntity::getId)),
            Map.entry("created_at", new SortKey("createdAt", ImageEntity::getCreatedAt)),
            Map.entry("updated_at", new SortKey("updatedAt", ImageEntity::getUpdatedAt)),
            Map.entry("visibility", new SortKey("visibility", ImageEntity::getVisibility)),
            Map.entry("owner", new SortKey("owner", ImageEntity::getOwner)),
            Map.entry("min_disk", new SortKey("minDisk", ImageEntity::getMinDisk)),
            Map.entry("min_ram", new SortKey("minRam", ImageEntity::getMinRam)));
    private static final Set<String> NOT_FILTERS = Set.of("limit", "marker", "sort", "sort_key", "sort_dir",
            "visibility", "member_status", "os_hidden");

    final List<Criterion> filters = new ArrayList<>();
    final List<Order> order;
    final int limit;
    final String marker;
    final String visibility;
    final String memberStatus;
    final Boolean osHidden;

    ImageListQuery(MultiValueMap<String, String> params, int defaultLimit, int maxLimit) {
        limit = limit(params.getFirst("limit"), defaultLimit, maxLimit);
        marker = params.getFirst("marker");
        visibility = params.getFirst("visibility");
        if (visibility != null && !List.of("public", "private", "shared", "community", "all").contains(visibility)) {
            throw ImageError.INVALID_FORMAT.exception(visibility, "visibility", "[public, private, shared, community, all]");
        }
        memberStatus = params.getFirst("member_status") == null ? "accepted" : params.getFirst("member_status");
        if (!List.of("pending", "accepted", "rejected", "all").contains(memberStatus)) {
            throw ImageError.INVALID_FORMAT.exception(memberStatus, "member_status", "[pending, accepted, rejected, all]");
        }
        String hidden = params.getFirst("os_hidden");
        osHidden = hidden == null ? Boolean.FALSE : bool("os_hidden", hidden);
        order = order(params);
        for (Map.Entry<String, List<String>> e : params.entrySet()) {
            if (!NOT_FILTERS.contains(e.getKey())) {
                for (String v : e.getValue()) {
                    filters.add(filter(e.getKey(), v));
                }
            }
        }
    }

    private static int limit(String s, int defaultLimit, int maxLimit) {
        if (s == null) {
            return defaultLimit;
        }
        try {
            int n = Integer.parseInt(s);
            if (n < 0) {
                throw ImageError.BAD_REQUEST.exception("limit param must be positive");
            }
            return Math.min(n, maxLimit);
        } catch (NumberFormatException e) {
            throw ImageError.BAD_REQUEST.exception("limit param must be an integer");
        }
    }

    private static List<Order> order(MultiValueMap<String, String> params) {
        List<String[]> keys = new ArrayList<>();
        if (params.containsKey("sort")) {
            if (params.containsKey("sort_key") || params.containsKey("sort_dir")) {
                throw ImageError.BAD_REQUEST.exception("The 'sort' parameter cannot be combined with 'sort_key' or 'sort_dir'.");
            }
            for (String part : params.getFirst("sort").split(",")) {
                String[] kd = part.trim().split(":", 2);
                keys.add(new String[] {kd[0], kd.length > 1 ? kd[1] : "desc"});
            }
        } else {
            List<String> sk = params.getOrDefault("sort_key", List.of());
            List<String> sd = params.getOrDefault("sort_dir", List.of());
            for (int i = 0; i < sk.size(); i++) {
                keys.add(new String[] {sk.get(i), i < sd.size() ? sd.get(i) : sd.isEmpty() ? "desc" : sd.get(0)});
            }
            if (sk.isEmpty() && !sd.isEmpty()) {
                keys.add(new String[] {"created_at", sd.get(0)});
            }
        }
        if (keys.isEmpty()) {
            keys.add(new String[] {"created_at", "desc"});
        }
        List<Order> order = new ArrayList<>();
        for (String[] kd : keys) {
            order.add(by(kd[0], kd[1]));
        }
        // the id last makes the order total, so a marker names one place in it
        if (keys.stream().noneMatch(k -> k[0].equals("id"))) {
            order.add(by("id", keys.get(keys.size() - 1)[1]));
        }
        return List.copyOf(order);
    }

    private static Order by(String key, String dir) {
        SortKey k = SORT_KEYS.get(key);
        if (k == null) {
            throw ImageError.INVALID_SORT_KEY.exception(key, String.join(", ", SORT_KEYS.keySet().stream().sorted().toList()));
        }
        if (!dir.equals("asc") && !dir.equals("desc")) {
            throw ImageError.BAD_REQUEST.exception("Invalid sort direction: " + dir);
        }
        return new Order(k, dir.equals("asc"));
    }

    private static Criterion filter(String key, String value) {
        return switch (key) {
            case "name" -> in(value, "name");
            case "id" -> in(value, "id");
            case "status" -> status(value);
            case "disk_format" -> in(value, "diskFormat");
            case "container_format" -> in(value, "containerFormat");
            case "owner" -> in(value, "owner");
            case "checksum" -> in(value, "checksum");
            case "os_hash_value" -> in(value, "osHashValue");
            case "protected" -> { boolean b = bool(key, value); yield (i, s, cb) -> cb.equal(i.get("isProtected"), b); }
            case "size" -> { long n = number(key, value); yield (i, s, cb) -> cb.equal(i.<Long>get("size"), n); }
            case "size_min" -> { long n = number(key, value);
                yield (i, s, cb) -> cb.greaterThanOrEqualTo(i.<Long>get("size"), n); }
            case "size_max" -> { long n = number(key, value);
                yield (i, s, cb) -> cb.lessThanOrEqualTo(i.<Long>get("size"), n); }
            case "tag" -> (i, s, cb) -> cb.isMember(value, i.<Set<String>>get("tags"));
            case "created_at" -> time(key, value, "createdAt");
            case "updated_at", "changes-since" -> time(key, key.equals("changes-since") ? "gte:" + value : value,
                    "updatedAt");
            default -> (i, s, cb) -> {
                Subquery<Integer> sq = s.exists();
                Root<ImageEntity> same = sq.correlate(i);
                MapJoin<ImageEntity, String, String> p = same.joinMap("properties");
                return cb.exists(sq.select(cb.literal(1)).where(cb.equal(p.key(), key), cb.equal(p.value(), value)));
            };
        };
    }

    /** {@code v} or {@code in:a,b}; a null field (an image without a name or format yet) matches no value. */
    private static Criterion in(String value, String attribute) {
        if (value.startsWith("in:")) {
            List<String> any = List.of(value.substring(3).split(","));
            return (i, s, cb) -> i.get(attribute).in(any);
        }
        return (i, s, cb) -> cb.equal(i.get(attribute), value);
    }

    /** Status is stored by its enum name; a value that names no status matches nothing. */
    private static Criterion status(String value) {
        List<String> wire = value.startsWith("in:") ? List.of(value.substring(3).split(",")) : List.of(value);
        List<ImageStatus> any = new ArrayList<>();
        for (ImageStatus st : ImageStatus.values()) {
            if (wire.contains(st.wire())) {
                any.add(st);
            }
        }
        return (i, s, cb) -> any.isEmpty() ? cb.disjunction() : i.get("status").in(any);
    }

    /**
     * Glance compares times to the second: {@code op} holds between the stored time cut to whole seconds and the
     * given time. In the database that is a bound on the stored time itself: with T the stored time cut to
     * seconds, T > t exactly when the stored time is at or after the first whole second after t, and so on.
     */
    private static Criterion time(String key, String value, String attribute) {
        String op = "eq";
        String t = value;
        int colon = value.indexOf(':');
        if (colon > 0 && List.of("eq", "neq", "gt", "gte", "lt", "lte").contains(value.substring(0, colon))) {
            op = value.substring(0, colon);
            t = value.substring(colon + 1);
        }
        Instant at;
        try {
            at = OffsetDateTime.parse(t.endsWith("Z") || t.matches(".*[+-]\\d\\d:\\d\\d$") ? t : t + "Z").toInstant();
        } catch (DateTimeParseException e) {
            throw ImageError.BAD_REQUEST.exception("Invalid value for '" + key + "': " + t + " is not an ISO 8601 time.");
        }
        Instant floor = at.truncatedTo(ChronoUnit.SECONDS);
        boolean whole = floor.equals(at);
        Instant ceil = whole ? at : floor.plusSeconds(1);
        Instant next = floor.plusSeconds(1);
        String o = op;
        return (i, s, cb) -> {
            Path<Instant> f = i.get(attribute);
            Predicate eq = whole ? cb.and(cb.greaterThanOrEqualTo(f, at), cb.lessThan(f, next)) : cb.disjunction();
            return switch (o) {
                case "eq" -> eq;
                case "neq" -> cb.not(eq);
                case "gt" -> cb.greaterThanOrEqualTo(f, next);
                case "gte" -> cb.greaterThanOrEqualTo(f, ceil);
                case "lt" -> cb.lessThan(f, ceil);
                default -> cb.lessThan(f, next);
            };
        };
    }

    private static long number(String key, String value) {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw ImageError.BAD_REQUEST.exception("Invalid value for '" + key + "': an integer is required.");
        }
    }

    private static boolean bool(String key, String value) {
        return switch (value.toLowerCase(java.util.Locale.ROOT)) {
            case "true", "1", "yes", "on" -> true;
            case "false", "0", "no", "off" -> false;
            default -> throw ImageError.BAD_REQUEST.exception("Invalid value for '" + key + "': true or false is required.");
        };
    }
}
