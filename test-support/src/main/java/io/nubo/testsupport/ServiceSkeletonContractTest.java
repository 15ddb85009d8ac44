package io.nubo.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import io.nubo.shared.events.TokenRevoked;
import io.nubo.shared.security.RevocationList;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * What every Nubo service promises from the walking skeleton on: public version discovery in its own shape with
 * links through the gateway's prefix, a token required everywhere else (missing, forged, expired and revoked ones
 * refused with Keystone's 401; an expired user token accepted with a service user's {@code X-Service-Token}), the service's own error body for an unknown path, and a request id on every
 * response. Each service's test extends this (annotated {@code @SpringBootTest(webEnvironment = RANDOM_PORT)}
 * and {@code @Import(TestTokens.Keys.class)}) and says what its discovery and errors look like.
 */
@Tag("integration")
public abstract class ServiceSkeletonContractTest {

    private static final PostgresTestDatabase DB = PostgresTestDatabase.create("service");
    protected static final HttpClient HTTP = HttpClient.newHttpClient();

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry r) {
        r.add("spring.datasource.url", DB::jdbcUrl);
        r.add("spring.datasource.username", DB::username);
        r.add("spring.datasource.password", DB::password);
        r.add("nubo.outbox.enabled", () -> "false");
        r.add("nubo.security.revocation-feed", () -> "false");
    }

    @AfterAll
    static void dropDatabase() {
        DB.close();
    }

    @LocalServerPort
    protected int port;

    @Autowired
    protected RevocationList revocations;

    /** A public version document path, e.g. {@code /v2.1}. */
    protected abstract String discoveryPath();

    /** The status that path answers (200, or 300 Multiple Choices). */
    protected abstract int discoveryStatus();

    /** The gateway prefix of this service, e.g. {@code /compute}. */
    protected abstract String gatewayPrefix();

    /** Whether the discovery document carries links (Swift's /info has none). */
    protected boolean discoveryHasLinks() {
        return true;
    }

    /** A path that needs a token and does not exist. */
    protected String protectedUnknownPath() {
        return "/nubo-no-such-resource";
    }

    /** A fragment the service's own error body for a 404 contains, e.g. {@code "itemNotFound"}. */
    protected abstract String notFoundBodyFragment();

    protected HttpResponse<String> get(String path, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET();
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void versionDiscoveryIsPublicAndLinksThroughTheGateway() throws Exception {
        HttpResponse<String> r = get(discoveryPath(), "X-Forwarded-Host", "cloud.example:8780",
                "X-Forwarded-Proto", "http", "X-Forwarded-Prefix", gatewayPrefix());
        assertThat(r.statusCode()).isEqualTo(discoveryStatus());
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).contains("json"));
        if (discoveryHasLinks()) {
            assertThat(r.body()).contains("http://cloud.example:8780" + gatewayPrefix() + "/");
        }
        assertThat(r.headers().firstValue("x-openstack-request-id")).hasValueSatisfying(
                id -> assertThat(id).startsWith("req-"));
    }

    @Test
    void healthcheckIsPublic() throws Exception {
        assertThat(get("/healthcheck").statusCode()).isEqualTo(200);
    }

    @Test
    void missingForgedAndExpiredTokensGetKeystones401() throws Exception {
        for (String[] headers : new String[][] {{}, {"X-Auth-Token", TestTokens.forged("p1")},
                {"X-Auth-Token", TestTokens.expired("p1")}, {"X-Auth-Token", "not-a-token"}}) {
            HttpResponse<String> r = get(protectedUnknownPath(), headers);
            assertThat(r.statusCode()).isEqualTo(401);
            assertThat(r.body()).contains("\"title\": \"Unauthorized\"").doesNotContain("Exception");
            assertThat(r.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
                    v -> assertThat(v).startsWith("Keystone uri="));
            assertThat(r.headers().firstValue("x-openstack-request-id")).isPresent();
        }
    }

    @Test
    void aValidTokenReachesTheServiceAndAnUnknownPathIsItsOwn404() throws Exception {
        HttpResponse<String> r = get(protectedUnknownPath(), "X-Auth-Token", TestTokens.project("p1", "member"));
        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(r.body()).contains(notFoundBodyFragment()).doesNotContain("Exception");
    }

    @Test
    void aRevokedTokenIsRefused() throws Exception {
        String audit = UUID.randomUUID().toString();
        String token = TestTokens.withAuditId("p1", audit, "member");
        assertThat(get(protectedUnknownPath(), "X-Auth-Token", token).statusCode()).isEqualTo(404);
        revocations.add(new TokenRevoked(audit, null, null, null, null, Instant.now(), Instant.now()));
        assertThat(get(protectedUnknownPath(), "X-Auth-Token", token).statusCode()).isEqualTo(401);
    }

    @Test
    void aServiceTokenLetsAServiceActForAUserWhoseTokenExpired() throws Exception {
        String expired = TestTokens.expired("p1");
        String service = "X-Service-Token";
        assertThat(get(protectedUnknownPath(), "X-Auth-Token", expired).statusCode()).isEqualTo(401);
        HttpResponse<String> asUser = get(protectedUnknownPath(), "X-Auth-Token", expired, service,
                TestTokens.service("nova"));
        assertThat(asUser.statusCode()).as(asUser.body()).isEqualTo(404);
        assertThat(asUser.body()).contains(notFoundBodyFragment());
        assertThat(get(protectedUnknownPath(), "X-Auth-Token", expired, service, TestTokens.project("p2", "member"))
                .statusCode()).isEqualTo(401);
        assertThat(get(protectedUnknownPath(), "X-Auth-Token", TestTokens.project("p1", "member"), service,
                TestTokens.forged("service")).statusCode()).isEqualTo(401);
        String audit = UUID.randomUUID().toString();
        String revoked = TestTokens.expired("p1", audit);
        revocations.add(new TokenRevoked(audit, null, null, null, null, Instant.now(), Instant.now()));
        assertThat(get(protectedUnknownPath(), "X-Auth-Token", revoked, service, TestTokens.service("nova"))
                .statusCode()).isEqualTo(401);
    }
}
