package io.nubo.identity;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** OS-TRUST: a trustor delegates roles on a project to a trustee, who gets trust-scoped tokens. */
class TrustApiTest extends IdentityHttpTest {



    @Test
    void aTrusteeActsWithTheDelegatedRolesUntilTheTrustIsDeleted() throws Exception {
        String admin = adminToken();
        String project = create(admin, "/v3/projects", "project", "{\"name\": \"tr-p\"}");
        String trustor = create(admin, "/v3/users", "user", "{\"name\": \"tr-trustor\", \"password\": \"pw\"}");
        String trustee = create(admin, "/v3/users", "user", "{\"name\": \"tr-trustee\", \"password\": \"pw\"}");
        String delegated = create(admin, "/v3/roles", "role", "{\"name\": \"tr-delegated\"}");
        String kept = create(admin, "/v3/roles", "role", "{\"name\": \"tr-kept\"}");
        for (String role : new String[] {delegated, kept}) {
            call("PUT", "/v3/projects/" + project + "/users/" + trustor + "/roles/" + role, null, "X-Auth-Token", admin);
        }
        String trustorToken = login(trustor, "pw", "{\"project\": {\"id\": \"" + project + "\"}}");
        String body = "{\"trust\": {\"trustor_user_id\": \"" + trustor + "\", \"trustee_user_id\": \"" + trustee
                + "\", \"project_id\": \"" + project + "\", \"impersonation\": true, \"expires_at\": "
                + "\"2099-01-01T00:00:00Z\", \"roles\": [{\"name\": \"tr-delegated\"}]}}";
        Reply created = call("POST", "/v3/OS-TRUST/trusts", body, "X-Auth-Token", trustorToken);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        JsonNode trust = created.json().get("trust");
        String trustId = trust.get("id").asString();
        assertThat(trust.get("expires_at").asString()).isEqualTo("2099-01-01T00:00:00.000000Z");
        assertThat(trust.get("roles").findValuesAsString("name")).containsExactly("tr-delegated");
        assertThat(call("POST", "/v3/OS-TRUST/trusts", body.replace("\"impersonation\": true",
                "\"impersonation\": \"yes\""), "X-Auth-Token", trustorToken).status()).isEqualTo(400);
        assertThat(call("POST", "/v3/OS-TRUST/trusts", body.replace("2099-01-01T00:00:00Z", "bad.123Z"),
                "X-Auth-Token", trustorToken).status()).isEqualTo(400);
        assertThat(call("GET", "/v3/OS-TRUST/trusts/" + trustId + "/roles/" + kept, null, "X-Auth-Token",
                trustorToken).status()).isEqualTo(404);
        assertThat(call("HEAD", "/v3/OS-TRUST/trusts/" + trustId + "/roles/" + delegated, null, "X-Auth-Token",
                trustorToken).status()).isEqualTo(200);

        String trusteeToken = login(trustee, "pw", null);
        Reply scoped = call("POST", "/v3/auth/tokens", "{\"auth\": {\"identity\": {\"methods\": [\"token\"], "
                + "\"token\": {\"id\": \"" + trusteeToken + "\"}}, \"scope\": {\"OS-TRUST:trust\": {\"id\": \""
                + trustId + "\"}}}}");
        assertThat(scoped.status()).as(scoped.body()).isEqualTo(201);
        JsonNode t = scoped.json().get("token");
        assertThat(t.get("user").get("id").asString()).as("impersonation").isEqualTo(trustor);
        assertThat(t.get("roles").findValuesAsString("name")).containsExactly("tr-delegated");
        assertThat(t.get("OS-TRUST:trust").get("trustee_user").get("id").asString()).isEqualTo(trustee);
        String trustToken = scoped.header("X-Subject-Token");

        assertThat(call("GET", "/v3/OS-TRUST/trusts?trustor_user_id=" + trustor, null, "X-Auth-Token", trustorToken)
                .json().get("trusts").size()).isEqualTo(1);
        assertThat(call("GET", "/v3/OS-TRUST/trusts", null, "X-Auth-Token", trusteeToken).status()).isEqualTo(403);
        assertThat(call("DELETE", "/v3/OS-TRUST/trusts/" + trustId, null, "X-Auth-Token", trustorToken).status())
                .isEqualTo(204);
        assertThat(call("GET", "/v3/OS-TRUST/trusts/" + trustId, null, "X-Auth-Token", trustorToken).status())
                .isEqualTo(404);
        assertThat(call("GET", "/v3/auth/tokens", null, "X-Auth-Token", admin, "X-Subject-Token", trustToken)
                .status()).as("tokens issued with the trust are revoked with it").isEqualTo(404);
    }
}
