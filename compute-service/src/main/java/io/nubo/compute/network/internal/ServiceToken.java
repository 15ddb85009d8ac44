package io.nubo.compute.network.internal;

import io.nubo.compute.error.ComputeError;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;
import tools.jackson.databind.JsonNode;

/**
 * A token for compute's own service user (password, project scope), kept until a minute before it expires: what
 * binds ports, as Nova's {@code [neutron]} credentials do.
 */
public final class ServiceToken implements Supplier<String> {

    private final RestClient http;
    private final Map<String, Object> body;
    private String token;
    private Instant expires = Instant.EPOCH;

    public ServiceToken(String identityUrl, String user, String password, String project, String domain) {
        this.http = RestClient.builder().baseUrl(identityUrl.replaceAll("/+$", "")).build();
        this.body = Map.of("auth", Map.of(
                "identity", Map.of("methods", List.of("password"), "password", Map.of("user", Map.of(
                        "name", user, "password", password, "domain", Map.of("name", domain)))),
                "scope", Map.of("project", Map.of("name", project, "domain", Map.of("name", domain)))));
    }

    @Override
    public synchronized String get() {
        if (token != null && Instant.now().isBefore(expires.minusSeconds(60))) {
            return token;
        }
        try {
            var entity = http.post().uri("/auth/tokens").contentType(MediaType.APPLICATION_JSON)
                    .body(NeutronClient.JSON.writeValueAsString(body)).retrieve().toEntity(String.class);
            token = entity.getHeaders().getFirst("X-Subject-Token");
            JsonNode at = NeutronClient.JSON.readTree(entity.getBody()).path("token").path("expires_at");
            expires = at.isMissingNode() ? Instant.now().plusSeconds(600) : Instant.parse(at.asString());
        } catch (RestClientException | IllegalArgumentException e) {
            throw ComputeError.UNAVAILABLE.exception("Compute could not sign in to bind network ports: "
                    + e.getMessage());
        }
        if (token == null) {
            throw ComputeError.UNAVAILABLE.exception("The identity service answered without X-Subject-Token.");
        }
        return token;
    }
}
