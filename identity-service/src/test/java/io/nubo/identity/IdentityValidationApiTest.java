package io.nubo.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Collections;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Issue 18: what a probe found reaching the database or the token unchecked. Each case was a 500 (or a silent
 * 200) before request schemas; each is now Keystone's 400 (403 for a parent change) with the field named.
 */
class IdentityValidationApiTest extends IdentityHttpTest {

    private void assertInvalid(Reply r, String field) {
        assertThat(r.status()).as(r.body()).isEqualTo(400);
        JsonNode error = r.json().get("error");
        assertThat(error.get("code").asInt()).isEqualTo(400);
        assertThat(error.get("title").asString()).isEqualTo("Bad Request");
        assertThat(error.get("message").asString()).startsWith("Invalid input for field '" + field + "'");
    }

    @Test
    void overLongFieldsAre400sNamingTheField() throws Exception {
        String admin = adminToken();
        String d1025 = "d".repeat(1025);
        String n256 = "n".repeat(256);
        assertInvalid(call("POST", "/v3/projects", "{\"project\": {\"name\": \"p\", \"description\": \"" + d1025
                + "\"}}", "X-Auth-Token", admin), "project.description");
        assertInvalid(call("POST", "/v3/projects", "{\"project\": {\"name\": \"" + "n".repeat(65) + "\"}}",
                "X-Auth-Token", admin), "project.name");
        assertInvalid(call("POST", "/v3/domains", "{\"domain\": {\"name\": \"dd\", \"description\": \"" + d1025
                + "\"}}", "X-Auth-Token", admin), "domain.description");
        assertInvalid(call("POST", "/v3/roles", "{\"role\": {\"name\": \"" + n256 + "\"}}", "X-Auth-Token", admin),
                "role.name");
        assertInvalid(call("POST", "/v3/groups", "{\"group\": {\"name\": \"g\", \"description\": \"" + d1025
                + "\"}}", "X-Auth-Token", admin), "group.description");
        assertInvalid(call("POST", "/v3/regions", "{\"region\": {\"id\": \"" + "r".repeat(301) + "\"}}",
                "X-Auth-Token", admin), "region.id");
        assertInvalid(call("POST", "/v3/regions", "{\"region\": {\"description\": \"" + d1025 + "\"}}",
                "X-Auth-Token", admin), "region.description");
        Reply pathId = call("PUT", "/v3/regions/" + "r".repeat(301), "{\"region\": {}}", "X-Auth-Token", admin);
        assertThat(pathId.status()).as(pathId.body()).isEqualTo(400);
        assertInvalid(call("POST", "/v3/services", "{\"service\": {\"type\": \"" + n256 + "\"}}",
                "X-Auth-Token", admin), "service.type");
        assertInvalid(call("POST", "/v3/services", "{\"service\": {\"type\": \"t\", \"name\": \"" + n256 + "\"}}",
                "X-Auth-Token", admin), "service.name");
    }

    @Test
    void aMembersOverLongApplicationCredentialDescriptionIsA400() throws Exception {
        Member m = member(adminToken(), "val-ac");
        assertInvalid(call("POST", "/v3/users/" + m.userId() + "/application_credentials",
                "{\"application_credential\": {\"name\": \"ac\", \"description\": \"" + "x".repeat(5000) + "\"}}",
                "X-Auth-Token", m.token()), "application_credential.description");
        Reply expired = call("POST", "/v3/users/" + m.userId() + "/application_credentials",
                "{\"application_credential\": {\"name\": \"ac-old\", \"expires_at\": \"2001-01-01T00:00:00\"}}",
                "X-Auth-Token", m.token());
        assertThat(expired.status()).as(expired.body()).isEqualTo(400);
        assertThat(expired.json().get("error").get("message").asString()).contains("expires_at");
        assertThat(call("POST", "/v3/users/" + m.userId() + "/application_credentials",
                "{\"application_credential\": {\"name\": \"ac-ok\", \"expires_at\": \"2099-01-01T00:00:00\"}}",
                "X-Auth-Token", m.token()).status()).isEqualTo(201);
    }

    @Test
    void repeatedAuthMethodsAreCountedOnce() throws Exception {
        String methods = String.join(", ", Collections.nCopies(3000, "\"password\""));
        Reply r = call("POST", "/v3/auth/tokens", "{\"auth\": {\"identity\": {\"methods\": [" + methods + "], "
                + "\"password\": {\"user\": {\"name\": \"admin\", \"domain\": {\"name\": \"Default\"}, "
                + "\"password\": \"s3cret\"}}}}}");
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        assertThat(r.json().get("token").get("methods").size()).isEqualTo(1);
        assertThat(r.header("X-Subject-Token").length()).isLessThan(2000);
    }

