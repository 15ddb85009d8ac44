package io.nubo.computeagent.disk;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The image service over its Glance v2 API, signed in with the agent's {@link KeystoneToken}: reads as the agent
 * (the service role may read any image), writes a user's snapshot as that user with the agent's token as
 * {@code X-Service-Token}.
 */
public final class GlanceImageService implements ImageService {

    static final String SERVICE_TOKEN = "X-Service-Token";

    private final HttpClient http;
    private final URI base;
    private final KeystoneToken token;
    private final JsonMapper json = new JsonMapper();

    public GlanceImageService(HttpClient http, URI imageServiceUrl, KeystoneToken token) {
        this.http = http;
        this.base = URI.create(imageServiceUrl.toString().replaceAll("/+$", "") + "/");
        this.token = token;
    }

    @Override
    public ImageRecord show(String imageId) {
        HttpResponse<String> r = send(get("v2/images/" + imageId), HttpResponse.BodyHandlers.ofString(), imageId);
        JsonNode n = json.readTree(r.body());
        java.util.List<String> locations = new java.util.ArrayList<>();
        n.path("locations").forEach(l -> {
            if (!l.path("url").asString("").isEmpty()) {
                locations.add(l.path("url").asString());
            }
        });
        String direct = n.path("direct_url").asString(null);
        if (direct != null && !locations.contains(direct)) {
            locations.add(direct);
        }
        return new ImageRecord(n.path("id").asString(), n.path("status").asString(),
                n.path("disk_format").asString(null), n.path("size").asLong(0),
                n.path("os_hash_algo").asString(null), n.path("os_hash_value").asString(null), locations);
    }

    @Override
    public InputStream download(String imageId) {
        return send(get("v2/images/" + imageId + "/file"), HttpResponse.BodyHandlers.ofInputStream(), imageId).body();
    }

    @Override
    public void upload(String imageId, Path data, String userToken) {
        HttpRequest.BodyPublisher file;
        try {
            file = HttpRequest.BodyPublishers.ofFile(data);
        } catch (FileNotFoundException e) {
            throw new DiskException("snapshot data " + data + " is missing", e);
        }
        HttpRequest.Builder req = HttpRequest.newBuilder(base.resolve("v2/images/" + imageId + "/file"))
                .header("Content-Type", "application/octet-stream").PUT(file);
        send(req, userToken, HttpResponse.BodyHandlers.discarding(), imageId);
    }

    @Override
    public void delete(String imageId, String userToken) {
        HttpRequest.Builder req = HttpRequest.newBuilder(base.resolve("v2/images/" + imageId))
                .timeout(Duration.ofMinutes(1)).DELETE();
        try {
            send(req, userToken, HttpResponse.BodyHandlers.discarding(), imageId);
        } catch (ImageNotFoundException gone) {
            // deleted already: what was asked
        }
    }

    private HttpRequest get(String path) {
        return HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofMinutes(10))
                .header("X-Auth-Token", token.get()).GET().build();
    }

    /**
     * Sends as the user with the agent's token as the service token; the service token is what may have expired
     * (the user's is the user's, accepted expired thanks to it), so a 401 renews it once.
     */
    private <T> HttpResponse<T> send(HttpRequest.Builder req, String userToken, HttpResponse.BodyHandler<T> body,
                                     String imageId) {
        if (userToken == null) {
            return send(req.header("X-Auth-Token", token.get()).build(), body, imageId);
        }
        HttpRequest first = req.copy().header("X-Auth-Token", userToken).header(SERVICE_TOKEN, token.get()).build();
        return send(first, body, imageId, () -> req.copy().header("X-Auth-Token", userToken)
                .header(SERVICE_TOKEN, token.get()).build());
    }

    private <T> HttpResponse<T> send(HttpRequest req, HttpResponse.BodyHandler<T> body, String imageId) {
        return send(req, body, imageId, () -> HttpRequest.newBuilder(req,
                (k, v) -> !k.equalsIgnoreCase("X-Auth-Token")).header("X-Auth-Token", token.get()).build());
    }

    private <T> HttpResponse<T> send(HttpRequest req, HttpResponse.BodyHandler<T> body, String imageId,
                                     java.util.function.Supplier<HttpRequest> renewed) {
        HttpResponse<T> r;
        try {
            r = http.send(req, body);
            if (r.statusCode() == 401) {
                token.forget();
                close(r);
                req = renewed.get();
                r = http.send(req, body);
            }
        } catch (IOException e) {
            throw new DiskException("cannot reach the image service at " + base + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DiskException("interrupted while talking to the image service", e);
        }
        if (r.statusCode() == 404) {
            close(r);
            throw new ImageNotFoundException(imageId);
        }
        if (r.statusCode() / 100 != 2) {
            close(r);
            throw new DiskException("the image service answered HTTP " + r.statusCode() + " for "
                    + req.method() + " " + req.uri().getPath());
        }
        return r;
    }

    private static void close(HttpResponse<?> r) {
        if (r.body() instanceof InputStream in) {
            try {
                in.close();
            } catch (IOException ignored) {
                // nothing to do
            }
        }
    }
}
