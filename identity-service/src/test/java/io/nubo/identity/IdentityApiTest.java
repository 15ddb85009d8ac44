package io.nubo.identity;

import static org.assertj.core.api.Assertions.assertThat;

import io.nubo.testsupport.PostgresTestDatabase;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class IdentityApiTest extends IdentityHttpTest {

    @Test
    void versionDiscoveryFollowsTheGatewayPrefix() throws Exception {
        Reply root = call("GET", "/", null, "X-Forwarded-Host", "cloud.example:8780", "X-Forwarded-Prefix", "/identity");
        assertThat(root.status()).isEqualTo(300);
        JsonNode v = root.json().get("versions").get("values").get(0);
        assertThat(v.get("id").asString()).isEqualTo("v3.14");
        assertThat(v.get("links").get(0).get("href").asString()).isEqualTo("http://cloud.example:8780/identity/v3/");
        Reply v3 = call("GET", "/v3", null);
        assertThat(v3.status()).isEqualTo(200);
        assertThat(v3.json().get("version").get("media-types").get(0).get("type").asString())
                .isEqualTo("application/vnd.openstack.identity-v3+json");
        assertThat(v3.header("x-openstack-request-id")).startsWith("req-");
    }

    @Test
    void projectScopedPasswordTokenCarriesRolesAndASubstitutedCatalog() throws Exception {
        Reply r = call("POST", "/v3/auth/tokens", passwordAuth("admin", "s3cret", ADMIN_PROJECT));
        assertThat(r.status()).isEqualTo(201);
        assertThat(r.header("X-Subject-Token")).isNotBlank();
        JsonNode t = r.json().get("token");
        assertThat(t.get("methods").get(0).asString()).isEqualTo("password");
        assertThat(t.get("user").get("name").asString()).isEqualTo("admin");
        assertThat(t.get("user").get("domain").get("name").asString()).isEqualTo("Default");
        assertThat(t.get("user").has("password_expires_at")).isTrue();
        assertThat(t.get("audit_ids").get(0).asString()).hasSize(22);
        assertThat(t.get("expires_at").asString()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{6}Z");
        String projectId = t.get("project").get("id").asString();
        assertThat(t.get("project").get("name").asString()).isEqualTo("admin");
        assertThat(t.get("roles").findValuesAsString("name")).contains("admin");
        JsonNode catalog = t.get("catalog");
        assertThat(catalog.findValuesAsString("type")).contains("identity", "compute", "image", "volumev3",
                "block-storage", "network", "object-store");
        for (JsonNode service : catalog) {
            for (JsonNode ep : service.get("endpoints")) {
                assertThat(ep.get("region").asString()).isEqualTo("RegionOne");
                assertThat(ep.get("region_id").asString()).isEqualTo("RegionOne");
                assertThat(ep.get("url").asString()).startsWith("http://gw.example:8780/").doesNotContain("$(");
                if (service.get("type").asString().equals("object-store")) {
                    assertThat(ep.get("url").asString()).endsWith("/object-store/v1/AUTH_" + projectId);
                }
            }
        }
    }

    @Test
    void unscopedAndSystemScopedTokens() throws Exception {
        Reply unscoped = call("POST", "/v3/auth/tokens", passwordAuth("admin", "s3cret", null));
        assertThat(unscoped.status()).isEqualTo(201);
        assertThat(unscoped.json().get("token").has("project")).isFalse();
        assertThat(unscoped.json().get("token").has("catalog")).isFalse();
        Reply system = call("POST", "/v3/auth/tokens", passwordAuth("admin", "s3cret", "{\"system\": {\"all\": true}}"));
        assertThat(system.status()).isEqualTo(201);
        assertThat(system.json().get("token").get("system").get("all").asBoolean()).isTrue();
    }

    @Test
    void wrongPasswordAndUnknownUserLookTheSame() throws Exception {
        Reply wrong = call("POST", "/v3/auth/tokens", passwordAuth("admin", "nope", ADMIN_PROJECT));
        Reply unknown = call("POST", "/v3/auth/tokens", passwordAuth("ghost", "nope", ADMIN_PROJECT));
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(unknown.status()).isEqualTo(401);
        assertThat(wrong.body()).isEqualTo(unknown.body()).isEqualTo("{\"error\": {\"code\": 401, \"title\": "
                + "\"Unauthorized\", \"message\": \"The request you have made requires authentication.\"}}");
    }

    @Test
    void badInputIsA400InKeystoneShape() throws Exception {
        Reply malformed = call("POST", "/v3/auth/tokens", "{\"auth\": ");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.json().get("error").get("code").asInt()).isEqualTo(400);
        Reply wrongType = call("POST", "/v3/auth/tokens", "{\"auth\": {\"identity\": {\"methods\": 7}}}");
        assertThat(wrongType.status()).isEqualTo(400);
        Reply missing = call("POST", "/v3/auth/tokens", "{\"auth\": {}}");
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.json().get("error").get("message").asString()).contains("identity");
        Reply noDomain = call("POST", "/v3/auth/tokens", "{\"auth\": {\"identity\": {\"methods\": [\"password\"], "
                + "\"password\": {\"user\": {\"name\": \"admin\", \"password\": \"x\"}}}}}");
        assertThat(noDomain.status()).isEqualTo(400);
        assertThat(noDomain.body()).doesNotContain("Exception", "at io.");
    }

    @Test
    void validateCheckRevokeThenEverythingRefusesTheToken() throws Exception {
        String admin = adminToken();
        String subject = adminToken();
        Reply valid = call("GET", "/v3/auth/tokens", null, "X-Auth-Token", admin, "X-Subject-Token", subject);
        assertThat(valid.status()).isEqualTo(200);
        assertThat(valid.header("X-Subject-Token")).isEqualTo(subject);
        assertThat(valid.json().get("token").get("catalog").size()).isEqualTo(8); // identity, compute, image, volumev3, block-storage, network, object-store, rating
        Reply head = call("HEAD", "/v3/auth/tokens", null, "X-Auth-Token", admin, "X-Subject-Token", subject);
        assertThat(head.status()).isEqualTo(200);
        assertThat(head.body()).isEmpty();

        Reply revoke = call("DELETE", "/v3/auth/tokens", null, "X-Auth-Token", admin, "X-Subject-Token", subject);
        assertThat(revoke.status()).isEqualTo(204);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM nubo_outbox WHERE envelope LIKE ?", Integer.class,
                "%identity.token.revoked%")).isPositive();

        Reply gone = call("GET", "/v3/auth/tokens", null, "X-Auth-Token", admin, "X-Subject-Token", subject);
        assertThat(gone.status()).isEqualTo(404);
        assertThat(gone.json().get("error").get("code").asInt()).isEqualTo(404);
        Reply refused = call("GET", "/v3/auth/projects", null, "X-Auth-Token", subject);
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.header("WWW-Authenticate")).startsWith("Keystone uri=");
    }

    @Test
    void rescopingWithATokenKeepsTheExpiryAndChainsTheAuditIds() throws Exception {
        Reply unscoped = call("POST", "/v3/auth/tokens", passwordAuth("admin", "s3cret", null));
        String token = unscoped.header("X-Subject-Token");
        Reply rescoped = call("POST", "/v3/auth/tokens", "{\"auth\": {\"identity\": {\"methods\": [\"token\"], "
                + "\"token\": {\"id\": \"" + token + "\"}}, \"scope\": " + ADMIN_PROJECT + "}}");
        assertThat(rescoped.status()).isEqualTo(201);
        JsonNode t = rescoped.json().get("token");
        assertThat(t.get("expires_at").asString()).isEqualTo(unscoped.json().get("token").get("expires_at").asString());
        assertThat(t.get("audit_ids").get(1).asString())
                .isEqualTo(unscoped.json().get("token").get("audit_ids").get(0).asString());
    }

    @Test
    void tokenRequiredAndUnknownPathsAreKeystone404() throws Exception {
        Reply anonymous = call("GET", "/v3/users", null);
        assertThat(anonymous.status()).isEqualTo(401);
        Reply forged = call("GET", "/v3/users", null, "X-Auth-Token", "eyJhbGciOiJFUzI1NiJ9.e30.AAAA");
        assertThat(forged.status()).isEqualTo(401);
        String admin = adminToken();
        Reply unknown = call("GET", "/v3/nothing-here", null, "X-Auth-Token", admin);
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json().get("error").get("title").asString()).isEqualTo("Not Found");
        Reply domains = call("GET", "/v3/domains?name=Default", null, "X-Auth-Token", admin);
        assertThat(domains.status()).isEqualTo(200);
        assertThat(domains.json().get("domains").get(0).get("id").asString()).isEqualTo("default");
        Reply roles = call("GET", "/v3/roles", null, "X-Auth-Token", admin);
        assertThat(roles.json().get("roles").findValuesAsString("name"))
                .contains("admin", "member", "reader", "ResellerAdmin");
    }

    @Test
    void jwksServesThePublicKeyOnly() throws Exception {
        Reply r = call("GET", "/.well-known/jwks.json", null);
        assertThat(r.status()).isEqualTo(200);
        JsonNode key = r.json().get("keys").get(0);
        assertThat(key.get("kty").asString()).isEqualTo("EC");
        assertThat(key.get("crv").asString()).isEqualTo("P-256");
        assertThat(key.has("d")).as("no private part").isFalse();
    }
}
