package io.nubo.objectstore.object;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;

/** The bytes an object GET returns: one or more pieces, streamed in order, any byte range of them. */
public record ObjectContent(List<SegmentSource> pieces, long size, String etag) {

    /** Streams bytes {@code first..last} (inclusive) to {@code out}, piece by piece. */
    public void copyRange(long first, long last, OutputStream out) throws IOException {
        long pos = 0;
        for (SegmentSource p : pieces) {
            long start = pos;
            long end = pos + p.length() - 1;
            pos += p.length();
            if (end < first || p.length() == 0) {
                continue;
            }
            if (start > last) {
                break;
            }
            long from = Math.max(first, start) - start;
            long to = Math.min(last, end) - start;
            try (InputStream in = p.open(from, to - from + 1)) {
                in.transferTo(out);
            }
        }
    }

    /** All the bytes as one stream; each piece is opened only when the previous one is done. */
    public InputStream stream() {
        java.util.Iterator<SegmentSource> it = pieces.iterator();
        return new java.io.SequenceInputStream(new java.util.Enumeration<InputStream>() {
            @Override
            public boolean hasMoreElements() {
                return it.hasNext();
            }

            @Override
            public InputStream nextElement() {
                SegmentSource p = it.next();
                try {
                    return p.length() == 0 ? InputStream.nullInputStream() : p.open(0, p.length());
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }
        });
    }

    public void copyAll(OutputStream out) throws IOException {
        if (size > 0) {
            copyRange(0, size - 1, out);
        }
    }
}
