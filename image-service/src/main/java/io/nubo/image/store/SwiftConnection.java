package io.nubo.image.store;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The image service's own session with the object store: a Keystone v3 password token for the service's account
 * and the object-store endpoint from its catalog, renewed a minute before it expires or when Swift answers 401.
 */
public final class SwiftConnection {

    /** The service's credentials, as a Keystone v3 password authentication needs them. */
    public record Credentials(String authUrl, String user, String userDomain, String password, String project,
                       String projectDomain, String region, String endpointInterface) {
    }

    private record Session(String token, String storageUrl, Instant renewAt) {
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Credentials credentials;
    private final HttpClient http;
    private volatile Session session;

    SwiftConnection(Credentials credentials, HttpClient http) {
        this.credentials = credentials;
        this.http = http;
    }

    String token() throws IOException {
        return current().token();
    }

    /** {@code https://host/v1/AUTH_project}, from the catalog. */
    String storageUrl() throws IOException {
        return current().storageUrl();
    }

    void invalidate() {
        session = null;
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
        String body = JSON.writeValueAsString(java.util.Map.of("auth", java.util.Map.of(
                "identity", java.util.Map.of("methods", java.util.List.of("password"), "password", java.util.Map.of(
                        "user", java.util.Map.of("name", credentials.user(), "password", credentials.password(),
                                "domain", java.util.Map.of("name", credentials.userDomain())))),
                "scope", java.util.Map.of("project", java.util.Map.of("name", credentials.project(),
                        "domain", java.util.Map.of("name", credentials.projectDomain()))))));
        String url = credentials.authUrl().replaceAll("/+$", "") + "/auth/tokens";
        HttpResponse<String> r;
        try {
            r = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while authenticating to " + url, e);
        }
        if (r.statusCode() != 201) {
            throw new IOException("the object store's identity service refused the image service's credentials: "
                    + r.statusCode());
        }
        String token = r.headers().firstValue("X-Subject-Token")
                .orElseThrow(() -> new IOException("no X-Subject-Token from " + url));
        JsonNode t = JSON.readTree(r.body()).get("token");
        Instant expires = Instant.parse(t.get("expires_at").asString());
        for (JsonNode service : t.path("catalog")) {
            if (!"object-store".equals(service.path("type").asString())) {
                continue;
            }
            for (JsonNode ep : service.path("endpoints")) {
                boolean iface = credentials.endpointInterface().equals(ep.path("interface").asString());
                boolean region = credentials.region() == null || credentials.region().isBlank()
                        || credentials.region().equals(ep.path("region_id").asString())
                        || credentials.region().equals(ep.path("region").asString());
                if (iface && region) {
                    return new Session(token, ep.path("url").asString().replaceAll("/+$", ""),
                            expires.minusSeconds(60));
                }
            }
        }
        throw new IOException("no " + credentials.endpointInterface() + " object-store endpoint in the catalog");
    }
}
