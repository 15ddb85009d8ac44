package io.nubo.objectstore.listing;

import io.nubo.objectstore.error.SwiftError;
import io.nubo.objectstore.swift.QueryParams;

/** A listing's parameters: {@code prefix}, {@code delimiter}, {@code marker}, {@code end_marker}, {@code limit}, {@code reverse}. */
public record ListingQuery(String prefix, String delimiter, String marker, String endMarker, int limit,
                           boolean reverse) {

    public static final int MAX_LIMIT = 10_000;

    public static ListingQuery of(QueryParams q) {
        int limit = MAX_LIMIT;
        String l = q.get("limit");
        if (l != null && !l.isEmpty()) {
            try {
                limit = Integer.parseInt(l);
            } catch (NumberFormatException e) {
                throw SwiftError.OS_007_PRECONDITION_FAILED.error("Value of limit must be a positive integer");
            }
            if (limit < 0) {
                throw SwiftError.OS_007_PRECONDITION_FAILED.error("Value of limit must be a positive integer");
            }
            if (limit > MAX_LIMIT) {
                throw SwiftError.OS_007_PRECONDITION_FAILED.error("Maximum limit is " + MAX_LIMIT);
            }
        }
        String delimiter = emptyToNull(q.get("delimiter"));
        if (delimiter != null && delimiter.length() > 1) {
            throw SwiftError.OS_007_PRECONDITION_FAILED.error("Bad delimiter");
        }
        String reverse = q.get("reverse");
        boolean rev = reverse != null && (reverse.equalsIgnoreCase("true") || reverse.equals("1")
                || reverse.equalsIgnoreCase("yes") || reverse.equalsIgnoreCase("on") || reverse.equalsIgnoreCase("t"));
        return new ListingQuery(emptyToNull(q.get("prefix")), delimiter, emptyToNull(q.get("marker")),
                emptyToNull(q.get("end_marker")), limit, rev);
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
