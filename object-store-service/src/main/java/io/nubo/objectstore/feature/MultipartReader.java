package io.nubo.objectstore.feature;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Reads a {@code multipart/form-data} body part by part as streams, holding one small buffer: file parts go
 * straight to the blob store, never into memory or temporary files.
 */
final class MultipartReader {

    /** One part: its headers (lower-case names) and its body, which ends at the next boundary. */
    record Part(Map<String, String> headers, InputStream body) {
        String name() {
            return param("name");
        }

        String filename() {
            return param("filename");
        }

        private String param(String p) {
            String d = headers.getOrDefault("content-disposition", "");
            for (String item : d.split(";")) {
                String t = item.trim();
                if (t.startsWith(p + "=")) {
                    return t.substring(p.length() + 1).replaceAll("^\"|\"$", "");
                }
            }
            return null;
        }
    }

    private static final int BUFFER = 64 * 1024;
    private static final int MAX_HEADER_LINE = 8192;

    private final InputStream in;
    private final byte[] delimiter;
    private final byte[] buf;
    private int start;
    private int end;
    private boolean eof;
    private PartStream current;
    private boolean done;

    MultipartReader(InputStream in, String boundary) {
        this.in = in;
        this.delimiter = ("\r\n--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
        this.buf = new byte[BUFFER + delimiter.length];
        // the body opens with "--boundary": a CRLF in front makes it look like every other delimiter
        buf[0] = '\r';
        buf[1] = '\n';
        end = 2;
    }

    /** The boundary parameter of a {@code multipart/form-data} content type, or null. */
    static String boundaryOf(String contentType) {
        if (contentType == null || !contentType.toLowerCase(Locale.ROOT).startsWith("multipart/form-data")) {
            return null;
        }
        for (String p : contentType.split(";")) {
            String t = p.trim();
            if (t.toLowerCase(Locale.ROOT).startsWith("boundary=")) {
                return t.substring(9).replaceAll("^\"|\"$", "");
            }
        }
        return null;
    }

    /** The next part, or null after the closing boundary. */
    Part next() throws IOException {
        if (done) {
            return null;
        }
        if (current != null) {
            current.transferTo(java.io.OutputStream.nullOutputStream());
        } else {
            // skip a preamble up to the first delimiter
            new PartStream().transferTo(java.io.OutputStream.nullOutputStream());
        }
        ensure(delimiter.length + 2);
        if (end - start < delimiter.length + 2) {
            throw new IOException("multipart body ends without a closing boundary");
        }
        start += delimiter.length;
        if (buf[start] == '-' && buf[start + 1] == '-') {
            done = true;
            return null;
        }
        Map<String, String> headers = new LinkedHashMap<>();
        String line = readLine();
        while (!(line = readLine()).isEmpty()) {
            int colon = line.indexOf(':');
            if (colon > 0) {
                headers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
            }
        }
        current = new PartStream();
        return new Part(headers, current);
    }

    private String readLine() throws IOException {
        StringBuilder b = new StringBuilder();
        while (true) {
            ensure(2);
            if (end - start < 2) {
                throw new IOException("multipart headers end early");
            }
            if (buf[start] == '\r' && buf[start + 1] == '\n') {
                start += 2;
                return b.toString();
            }
            b.append((char) (buf[start++] & 0xff));
            if (b.length() > MAX_HEADER_LINE) {
                throw new IOException("multipart header line too long");
            }
        }
    }

    /** Makes at least {@code n} bytes available in the buffer, unless the stream ends first. */
    private void ensure(int n) throws IOException {
        if (end - start >= n) {
            return;
        }
        System.arraycopy(buf, start, buf, 0, end - start);
        end -= start;
        start = 0;
        while (end < n && !eof) {
            int r = in.read(buf, end, buf.length - end);
            if (r < 0) {
                eof = true;
            } else {
                end += r;
            }
        }
    }

    private int indexOfDelimiter() {
        outer:
        for (int i = start; i <= end - delimiter.length; i++) {
            for (int j = 0; j < delimiter.length; j++) {
                if (buf[i + j] != delimiter[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /** A part's body: the bytes up to (not including) the next delimiter. */
    private final class PartStream extends InputStream {
        private boolean ended;

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (ended) {
                return -1;
            }
            if (len == 0) {
                return 0;
            }
            while (true) {
                int at = indexOfDelimiter();
                int available = at >= 0 ? at - start : end - start - (delimiter.length - 1);
                if (at == start) {
                    ended = true;
                    return -1;
                }
                if (available > 0) {
                    int n = Math.min(len, available);
                    System.arraycopy(buf, start, b, off, n);
                    start += n;
                    return n;
                }
                if (eof) {
                    throw new IOException("multipart body ends inside a part");
                }
                ensure(end - start + 1);
                if (eof && indexOfDelimiter() < 0 && end - start < delimiter.length) {
                    throw new IOException("multipart body ends inside a part");
                }
            }
        }
    }
}
