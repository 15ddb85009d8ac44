package io.nubo.image.data;

import io.nubo.image.web.ImageError;

/**
 * One byte range of an image: from a {@code Range: bytes=a-b} request header (RFC 9110; {@code a-}, {@code -n}
 * suffixes too), or Glance's older {@code Content-Range: bytes a-b/*} request header.
 */
record ByteRange(long first, long last) {

    long length() {
        return last - first + 1;
    }

    String contentRange(long size) {
        return "bytes " + first + "-" + last + "/" + size;
    }

    /** The range a request asks for, or null for the whole image; 416 when it cannot be satisfied. */
    static ByteRange parse(String range, String contentRange, long size) {
        if (range != null && !range.isBlank()) {
            return fromRange(range.trim(), size);
        }
        if (contentRange != null && !contentRange.isBlank()) {
            String s = contentRange.trim();
            if (!s.startsWith("bytes ")) {
                throw ImageError.RANGE_NOT_SATISFIABLE.exception(contentRange);
            }
            String spec = s.substring(6);
            int slash = spec.indexOf('/');
            return fromRange("bytes=" + (slash >= 0 ? spec.substring(0, slash) : spec), size);
        }
        return null;
    }

    private static ByteRange fromRange(String header, long size) {
        if (!header.startsWith("bytes=") || header.contains(",")) {
            throw ImageError.RANGE_NOT_SATISFIABLE.exception(header);
        }
        String spec = header.substring(6).trim();
        int dash = spec.indexOf('-');
        if (dash < 0) {
            throw ImageError.RANGE_NOT_SATISFIABLE.exception(header);
        }
        try {
            String a = spec.substring(0, dash).trim();
            String b = spec.substring(dash + 1).trim();
            long first;
            long last;
            if (a.isEmpty()) {
                long suffix = Long.parseLong(b);
                if (suffix <= 0) {
                    throw ImageError.RANGE_NOT_SATISFIABLE.exception(header);
                }
                first = Math.max(0, size - suffix);
                last = size - 1;
            } else {
                first = Long.parseLong(a);
                last = b.isEmpty() ? size - 1 : Math.min(Long.parseLong(b), size - 1);
            }
            if (first < 0 || first >= size || last < first) {
                throw ImageError.RANGE_NOT_SATISFIABLE.exception(header);
            }
            return new ByteRange(first, last);
        } catch (NumberFormatException e) {
            throw ImageError.RANGE_NOT_SATISFIABLE.exception(header);
        }
    }
}
