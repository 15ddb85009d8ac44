package io.nubo.identity;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/** Keystone's [security_compliance]: lockout after wrong passwords, and no reuse of the last passwords. */
@TestPropertySource(properties = {"nubo.identity.security-compliance.lockout-failure-attempts=2",
        "nubo.identity.security-compliance.lockout-duration=2s",
        "nubo.identity.security-compliance.unique-last-password-count=2"})
class SecurityComplianceApiTest extends IdentityHttpTest {

    String user(String admin, String name, String password) throws Exception {
        Reply r = call("POST", "/v3/users", "{\"user\": {\"name\": \"" + name + "\", \"password\": \"" + password
                + "\"}}", "X-Auth-Token", admin);
        assertThat(r.status()).isEqualTo(201);
        return r.json().get("user").get("id").asString();
    }

    int login(String userId, String password) throws Exception {
        return call("POST", "/v3/auth/tokens", "{\"auth\": {\"identity\": {\"methods\": [\"password\"], "
                + "\"password\": {\"user\": {\"id\": \"" + userId + "\", \"password\": \"" + password + "\"}}}}}")
                .status();
    }

    @Test
    void wrongPasswordsLockTheUserOutForAWhile() throws Exception {
        String id = user(adminToken(), "sc-lock", "right");
        assertThat(login(id, "wrong")).isEqualTo(401);
        assertThat(login(id, "wrong")).isEqualTo(401);
        assertThat(login(id, "right")).as("locked out, with the same 401").isEqualTo(401);
        Thread.sleep(2500);
        assertThat(login(id, "right")).isEqualTo(201);
        assertThat(login(id, "wrong")).as("a success starts the count again").isEqualTo(401);
        assertThat(login(id, "right")).isEqualTo(201);
    }

    @Test
    void aUserCannotTakeOneOfItsLastPasswordsAgain() throws Exception {
        String admin = adminToken();
        String id = user(admin, "sc-history", "first");
        String change = "{\"user\": {\"password\": \"%s\", \"original_password\": \"%s\"}}";
        assertThat(call("POST", "/v3/users/" + id + "/password", change.formatted("second", "first")).status())
                .isEqualTo(204);
        assertThat(call("POST", "/v3/users/" + id + "/password", change.formatted("second", "second")).status())
                .isEqualTo(400);
        assertThat(call("POST", "/v3/users/" + id + "/password", change.formatted("first", "second")).status())
                .isEqualTo(400);
        assertThat(call("PATCH", "/v3/users/" + id, "{\"user\": {\"password\": \"second\"}}", "X-Auth-Token", admin)
                .status()).as("an administrator's reset is not held to the history").isEqualTo(200);
        assertThat(call("POST", "/v3/users/" + id + "/password", change.formatted("third", "second")).status())
                .isEqualTo(204);
    }
}
