package io.nubo.identity;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * A validated token shows its user's, project's and domain's names and the catalog as they are now: what the
 * renderer keeps between validations is read again after each change (TokenRenderer, ServiceCatalog).
 */
class TokenRenderingFreshnessApiTest extends IdentityHttpTest {

    @Test
    void renamesAndCatalogChangesShowInTheNextValidation() throws Exception {
        String admin = adminToken();
        String domain = create(admin, "/v3/domains", "domain", "{\"name\": \"fresh-d\"}");
        String project = create(admin, "/v3/projects", "project",
                "{\"name\": \"fresh-p\", \"domain_id\": \"" + domain + "\"}");
        String user = create(admin, "/v3/users", "user", "{\"name\": \"fresh-u\", \"password\": \"pw\"}");
        String member = call("GET", "/v3/roles?name=member", null, "X-Auth-Token", admin).json().get("roles").get(0)
                .get("id").asString();
        assertThat(call("PUT", "/v3/projects/" + project + "/users/" + user + "/roles/" + member, null,
                "X-Auth-Token", admin).status()).isEqualTo(204);
        String token = login(user, "pw", "{\"project\": {\"id\": \"" + project + "\"}}");

        JsonNode before = validate(admin, token);
        assertThat(before.get("user").get("name").asString()).isEqualTo("fresh-u");
        assertThat(before.get("project").get("name").asString()).isEqualTo("fresh-p");
        assertThat(before.get("project").get("domain").get("name").asString()).isEqualTo("fresh-d");
        assertThat(before.get("roles").findValuesAsString("name")).contains("member");
        int services = before.get("catalog").size();
        validate(admin, token); // a second validation, so that what the first read is kept

        patch(admin, "/v3/users/" + user, "user", "{\"name\": \"fresh-u2\"}");
        patch(admin, "/v3/projects/" + project, "project", "{\"name\": \"fresh-p2\"}");
        patch(admin, "/v3/domains/" + domain, "domain", "{\"name\": \"fresh-d2\"}");
        String service = create(admin, "/v3/services", "service", "{\"type\": \"fresh-type\", \"name\": \"fresh\"}");
        String endpoint = create(admin, "/v3/endpoints", "endpoint", "{\"service_id\": \"" + service
                + "\", \"interface\": \"public\", \"url\": \"http://fresh.example/v1/$(project_id)s\"}");

        JsonNode after = validate(admin, token);
        assertThat(after.get("user").get("name").asString()).isEqualTo("fresh-u2");
        assertThat(after.get("project").get("name").asString()).isEqualTo("fresh-p2");
        assertThat(after.get("project").get("domain").get("name").asString()).isEqualTo("fresh-d2");
        assertThat(after.get("catalog").size()).isEqualTo(services + 1);
        assertThat(after.get("catalog").findValuesAsString("url"))
                .contains("http://fresh.example/v1/" + project);

        patch(admin, "/v3/endpoints/" + endpoint, "endpoint", "{\"url\": \"http://fresh.example/v2\"}");
        assertThat(validate(admin, token).get("catalog").findValuesAsString("url"))
                .contains("http://fresh.example/v2").doesNotContain("http://fresh.example/v1/" + project);

        assertThat(call("DELETE", "/v3/services/" + service, null, "X-Auth-Token", admin).status()).isEqualTo(204);
        JsonNode gone = validate(admin, token);
        assertThat(gone.get("catalog").size()).isEqualTo(services);
        assertThat(gone.get("catalog").findValuesAsString("type")).doesNotContain("fresh-type");
    }

    private JsonNode validate(String admin, String token) throws Exception {
        Reply r = call("GET", "/v3/auth/tokens", null, "X-Auth-Token", admin, "X-Subject-Token", token);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json().get("token");
    }

    private void patch(String admin, String path, String key, String body) throws Exception {
        Reply r = call("PATCH", path, "{\"" + key + "\": " + body + "}", "X-Auth-Token", admin);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
    }
}
