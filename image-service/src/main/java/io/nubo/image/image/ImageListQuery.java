package io.nubo.image.image;

import io.nubo.image.web.ImageError;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import org.springframework.util.MultiValueMap;

/**
 * A parsed {@code GET /v2/images} query: filters (core fields, {@code in:} lists, size bounds, tags, time
 * comparisons, {@code changes-since}, custom properties), sort keys and directions, limit and marker.
 */
final class ImageListQuery {

    static final Map<String, Function<ImageEntity, Comparable<?>>> SORT_KEYS = Map.ofEntries(
            Map.entry("name", ImageEntity::getName), Map.entry("status", i -> i.getStatus().wire()),
            Map.entry("container_format", ImageEntity::getContainerFormat),
            Map.entry("disk_format", ImageEntity::getDiskFormat), Map.entry("size", ImageEntity::getSize),
            Map.entry("id", ImageEntity::getId), Map.entry("created_at", ImageEntity::getCreatedAt),
            Map.entry("updated_at", ImageEntity::getUpdatedAt), Map.entry("visibility", i -> i.getVisibility().wire()),
            Map.entry("owner", ImageEntity::getOwner), Map.entry("min_disk", ImageEntity::getMinDisk),
            Map.entry("min_ram", ImageEntity::getMinRam));
    private static final Set<String> NOT_FILTERS = Set.of("limit", "marker", "sort", "sort_key", "sort_dir",
            "visibility", "member_status", "os_hidden");

    final List<Predicate<ImageEntity>> filters = new ArrayList<>();
    final Comparator<ImageEntity> order;
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

    private static Comparator<ImageEntity> order(MultiValueMap<String, String> params) {
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
        Comparator<ImageEntity> c = null;
        for (String[] kd : keys) {
            Comparator<ImageEntity> one = by(kd[0], kd[1]);
            c = c == null ? one : c.thenComparing(one);
        }
        boolean hasId = keys.stream().anyMatch(k -> k[0].equals("id"));
        return hasId ? c : c.thenComparing(by("id", keys.get(keys.size() - 1)[1]));
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Comparator<ImageEntity> by(String key, String dir) {
        Function<ImageEntity, Comparable<?>> f = SORT_KEYS.get(key);
        if (f == null) {
            throw ImageError.INVALID_SORT_KEY.exception(key, String.join(", ", SORT_KEYS.keySet().stream().sorted().toList()));
        }
        if (!dir.equals("asc") && !dir.equals("desc")) {
            throw ImageError.BAD_REQUEST.exception("Invalid sort direction: " + dir);
        }
        Comparator<Comparable> natural = Comparator.nullsLast(Comparator.naturalOrder());
        Comparator<ImageEntity> c = Comparator.comparing(i -> (Comparable) f.apply(i), natural);
        return dir.equals("desc") ? c.reversed() : c;
    }

    private static Predicate<ImageEntity> filter(String key, String value) {
        return switch (key) {
            case "name" -> in(value, ImageEntity::getName);
            case "id" -> in(value, ImageEntity::getId);
            case "status" -> in(value, i -> i.getStatus().wire());
            case "disk_format" -> in(value, ImageEntity::getDiskFormat);
            case "container_format" -> in(value, ImageEntity::getContainerFormat);
            case "owner" -> in(value, ImageEntity::getOwner);
            case "checksum" -> in(value, ImageEntity::getChecksum);
            case "os_hash_value" -> in(value, ImageEntity::getOsHashValue);
            case "protected" -> { boolean b = bool(key, value); yield i -> i.isProtected() == b; }
            case "size" -> { long n = number(key, value); yield i -> i.getSize() != null && i.getSize() == n; }
            case "size_min" -> { long n = number(key, value); yield i -> i.getSize() != null && i.getSize() >= n; }
            case "size_max" -> { long n = number(key, value); yield i -> i.getSize() != null && i.getSize() <= n; }
            case "tag" -> i -> i.getTags().contains(value);
            case "created_at" -> time(key, value, ImageEntity::getCreatedAt);
            case "updated_at", "changes-since" -> time(key, key.equals("changes-since") ? "gte:" + value : value,
                    ImageEntity::getUpdatedAt);
            default -> i -> value.equals(i.getProperties().get(key));
        };
    }

    private static Predicate<ImageEntity> in(String value, Function<ImageEntity, String> field) {
        if (value.startsWith("in:")) {
            List<String> any = List.of(value.substring(3).split(","));
            // a null field (an image without a name or format yet) matches no value; List.contains(null) throws
            return i -> {
                String v = field.apply(i);
                return v != null && any.contains(v);
            };
        }
        return i -> value.equals(field.apply(i));
    }

    private static Predicate<ImageEntity> time(String key, String value, Function<ImageEntity, Instant> field) {
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
        String o = op;
        return i -> {
            int c = field.apply(i).truncatedTo(java.time.temporal.ChronoUnit.SECONDS).compareTo(at);
            return switch (o) {
                case "eq" -> c == 0;
                case "neq" -> c != 0;
                case "gt" -> c > 0;
                case "gte" -> c >= 0;
                case "lt" -> c < 0;
                default -> c <= 0;
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
