package io.nubo.image.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * Image data in the object store, through its Swift API, with the image service's own account (never the user's).
 * An image is one object {@code <container>/<image id>}; one larger than the segment size is written as segments
 * {@code <container>_segments/<image id>/<n>} under a static large object manifest, as Glance's Swift store does,
 * because Swift caps a single object at 5 GiB. Every object is streamed with a chunked PUT: Swift keeps a PUT only
 * when it completes, so a broken write leaves no object; segments already written are deleted.
 *
 * <p>Locations are {@code swift://<container>/<object>}: the endpoint and credentials are configuration, never
 * stored with an image.
 */
public class SwiftImageStore implements ImageStore {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final String id;
    private final String container;
    private final long segmentSize;
    private final SwiftConnection connection;
    private final HttpClient http;
    private volatile boolean containersReady;

    public SwiftImageStore(String id, SwiftConnection.Credentials credentials, String container, long segmentSize) {
        this(id, credentials, container, segmentSize,
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build());
    }

    SwiftImageStore(String id, SwiftConnection.Credentials credentials, String container, long segmentSize,
                    HttpClient http) {
        if (!container.matches("[A-Za-z0-9_.-]{1,200}")) {
            throw new IllegalArgumentException("Not a usable container name: " + container);
        }
        this.id = id;
        this.container = container;
        this.segmentSize = segmentSize;
        this.http = http;
        this.connection = new SwiftConnection(credentials, http);
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public String description() {
        return "Object store (Swift API), container " + container;
    }

    @Override
    public StoredObject write(String imageId, InputStream data) throws IOException {
        if (!imageId.matches("[A-Za-z0-9-]{1,64}")) {
            throw new IllegalArgumentException("Not an image id: " + imageId);
        }
        ensureContainers();
        PushbackInputStream in = new PushbackInputStream(data, 1);
        List<Map<String, Object>> segments = new ArrayList<>();
        long total = 0;
        try {
            while (true) {
                LimitedView segment = new LimitedView(in, segmentSize);
                String path = segmentsContainer() + "/" + imageId + "/" + String.format("%08d", segments.size());
                HttpResponse<Void> r;
                try {
                    r = send("PUT", path, HttpRequest.BodyPublishers.ofInputStream(() -> segment), Map.of());
                } catch (IOException e) {
                    throw segment.failure != null ? segment.failure : e;
                }
                if (segment.failure != null) {
                    throw segment.failure;
                }
                expect(r, "PUT " + path, 201);
                segments.add(Map.of("path", "/" + path, "etag", etagOf(r), "size_bytes", segment.count));
                total += segment.count;
                if (segment.count < segmentSize || !more(in)) {
                    break;
                }
            }
            String object = container + "/" + imageId;
            if (segments.size() == 1) {
                // small image: copy the one segment into place server-side, then drop the segment
                HttpResponse<Void> r = send("PUT", object, HttpRequest.BodyPublishers.noBody(),
                        Map.of("X-Copy-From", (String) segments.get(0).get("path")));
                expect(r, "PUT " + object, 201);
                deleteQuietly(segments);
            } else {
                HttpResponse<Void> r = send("PUT", object + "?multipart-manifest=put",
                        HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(segments)), Map.of());
                expect(r, "PUT manifest " + object, 201);
            }
            return new StoredObject("swift://" + object, total);
        } catch (IOException | RuntimeException e) {
            deleteQuietly(segments);
            throw e;
        }
    }

    @Override
    public InputStream read(String location, long offset, long length) throws IOException {
        String object = objectOf(location);
        Map<String, String> headers = offset == 0 && length < 0 ? Map.of()
                : Map.of("Range", "bytes=" + offset + "-" + (length < 0 ? "" : String.valueOf(offset + length - 1)));
        HttpResponse<InputStream> r = request("GET", object, HttpRequest.BodyPublishers.noBody(), headers,
                HttpResponse.BodyHandlers.ofInputStream());
        if (r.statusCode() == 404) {
            r.body().close();
            throw new NoSuchFileException(location);
        }
        if (r.statusCode() == 416) {
            r.body().close();
            return InputStream.nullInputStream();
        }
        if (r.statusCode() != 200 && r.statusCode() != 206) {
            r.body().close();
            throw new IOException("GET " + object + " answered " + r.statusCode());
        }
        return r.body();
    }

    @Override
    public void delete(String location) throws IOException {
        String object = objectOf(location);
        HttpResponse<Void> r = send("DELETE", object + "?multipart-manifest=delete", HttpRequest.BodyPublishers.noBody(),
                Map.of());
        if (r.statusCode() != 204 && r.statusCode() != 200 && r.statusCode() != 404) {
            throw new IOException("DELETE " + object + " answered " + r.statusCode());
        }
    }

    @Override
    public boolean exists(String location) throws IOException {
        HttpResponse<Void> r = send("HEAD", objectOf(location), HttpRequest.BodyPublishers.noBody(), Map.of());
        return r.statusCode() == 200;
    }

    /** Whether any object or segment of the image is in the store (for the contract test). */
    boolean anythingStoredFor(String imageId) throws IOException {
        if (exists("swift://" + container + "/" + imageId)) {
            return true;
        }
        HttpResponse<String> r = request("GET", segmentsContainer() + "?prefix=" + imageId + "/",
                HttpRequest.BodyPublishers.noBody(), Map.of(), HttpResponse.BodyHandlers.ofString());
        return r.statusCode() == 200 && !r.body().isBlank();
    }

    private String segmentsContainer() {
        return container + "_segments";
    }

    private void ensureContainers() throws IOException {
        if (containersReady) {
            return;
        }
        for (String c : List.of(container, segmentsContainer())) {
            HttpResponse<Void> r = send("PUT", c, HttpRequest.BodyPublishers.noBody(), Map.of());
            expect(r, "PUT container " + c, 201, 202);
        }
        containersReady = true;
    }

    private String objectOf(String location) throws NoSuchFileException {
        String prefix = "swift://" + container + "/";
        if (location == null || !location.startsWith(prefix) || location.substring(prefix.length()).contains("/")
                || location.contains("?")) {
            throw new NoSuchFileException(location);
        }
        return location.substring("swift://".length());
    }

    private static boolean more(PushbackInputStream in) throws IOException {
        int b = in.read();
        if (b < 0) {
            return false;
        }
        in.unread(b);
        return true;
    }

    private void deleteQuietly(List<Map<String, Object>> segments) {
        for (Map<String, Object> s : segments) {
            try {
                send("DELETE", ((String) s.get("path")).substring(1), HttpRequest.BodyPublishers.noBody(), Map.of());
            } catch (IOException | RuntimeException e) {
                // an orphaned segment wastes space but hides nothing; it is under the image's id
            }
        }
    }

    private static String etagOf(HttpResponse<?> r) {
        return r.headers().firstValue("Etag").orElse("").replace("\"", "");
    }

    private static void expect(HttpResponse<?> r, String what, int... ok) throws IOException {
        for (int s : ok) {
            if (r.statusCode() == s) {
                return;
            }
        }
        throw new IOException(what + " answered " + r.statusCode());
    }

    private HttpResponse<Void> send(String method, String path, HttpRequest.BodyPublisher body,
                                    Map<String, String> headers) throws IOException {
        return request(method, path, body, headers, HttpResponse.BodyHandlers.discarding());
    }

    /** One request with the service's token; a 401 renews the token and retries once (bodies that can be replayed). */
    private <T> HttpResponse<T> request(String method, String path, HttpRequest.BodyPublisher body,
                                        Map<String, String> headers, HttpResponse.BodyHandler<T> handler)
            throws IOException {
        HttpResponse<T> r = attempt(method, path, body, headers, handler);
        if (r.statusCode() == 401 && body.contentLength() >= 0) {
            connection.invalidate();
            r = attempt(method, path, body, headers, handler);
        }
        return r;
    }

    private <T> HttpResponse<T> attempt(String method, String path, HttpRequest.BodyPublisher body,
                                        Map<String, String> headers, HttpResponse.BodyHandler<T> handler)
            throws IOException {
        String[] parts = path.split("\\?", 2);
        StringBuilder url = new StringBuilder(connection.storageUrl());
        for (String segment : parts[0].split("/")) {
            url.append('/').append(URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20"));
        }
        if (parts.length > 1) {
            url.append('?').append(parts[1]);
        }
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url.toString())).timeout(Duration.ofHours(2))
                .header("X-Auth-Token", connection.token()).method(method, body);
        headers.forEach(b::header);
        try {
            return http.send(b.build(), handler);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted: " + method + " " + path, e);
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /**
     * At most {@code limit} bytes of the image stream, as one segment's body. A failure of the stream under it is
     * kept so the writer reports the client's error rather than the HTTP client's.
     */
    private static final class LimitedView extends InputStream {
        private final InputStream in;
        private final long limit;
        long count;
        IOException failure;

        LimitedView(InputStream in, long limit) {
            this.in = in;
            this.limit = limit;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (count >= limit) {
                return -1;
            }
            int n;
            try {
                n = in.read(b, off, (int) Math.min(len, limit - count));
            } catch (IOException e) {
                failure = e;
                throw e;
            }
            if (n > 0) {
                count += n;
            }
            return n;
        }
    }
}
