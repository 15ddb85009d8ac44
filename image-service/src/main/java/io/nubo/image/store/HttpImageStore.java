package io.nubo.image.store;

import io.nubo.shared.outbound.GuardedHttpClient;
import io.nubo.shared.outbound.OutboundUrlRefused;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.NoSuchFileException;
import java.util.Map;
import java.util.OptionalLong;
import org.apache.commons.io.input.BoundedInputStream;

/**
 * Glance's read-only {@code http} store: image data that stays on a web server the image's location points at,
 * streamed from there on every download. Every request goes through the shared {@link GuardedHttpClient}, so
 * only URLs {@code nubo.outbound.*} allows are requested, checked again on each read (so narrowing the setting takes
 * effect at once) and by the address actually connected to; redirects are not followed, and the store never
 * writes or deletes anything.
 */
public class HttpImageStore implements ImageStore {

    public static final String ID = "http";

    private final GuardedHttpClient http;

    public HttpImageStore(GuardedHttpClient http) {
        this.http = http;
    }

    /** Why a URL cannot be a location of this store, or null when it can. */
    public String refusal(String location) {
        try {
            http.guard().check(location);
            return null;
        } catch (OutboundUrlRefused e) {
            return e.getMessage();
        }
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "Read-only http(s) store for image locations on allowed hosts (nubo.outbound)";
    }

    @Override
    public StoredObject write(String imageId, InputStream data) throws IOException {
        throw new IOException("The http store is read-only");
    }

    /** The size the server announces for the URL, if it answers a HEAD with 200 and a Content-Length. */
    public OptionalLong size(String location) throws IOException {
        try (GuardedHttpClient.Response r = http.send("HEAD", target(location), Map.of(), 0)) {
            if (r.status() == 404) {
                throw new NoSuchFileException(location);
            }
            if (r.status() != 200) {
                throw new IOException("HEAD " + location + " answered " + r.status());
            }
            return r.contentLength();
        }
    }

    @Override
    public InputStream read(String location, long offset, long length) throws IOException {
        boolean ranged = offset > 0 || length >= 0;
        Map<String, String> headers = ranged
                ? Map.of("Range", "bytes=" + offset + "-" + (length >= 0 ? String.valueOf(offset + length - 1) : ""))
                : Map.of();
        GuardedHttpClient.Response r = http.send("GET", target(location), headers, 0);
        InputStream body = r.body();
        if (r.status() == 206) {
            return body;
        }
        if (r.status() != 200) {
            body.close();
            if (r.status() == 404) {
                throw new NoSuchFileException(location);
            }
            throw new IOException("GET " + location + " answered " + r.status());
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

    private String target(String location) throws IOException {
        URI u = http.guard().check(location);
        try {
            // the fragment names the location, it is not part of the request (Glance allows "url#copy2")
            return new URI(u.getScheme(), u.getRawAuthority() == null ? null : u.getAuthority(), u.getPath(),
                    u.getQuery(), null).toString();
        } catch (URISyntaxException e) {
            throw new IOException("Location " + location + " is not a valid URL", e);
        }
    }
}
