package io.nubo.image.store;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.NoSuchFileException;
import java.time.Duration;
import java.util.OptionalLong;
import org.apache.commons.io.input.BoundedInputStream;

/**
 * Glance's read-only {@code http} store: image data that stays on a web server the image's location points at,
 * streamed from there on every download. Only URLs the {@link UrlAllowList} allows are ever requested (checked
 * again on each read, so narrowing the list takes effect at once), redirects are not followed, and the store
 * never writes or deletes anything.
 */
public class HttpImageStore implements ImageStore {

    public static final String ID = "http";

    private final UrlAllowList allowList;
    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(10)).build();

    public HttpImageStore(UrlAllowList allowList) {
        this.allowList = allowList;
    }

    public UrlAllowList allowList() {
        return allowList;
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "Read-only http(s) store for image locations on allowed hosts";
    }

    @Override
    public StoredObject write(String imageId, InputStream data) throws IOException {
        throw new IOException("The http store is read-only");
    }

    /** The size the server announces for the URL, if it answers a HEAD with 200 and a Content-Length. */
    public OptionalLong size(String location) throws IOException {
        HttpResponse<Void> r = send(HttpRequest.newBuilder(target(location)).timeout(Duration.ofSeconds(30))
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding());
        if (r.statusCode() == 404) {
            throw new NoSuchFileException(location);
        }
        if (r.statusCode() != 200) {
            throw new IOException("HEAD " + location + " answered " + r.statusCode());
        }
        return r.headers().firstValueAsLong("Content-Length");
    }

    @Override
    public InputStream read(String location, long offset, long length) throws IOException {
        HttpRequest.Builder b = HttpRequest.newBuilder(target(location)).timeout(Duration.ofMinutes(10)).GET();
        boolean ranged = offset > 0 || length >= 0;
        if (ranged) {
            b.header("Range", "bytes=" + offset + "-" + (length >= 0 ? String.valueOf(offset + length - 1) : ""));
        }
        HttpResponse<InputStream> r = send(b.build(), HttpResponse.BodyHandlers.ofInputStream());
        InputStream body = r.body();
        if (r.statusCode() == 206) {
            return body;
        }
        if (r.statusCode() != 200) {
            body.close();
            if (r.statusCode() == 404) {
                throw new NoSuchFileException(location);
            }
            throw new IOException("GET " + location + " answered " + r.statusCode());
        }
        if (offset > 0) {
            body.skipNBytes(offset);
        }
        return length >= 0 ? BoundedInputStream.builder().setInputStream(body).setMaxCount(length).get() : body;
    }

    /** Nothing to delete: the data belongs to the web server. */
    @Override
    public void delete(String location) {
    }

    @Override
    public boolean exists(String location) throws IOException {
        try {
            size(location);
            return true;
        } catch (NoSuchFileException e) {
            return false;
        }
    }

    private URI target(String location) throws IOException {
        URI u = allowList.parse(location);
        if (u == null) {
            throw new IOException("Location " + location + " is not on an allowed host");
        }
        try {
            // the fragment names the location, it is not part of the request (Glance allows "url#copy2")
            return new URI(u.getScheme(), u.getRawAuthority() == null ? null : u.getAuthority(), u.getPath(),
                    u.getQuery(), null);
        } catch (URISyntaxException e) {
            throw new IOException("Location " + location + " is not a valid URL", e);
        }
    }

    private <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler) throws IOException {
        try {
            return http.send(request, handler);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }
}
