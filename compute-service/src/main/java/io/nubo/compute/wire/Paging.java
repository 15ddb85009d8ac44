package io.nubo.compute.wire;

import io.nubo.compute.error.ComputeError;

import io.nubo.shared.api.Link;
import java.util.List;
import java.util.function.Function;

/** Nova's {@code limit} / {@code marker} paging over an ordered list, with the {@code next} link when cut. */
public final class Paging {

    public static final int MAX_LIMIT = 1000;

    private Paging() {
    }

    public record Page<T>(List<T> items, List<Link> next) {
    }

    public static Integer limit(String raw) {
        if (raw == null) {
            return null;
        }
        try {
            int n = Integer.parseInt(raw.trim());
            if (n < 0) {
                throw new NumberFormatException();
            }
            return Math.min(n, MAX_LIMIT);
        } catch (NumberFormatException e) {
            throw ComputeError.BAD_REQUEST.exception("Invalid input for query parameters limit. Value: " + raw
                    + ". '" + raw + "' does not match '^[0-9]*$'");
        }
    }

    public static <T> Page<T> page(List<T> all, Integer limit, String marker, Function<T, String> id,
                                   String collectionPath) {
        int from = 0;
        if (marker != null) {
            int i = 0;
            while (i < all.size() && !id.apply(all.get(i)).equals(marker)) {
                i++;
            }
            if (i == all.size()) {
                throw ComputeError.BAD_REQUEST.exception("marker [" + marker + "] not found");
            }
            from = i + 1;
        }
        int max = limit == null ? MAX_LIMIT : limit;
        List<T> items = all.subList(from, Math.min(all.size(), from + max));
        List<Link> next = null;
        if (limit != null && items.size() == limit && from + limit < all.size() && !items.isEmpty()) {
            next = List.of(new Link("next", null, Links.base() + "/v2.1/" + collectionPath + "?limit=" + limit
                    + "&marker=" + id.apply(items.get(items.size() - 1))));
        }
        return new Page<>(List.copyOf(items), next);
    }
}
