package io.nubo.shared.security;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A service's own sign-in as its service user (Keystone v3 password, project scope), as DevStack's {@code nova},
 * {@code glance} and {@code cinder} users sign in: the token and its catalog, kept until a minute before the token
 * expires, or until {@link #forget()} (after a 401). The one way every Nubo service and the compute agent get a
 * token of their own; the caller turns an {@link IOException} into its own error.
 */
public final class ServiceUserSession {

    /** The account: {@code user} in {@code userDomain}, scoped to {@code project} in {@code projectDomain}. */
    public record Credentials(String identityUrl, String user, String password, String userDomain, String project,
                              String projectDomain) {
    }

    /** A token with its expiry and the catalog it came with. */
    public record Token(String id, Instant expiresAt, JsonNode catalog) {

        /**
         * The URL of the first endpoint of a service of {@code type} with that interface (and region, unless
         * {@code region} is null or blank), without a trailing slash.
         */
        public Optional<String> endpoint(String type, String endpointInterface, String region) {
            for (JsonNode service : catalog) {
                if (!type.equals(service.path("type").asString())) {
                    continue;
                }
                for (JsonNode ep : service.path("endpoints")) {
                    boolean iface = endpointInterface.equals(ep.path("interface").asString());
                    boolean inRegion = region == null || region.isBlank()
                            || region.equals(ep.path("region_id").asString())
                            || region.equals(ep.path("region").asString());
                    if (iface && inRegion) {
                        return Optional.of(ep.path("url").asString().replaceAll("/+$", ""));
                    }
                }
            }
            return Optional.empty();
        }
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration RENEW_BEFORE = Duration.ofMinutes(1);

    private final HttpClient http;
    private final Credentials credentials;
    private final Clock clock;
    private Token token;

    public ServiceUserSession(HttpClient http, Credentials credentials) {
        this(http, credentials, Clock.systemUTC());
    }

    ServiceUserSession(HttpClient http, Credentials credentials, Clock clock) {
        this.http = http;
        this.credentials = credentials;
        this.clock = clock;
    }

    /** The current token, signing in first when there is none or it expires within a minute. */
    public synchronized Token current() throws IOException {
        if (token == null || !clock.instant().isBefore(token.expiresAt().minus(RENEW_BEFORE))) {
            token = signIn();
        }
        return token;
    }

    /** The current token's id. */
    public String tokenId() throws IOException {
        return current().id();
    }

    /** Drops the token, so the next call signs in again (after the token was refused). */
    public synchronized void forget() {
        token = null;
    }

    private Token signIn() throws IOException {
        Map<String, Object> body = Map.of("auth", Map.of(
                "identity", Map.of("methods", List.of("password"), "password", Map.of("user", Map.of(
                        "name", credentials.user(), "password", credentials.password(),
                        "domain", Map.of("name", credentials.userDomain())))),
                "scope", Map.of("project", Map.of("name", credentials.project(),
                        "domain", Map.of("name", credentials.projectDomain())))));
        String url = credentials.identityUrl().replaceAll("/+$", "") + "/auth/tokens";
        HttpResponse<String> r;
        try {
            r = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while signing in at " + url, e);
        } catch (IllegalArgumentException e) {
            throw new IOException("cannot sign in at " + url + ": " + e.getMessage(), e);
        }
        if (r.statusCode() != 201) {
            throw new IOException("the identity service at " + url + " refused the service user "
                    + credentials.user() + ": HTTP " + r.statusCode());
        }
        String id = r.headers().firstValue("X-Subject-Token")
                .orElseThrow(() -> new IOException("no X-Subject-Token from " + url));
        try {
            JsonNode t = JSON.readTree(r.body()).path("token");
            JsonNode at = t.path("expires_at");
            Instant expires = at.isMissingNode() || at.isNull() ? clock.instant().plus(Duration.ofMinutes(10))
                    : Instant.parse(at.asString());
            return new Token(id, expires, t.path("catalog"));
        } catch (JacksonException | java.time.format.DateTimeParseException e) {
            throw new IOException("unreadable token from " + url + ": " + e.getMessage(), e);
        }
    }
}
