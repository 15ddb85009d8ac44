package io.nubo.objectstore.listing;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Swift's listing walk over names in byte order: {@code prefix}, {@code marker} / {@code end_marker} bounds
 * (swapped roles when {@code reverse}), {@code delimiter} folding names into {@code subdir}s, and {@code limit},
 * reading the database a page at a time.
 */
public final class Lister {

    /** One page of rows after {@code from} (before it when reverse), in order; {@code from} null = from the end. */
    public interface PageSource<T> {
        List<T> page(String from, boolean reverse, int size);
    }

    /** A row or a folded {@code subdir}. */
    public record Item<T>(String name, T row) {
        public boolean isSubdir() {
            return row == null;
        }
    }

    private static final int PAGE = 1000;
    private static final String TOP = "\uffff";

    private Lister() {
    }

    public static <T> List<Item<T>> list(ListingQuery q, PageSource<T> source, Function<T, String> nameOf) {
        List<Item<T>> out = new ArrayList<>();
        if (q.limit() == 0) {
            return out;
        }
        String prefix = q.prefix() == null ? "" : q.prefix();
        String from = start(q, prefix);
        while (true) {
            List<T> rows = source.page(from, q.reverse(), PAGE);
            boolean refetch = false;
            for (T row : rows) {
                String name = nameOf.apply(row);
                from = name;
                if (q.endMarker() != null && (q.reverse() ? name.compareTo(q.endMarker()) <= 0
                        : name.compareTo(q.endMarker()) >= 0)) {
                    return out;
                }
                if (!name.startsWith(prefix)) {
                    if (q.reverse() ? name.compareTo(prefix) < 0 : name.compareTo(prefix) > 0) {
                        return out;
                    }
                    continue;
                }
                int cut = q.delimiter() == null ? -1 : name.indexOf(q.delimiter(), prefix.length());
                if (cut >= 0) {
                    String subdir = name.substring(0, cut + q.delimiter().length());
                    out.add(new Item<>(subdir, null));
                    from = q.reverse() ? subdir : subdir + TOP;
                    refetch = true;
                } else {
                    out.add(new Item<>(name, row));
                }
                if (out.size() >= q.limit()) {
                    return out;
                }
                if (refetch) {
                    break;
                }
            }
            if (!refetch && rows.size() < PAGE) {
                return out;
            }
        }
    }

    private static String start(ListingQuery q, String prefix) {
        if (q.reverse()) {
            if (q.marker() != null) {
                return q.marker();
            }
            return prefix.isEmpty() ? null : prefix + TOP;
        }
        String belowPrefix = prefix.isEmpty() ? null
                : prefix.substring(0, prefix.length() - 1) + (char) (prefix.charAt(prefix.length() - 1) - 1) + TOP;
        if (q.marker() == null) {
            return belowPrefix;
        }
        return belowPrefix != null && belowPrefix.compareTo(q.marker()) > 0 ? belowPrefix : q.marker();
    }
}
