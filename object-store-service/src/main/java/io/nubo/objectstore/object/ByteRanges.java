package io.nubo.objectstore.object;

import java.util.ArrayList;
import java.util.List;

/** An HTTP {@code Range: bytes=...} header against an object's length. */
public final class ByteRanges {

    /** An inclusive byte range. */
    public record Range(long first, long last) {
        public long length() {
            return last - first + 1;
        }
    }

    private ByteRanges() {
    }

    /**
     * @return null when there is no usable Range header (the whole object is sent), an empty list when none of
     * the ranges can be satisfied (416), else the satisfiable ranges
     */
    public static List<Range> parse(String header, long size) {
        if (header == null) {
            return null;
        }
        String h = header.trim();
        if (!h.toLowerCase(java.util.Locale.ROOT).startsWith("bytes=")) {
            return null;
        }
        List<Range> out = new ArrayList<>();
        String[] specs = h.substring(6).split(",");
        if (specs.length > 100) {
            return null;
        }
        for (String raw : specs) {
            String spec = raw.trim();
            int dash = spec.indexOf('-');
            if (dash < 0) {
                return null;
            }
            String a = spec.substring(0, dash).trim();
            String b = spec.substring(dash + 1).trim();
            try {
                if (a.isEmpty()) {
                    if (b.isEmpty()) {
                        return null;
                    }
                    long suffix = Long.parseLong(b);
                    if (suffix > 0 && size > 0) {
                        out.add(new Range(Math.max(0, size - suffix), size - 1));
                    }
                } else {
                    long first = Long.parseLong(a);
                    long last = b.isEmpty() ? size - 1 : Long.parseLong(b);
                    if (last < first) {
                        return null;
                    }
                    if (first < size) {
                        out.add(new Range(first, Math.min(last, size - 1)));
                    }
                }
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return out;
    }
}
