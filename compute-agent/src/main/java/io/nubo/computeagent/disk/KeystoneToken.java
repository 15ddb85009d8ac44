package io.nubo.computeagent.disk;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A token for the agent's own service account, by password ({@code POST /v3/auth/tokens}, project scope), kept
 * until a minute before it expires.
 */
public final class KeystoneToken {

    /** The account: {@code user} in {@code userDomain}, scoped to {@code project} in {@code projectDomain}. */
    public record Credentials(URI identityUrl, String user, String password, String project, String userDomain,
                              String projectDomain) {
    }

    private final HttpClient http;
    private final Credentials credentials;
    private final JsonMapper json = new JsonMapper();
    private String token;
    private Instant expires = Instant.EPOCH;

    public KeystoneToken(HttpClient http, Credentials credentials) {
        this.http = http;
        this.credentials = credentials;
    }

    public synchronized String get() {
        if (token != null && Instant.now().isBefore(expires.minusSeconds(60))) {
            return token;
        }
        Map<String, Object> body = Map.of("auth", Map.of(
                "identity", Map.of("methods", new String[] {"password"}, "password", Map.of("user", Map.of(
                        "name", credentials.user(), "password", credentials.password(),
                        "domain", Map.of("name", credentials.userDomain())))),
                "scope", Map.of("project", Map.of("name", credentials.project(),
                        "domain", Map.of("name", credentials.projectDomain())))));
        String base = credentials.identityUrl().toString().replaceAll("/+$", "");
        HttpRequest req = HttpRequest.newBuilder(URI.create(base + "/auth/tokens"))
                .timeout(Duration.ofSeconds(20)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body))).build();
        HttpResponse<String> resp;
        try {
            resp = http.send(req, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new DiskException("cannot reach the identity service at " + base + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DiskException("interrupted while signing in to the identity service", e);
        }
        if (resp.statusCode() != 201) {
            throw new DiskException("the identity service refused the agent's credentials (user "
                    + credentials.user() + "): HTTP " + resp.statusCode());
        }
        token = resp.headers().firstValue("X-Subject-Token").orElseThrow(
                () -> new DiskException("the identity service answered without X-Subject-Token"));
        JsonNode expiresAt = json.readTree(resp.body()).path("token").path("expires_at");
        expires = expiresAt.isMissingNode() ? Instant.now().plusSeconds(600) : Instant.parse(expiresAt.asString());
        return token;
    }

    public synchronized void forget() {
        token = null;
    }
}
