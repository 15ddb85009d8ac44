package io.nubo.blockstorage.volume.backup;

import io.nubo.blockstorage.config.BlockStorageProperties;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The object store as block storage's backup target, through its Swift API as the service's own user: a Keystone
 * password token scoped to the service project and that project's object-store endpoint from the catalog, renewed a
 * minute before it expires or after a 401. Backups live in that account, so a user cannot delete a backup's objects
 * behind the service's back (Cinder's default {@code backup_swift_auth=single_user}).
 */
public class SwiftBackupStore {

    private record Session(String token, String storageUrl, Instant renewAt) {
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final BlockStorageProperties.Backup settings;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private volatile Session session;

    public SwiftBackupStore(BlockStorageProperties.Backup settings) {
        this.settings = settings;
    }

    public String container() {
        return settings.container();
    }

    public int chunkSize() {
        return settings.chunkSize();
    }

    /** Creates the container if it is not there (PUT is idempotent in Swift). */
    public void ensureContainer(String container) throws IOException {
        send("PUT", container, HttpRequest.BodyPublishers.noBody(), 201, 202);
    }

    public void put(String container, String name, byte[] data) throws IOException {
        send("PUT", container + "/" + encode(name), HttpRequest.BodyPublishers.ofByteArray(data), 201);
    }

    public byte[] get(String container, String name) throws IOException {
        return send("GET", container + "/" + encode(name), HttpRequest.BodyPublishers.noBody(), 200);
    }

    /** Deletes the object; one that is gone already counts as deleted. */
    public void delete(String container, String name) throws IOException {
        send("DELETE", container + "/" + encode(name), HttpRequest.BodyPublishers.noBody(), 204, 404);
    }

    private static String encode(String name) {
        return URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20").replace("%2F", "/");
    }

    private byte[] send(String method, String path, HttpRequest.BodyPublisher body, int... ok) throws IOException {
        for (int attempt = 0; ; attempt++) {
            Session s = current();
            HttpResponse<byte[]> r;
            try {
                r = http.send(HttpRequest.newBuilder(URI.create(s.storageUrl() + "/" + path))
                        .timeout(Duration.ofMinutes(5)).header("X-Auth-Token", s.token()).method(method, body).build(),
                        HttpResponse.BodyHandlers.ofByteArray());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted: " + method + " " + path, e);
            }
            if (r.statusCode() == 401 && attempt == 0) {
                session = null;
                continue;
            }
            for (int code : ok) {
                if (r.statusCode() == code) {
                    return r.body();
                }
            }
            throw new IOException("the object store answered " + r.statusCode() + " to " + method + " " + path);
        }
    }

    private Session current() throws IOException {
        Session s = session;
        if (s == null || Instant.now().isAfter(s.renewAt())) {
            synchronized (this) {
                s = session;
                if (s == null || Instant.now().isAfter(s.renewAt())) {
                    s = authenticate();
                    session = s;
                }
            }
        }
        return s;
    }

    private Session authenticate() throws IOException {
        String body = JSON.writeValueAsString(Map.of("auth", Map.of(
                "identity", Map.of("methods", List.of("password"), "password", Map.of("user", Map.of(
                        "name", settings.user(), "password", settings.password(),
                        "domain", Map.of("name", settings.domain())))),
                "scope", Map.of("project", Map.of("name", settings.project(),
                        "domain", Map.of("name", settings.domain()))))));
        String url = settings.identityUrl().replaceAll("/+$", "") + "/auth/tokens";
        HttpResponse<String> r;
        try {
            r = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body))
                    .build(), HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while signing in at " + url, e);
        }
        if (r.statusCode() != 201) {
            throw new IOException("identity refused block storage's backup user " + settings.user() + ": "
                    + r.statusCode());
        }
        String token = r.headers().firstValue("X-Subject-Token")
                .orElseThrow(() -> new IOException("no X-Subject-Token from " + url));
        JsonNode t = JSON.readTree(r.body()).get("token");
        for (JsonNode service : t.path("catalog")) {
            if ("object-store".equals(service.path("type").asString())) {
                for (JsonNode ep : service.path("endpoints")) {
                    if (settings.endpointInterface().equals(ep.path("interface").asString())) {
                        return new Session(token, ep.path("url").asString().replaceAll("/+$", ""),
                                Instant.parse(t.get("expires_at").asString()).minusSeconds(60));
                    }
                }
            }
        }
        throw new IOException("no " + settings.endpointInterface() + " object-store endpoint in the catalog");
    }
}
