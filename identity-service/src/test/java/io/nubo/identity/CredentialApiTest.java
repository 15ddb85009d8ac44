package io.nubo.identity;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Credentials (EC2 included), application credentials and their auth method, access rules. */
class CredentialApiTest extends IdentityHttpTest {


    @Test
    void ec2CredentialsBelongToTheirUser() throws Exception {
        String admin = adminToken();
        Member m = member(admin, "ec2-u");
        Member other = member(admin, "ec2-other");
        String base = "/v3/users/" + m.userId() + "/credentials/OS-EC2";
        Reply created = call("POST", base, "{\"tenant_id\": \"" + m.projectId() + "\"}", "X-Auth-Token", m.token());
        assertThat(created.status()).isEqualTo(201);
        JsonNode cred = created.json().get("credential");
        String access = cred.get("access").asString();
        assertThat(cred.get("secret").asString()).isNotEmpty();
        assertThat(cred.get("tenant_id").asString()).isEqualTo(m.projectId());
        assertThat(call("GET", base + "/" + access, null, "X-Auth-Token", m.token()).json().get("credential")
                .get("secret").asString()).isEqualTo(cred.get("secret").asString());
        assertThat(call("GET", base, null, "X-Auth-Token", m.token()).json().get("credentials").size()).isEqualTo(1);
        assertThat(call("GET", base, null, "X-Auth-Token", other.token()).status()).isEqualTo(403);
        assertThat(call("GET", "/v3/credentials", null, "X-Auth-Token", other.token()).body()).doesNotContain(access);
        assertThat(call("DELETE", base + "/" + access, null, "X-Auth-Token", m.token()).status()).isEqualTo(204);
        assertThat(call("GET", base + "/" + access, null, "X-Auth-Token", m.token()).status()).isEqualTo(404);
    }

    @Test
    void credentialsCrudWithKeystoneValidation() throws Exception {
        String admin = adminToken();
        Member m = member(admin, "cred-u");
        String blob = "{\\\"access\\\": \\\"a1\\\", \\\"secret\\\": \\\"s1\\\"}";
        String id = create(admin, "/v3/credentials", "credential", "{\"user_id\": \"" + m.userId()
                + "\", \"project_id\": \"" + m.projectId() + "\", \"type\": \"ec2\", \"blob\": \"" + blob + "\"}");
        assertThat(id).hasSize(64);
        Reply updated = call("PATCH", "/v3/credentials/" + id, "{\"credential\": {\"blob\": \"{\\\"access\\\": "
                + "\\\"a1\\\", \\\"secret\\\": \\\"s2\\\"}\"}}", "X-Auth-Token", admin);
        assertThat(updated.status()).isEqualTo(200);
        assertThat(updated.json().get("credential").get("blob").asString()).contains("s2");
        assertThat(call("GET", "/v3/credentials/" + id, null, "X-Auth-Token", m.token()).status()).isEqualTo(200);
        assertThat(call("POST", "/v3/credentials", "{\"credential\": {\"user_id\": \"" + m.userId()
                + "\", \"type\": \"ec2\", \"blob\": \"{}\"}}", "X-Auth-Token", admin).status()).isEqualTo(400);
        assertThat(call("DELETE", "/v3/credentials/" + id, null, "X-Auth-Token", admin).status()).isEqualTo(204);
        assertThat(call("GET", "/v3/credentials/" + id, null, "X-Auth-Token", admin).status()).isEqualTo(404);
    }

    @Test
    void applicationCredentialsIssueProjectTokensWithTheirRoles() throws Exception {
        String admin = adminToken();
        Member m = member(admin, "ac-u");
        String base = "/v3/users/" + m.userId() + "/application_credentials";
        Reply created = call("POST", base, "{\"application_credential\": {\"name\": \"ci\", \"roles\": [{\"name\": "
                + "\"reader\"}], \"expires_at\": \"2099-01-02T03:04:05.123456\", \"access_rules\": [{\"service\": "
                + "\"compute\", \"method\": \"GET\", \"path\": \"/v2.1/servers\"}]}}", "X-Auth-Token", m.token());
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        JsonNode ac = created.json().get("application_credential");
        String id = ac.get("id").asString();
        String secret = ac.get("secret").asString();
        assertThat(ac.get("expires_at").asString()).isEqualTo("2099-01-02T03:04:05.123456");
        assertThat(ac.get("project_id").asString()).isEqualTo(m.projectId());
        assertThat(call("GET", base + "/" + id, null, "X-Auth-Token", m.token()).body()).doesNotContain("secret");
        assertThat(call("POST", base, "{\"application_credential\": {\"name\": \"ci\"}}", "X-Auth-Token", m.token())
                .status()).isEqualTo(409);
        assertThat(call("GET", base + "?name=ci", null, "X-Auth-Token", m.token()).json()
                .get("application_credentials").size()).isEqualTo(1);

        String auth = "{\"auth\": {\"identity\": {\"methods\": [\"application_credential\"], "
                + "\"application_credential\": {\"id\": \"" + id + "\", \"secret\": \"%s\"}}}}";
        Reply token = call("POST", "/v3/auth/tokens", auth.formatted(secret));
        assertThat(token.status()).as(token.body()).isEqualTo(201);
        JsonNode t = token.json().get("token");
        assertThat(t.get("project").get("id").asString()).isEqualTo(m.projectId());
        assertThat(t.get("roles").findValuesAsString("name")).containsExactly("reader");
        assertThat(t.get("application_credential").get("restricted").asBoolean()).isTrue();
        assertThat(call("POST", "/v3/auth/tokens", auth.formatted("wrong")).status()).isEqualTo(401);
        String acToken = token.header("X-Subject-Token");
        assertThat(call("POST", base, "{\"application_credential\": {\"name\": \"again\"}}", "X-Auth-Token", acToken)
                .status()).as("a restricted credential makes no other").isEqualTo(403);

        JsonNode rules = call("GET", "/v3/users/" + m.userId() + "/access_rules", null, "X-Auth-Token", m.token())
                .json().get("access_rules");
        String rule = rules.get(0).get("id").asString();
        assertThat(call("DELETE", "/v3/users/" + m.userId() + "/access_rules/" + rule, null, "X-Auth-Token",
                m.token()).status()).as("in use").isEqualTo(403);

        assertThat(call("DELETE", base + "/" + id, null, "X-Auth-Token", m.token()).status()).isEqualTo(204);
        assertThat(call("GET", "/v3/auth/tokens", null, "X-Auth-Token", admin, "X-Subject-Token", acToken).status())
                .as("its tokens are revoked with it").isEqualTo(404);
        assertThat(call("GET", "/v3/auth/projects", null, "X-Auth-Token", m.token()).status())
                .as("the user's own token lives on").isEqualTo(200);
        assertThat(call("DELETE", "/v3/users/" + m.userId() + "/access_rules/" + rule, null, "X-Auth-Token",
                m.token()).status()).isEqualTo(204);
        assertThat(call("POST", "/v3/auth/tokens", auth.formatted(secret)).status()).isEqualTo(401);
    }
}