    @Test
    void typesAreStrictAndNothingIsCoerced() throws Exception {
        String admin = adminToken();
        assertInvalid(call("POST", "/v3/users", "{\"user\": {\"name\": 123}}", "X-Auth-Token", admin), "user.name");
        assertInvalid(call("POST", "/v3/users", "{\"user\": {\"name\": \"u-pw\", \"password\": 123}}",
                "X-Auth-Token", admin), "user.password");
        assertInvalid(call("POST", "/v3/users", "{\"user\": {\"name\": \"u-en\", \"enabled\": 0}}",
                "X-Auth-Token", admin), "user.enabled");
        assertInvalid(call("POST", "/v3/projects", "{\"project\": {\"name\": \"p-tags\", \"tags\": [1, 2]}}",
                "X-Auth-Token", admin), "project.tags[0]");
        assertInvalid(call("POST", "/v3/projects", "{\"project\": {\"name\": \"p-opt\", \"options\": \"x\"}}",
                "X-Auth-Token", admin), "project.options");
        assertInvalid(call("POST", "/v3/users", "{\"user\": {\"name\": \"nul\\u0000user\"}}", "X-Auth-Token", admin),
                "user.name");
        assertInvalid(call("POST", "/v3/domains", "{\"domain\": {\"name\": \"d-x\", \"colour\": \"red\"}}",
                "X-Auth-Token", admin), "domain");
    }

    @Test
    void readOnlyFieldsCannotBePatched() throws Exception {
        String admin = adminToken();
        String user = create(admin, "/v3/users", "user", "{\"name\": \"ro-user\"}");
        String project = create(admin, "/v3/projects", "project", "{\"name\": \"ro-project\"}");
        String other = create(admin, "/v3/domains", "domain", "{\"name\": \"ro-domain\"}");
        Reply id = call("PATCH", "/v3/users/" + user, "{\"user\": {\"id\": \"someone-else\"}}", "X-Auth-Token", admin);
        assertThat(id.status()).as(id.body()).isEqualTo(400);
        assertThat(id.body()).contains("Cannot change user ID");
        Reply domain = call("PATCH", "/v3/users/" + user, "{\"user\": {\"domain_id\": \"" + other + "\"}}",
                "X-Auth-Token", admin);
        assertThat(domain.status()).as(domain.body()).isEqualTo(400);
        assertThat(domain.body()).contains("Cannot change Domain ID");
        assertThat(call("PATCH", "/v3/users/" + user, "{\"user\": {\"id\": \"" + user + "\", \"domain_id\": "
                + "\"default\", \"enabled\": true}}", "X-Auth-Token", admin).status()).as("unchanged is fine")
                .isEqualTo(200);
        Reply isDomain = call("PATCH", "/v3/projects/" + project, "{\"project\": {\"is_domain\": true}}",
                "X-Auth-Token", admin);
        assertThat(isDomain.status()).as(isDomain.body()).isEqualTo(400);
        assertThat(isDomain.body()).contains("is_domain");
        Reply parent = call("PATCH", "/v3/projects/" + project, "{\"project\": {\"parent_id\": \"" + other + "\"}}",
                "X-Auth-Token", admin);
        assertThat(parent.status()).as("Keystone: ForbiddenNotSecurity").isEqualTo(403);
        assertThat(parent.body()).contains("parent_id");
    }

    @Test
    void listQueriesAreValidatedToo() throws Exception {
        String admin = adminToken();
        assertInvalid(call("GET", "/v3/users?password_expires_at=soon", null, "X-Auth-Token", admin),
                "password_expires_at");
        assertInvalid(call("GET", "/v3/projects?enabled=maybe", null, "X-Auth-Token", admin), "enabled");
        assertInvalid(call("GET", "/v3/roles?name=" + "n".repeat(256), null, "X-Auth-Token", admin), "name");
        assertThat(call("GET", "/v3/users?password_expires_at=lt:2016-12-08T22:02:00Z&enabled=true", null,
                "X-Auth-Token", admin).status()).isEqualTo(200);
        assertThat(call("GET", "/v3/projects?name__icontains=adm", null, "X-Auth-Token", admin).status())
                .as("Keystone's comparators stay allowed").isEqualTo(200);
    }
}
