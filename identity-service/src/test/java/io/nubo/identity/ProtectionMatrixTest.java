package io.nubo.identity;

import static org.assertj.core.api.Assertions.assertThat;

import io.nubo.identity.access.IdentityPolicies;
import io.nubo.shared.policy.PolicyRule;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Keystone's default policies as a matrix (after its {@code tests/protection/v3}): each persona against each API it
 * might reach, and tenant isolation: a domain's reader never sees another domain's users, projects or assignments.
 */
class ProtectionMatrixTest extends IdentityHttpTest {


    String role(String admin, String name) throws Exception {
        return call("GET", "/v3/roles?name=" + name, null, "X-Auth-Token", admin).json().get("roles").get(0)
                .get("id").asString();
    }


    @Test
    void eachPersonaReadsWhatKeystonesDefaultPoliciesAllowAndNoMore() throws Exception {
        String admin = adminToken();
        String reader = role(admin, "reader");
        String member = role(admin, "member");
        String domainA = create(admin, "/v3/domains", "domain", "{\"name\": \"pm-a\"}");
        String domainB = create(admin, "/v3/domains", "domain", "{\"name\": \"pm-b\"}");
        String projectA = create(admin, "/v3/projects", "project", "{\"name\": \"pm-pa\", \"domain_id\": \"" + domainA
                + "\"}");
        String projectB = create(admin, "/v3/projects", "project", "{\"name\": \"pm-pb\", \"domain_id\": \"" + domainB
                + "\"}");
        String userA = create(admin, "/v3/users", "user", "{\"name\": \"pm-ua\", \"password\": \"pw\", \"domain_id\": \""
                + domainA + "\"}");
        String userB = create(admin, "/v3/users", "user", "{\"name\": \"pm-ub\", \"password\": \"pw\", \"domain_id\": \""
                + domainB + "\"}");
        String systemReader = create(admin, "/v3/users", "user", "{\"name\": \"pm-sys\", \"password\": \"pw\"}");
        String domainReader = create(admin, "/v3/users", "user", "{\"name\": \"pm-dom\", \"password\": \"pw\"}");
        call("PUT", "/v3/projects/" + projectA + "/users/" + userA + "/roles/" + member, null, "X-Auth-Token", admin);
        call("PUT", "/v3/projects/" + projectB + "/users/" + userB + "/roles/" + member, null, "X-Auth-Token", admin);
        call("PUT", "/v3/system/users/" + systemReader + "/roles/" + reader, null, "X-Auth-Token", admin);
        call("PUT", "/v3/domains/" + domainA + "/users/" + domainReader + "/roles/" + reader, null, "X-Auth-Token",
                admin);

        Map<String, String> personas = new LinkedHashMap<>();
        personas.put("admin", admin);
        personas.put("system reader", login(systemReader, "pw", "{\"system\": {\"all\": true}}"));
        personas.put("domain A reader", login(domainReader, "pw", "{\"domain\": {\"id\": \"" + domainA + "\"}}"));
        personas.put("project A member", login(userA, "pw", "{\"project\": {\"id\": \"" + projectA + "\"}}"));

        // persona -> expected status of: list users, show user B, show project A, show project B, list role
        // assignments, create a project, show an unknown user
        Map<String, int[]> expected = Map.of(
                "admin", new int[] {200, 200, 200, 200, 200, 201, 404},
                "system reader", new int[] {200, 200, 200, 200, 200, 403, 404},
                "domain A reader", new int[] {200, 403, 200, 403, 200, 403, 403},
                "project A member", new int[] {403, 403, 200, 403, 403, 403, 403});
        int n = 0;
        for (Map.Entry<String, String> p : personas.entrySet()) {
            String t = p.getValue();
            int[] got = {
                call("GET", "/v3/users", null, "X-Auth-Token", t).status(),
                call("GET", "/v3/users/" + userB, null, "X-Auth-Token", t).status(),
                call("GET", "/v3/projects/" + projectA, null, "X-Auth-Token", t).status(),
                call("GET", "/v3/projects/" + projectB, null, "X-Auth-Token", t).status(),
                call("GET", "/v3/role_assignments", null, "X-Auth-Token", t).status(),
                call("POST", "/v3/projects", "{\"project\": {\"name\": \"pm-new-" + n++ + "\"}}", "X-Auth-Token", t)
                        .status(),
                call("GET", "/v3/users/no-such-user", null, "X-Auth-Token", t).status()};
            assertThat(got).as(p.getKey()).containsExactly(expected.get(p.getKey()));
        }

        String domainToken = personas.get("domain A reader");
        assertThat(call("GET", "/v3/users", null, "X-Auth-Token", domainToken).body()).contains(userA)
                .doesNotContain(userB);
        assertThat(call("GET", "/v3/projects", null, "X-Auth-Token", domainToken).body()).contains(projectA)
                .doesNotContain(projectB);
        assertThat(call("GET", "/v3/role_assignments", null, "X-Auth-Token", domainToken).body()).contains(projectA)
                .doesNotContain(projectB);
        assertThat(call("GET", "/v3/domains", null, "X-Auth-Token", domainToken).json().get("domains")
                .findValuesAsString("id")).containsExactly(domainA);
        assertThat(call("GET", "/v3/users", null, "X-Auth-Token", personas.get("system reader")).body())
                .contains(userA).contains(userB);
        String memberToken = personas.get("project A member");
        assertThat(call("GET", "/v3/users/" + userA, null, "X-Auth-Token", memberToken).status())
                .as("a user reads itself").isEqualTo(200);
        assertThat(call("GET", "/v3/credentials", null, "X-Auth-Token", memberToken).json().get("credentials").size())
                .as("no one else's credentials").isZero();
    }

    /**
     * Walks the policy table: every operation of every administrator-only action refuses a project member with 403
     * (before anything changes or is looked up), and lets an administrator through (read operations only here, so
     * that the walk changes nothing).
     */
    @Test
    void everyAdministratorOnlyOperationOfThePolicyTableRefusesAMember() throws Exception {
        String admin = adminToken();
        String member = role(admin, "member");
        String project = create(admin, "/v3/projects", "project", "{\"name\": \"pm-walk\"}");
        String user = create(admin, "/v3/users", "user", "{\"name\": \"pm-walker\", \"password\": \"pw\"}");
        call("PUT", "/v3/projects/" + project + "/users/" + user + "/roles/" + member, null, "X-Auth-Token", admin);
        String memberToken = login(user, "pw", "{\"project\": {\"id\": \"" + project + "\"}}");
        int walked = 0;
        for (PolicyRule rule : IdentityPolicies.TABLE.entries()) {
            if (!rule.checkString().equals("rule:admin_required")) {
                continue;
            }
            for (String operation : rule.operations()) {
                String[] verbAndPath = operation.split(" ", 2);
                String path = verbAndPath[1].replace("{projects|domains}", "projects")
                        .replace("{users|groups}", "users").replaceAll("\\{[^}]+}", "pm-none");
                String body = verbAndPath[0].matches("POST|PUT|PATCH") ? "{}" : null;
                assertThat(call(verbAndPath[0], path, body, "X-Auth-Token", memberToken).status())
                        .as(rule.name() + ": " + operation + " as a member").isEqualTo(403);
                if (verbAndPath[0].matches("GET|HEAD")) {
                    assertThat(call(verbAndPath[0], path, null, "X-Auth-Token", admin).status())
                            .as(rule.name() + ": " + operation + " as an administrator").isNotIn(401, 403);
                }
                walked++;
            }
        }
        assertThat(walked).isGreaterThan(80);
    }

    @Test
    void tenantsKeepTheirGroupsDomainsCredentialsAndTrustsApart() throws Exception {
        String admin = adminToken();
        String reader = role(admin, "reader");
        String member = role(admin, "member");
        String domainA = create(admin, "domains", "domain", "{\"name\": \"iso-a\"}");
        String domainB = create(admin, "domains", "domain", "{\"name\": \"iso-b\"}");
        String groupB = create(admin, "groups", "group", "{\"name\": \"iso-gb\", \"domain_id\": \"" + domainB + "\"}");
        String projectA = create(admin, "projects", "project", "{\"name\": \"iso-pa\", \"domain_id\": \"" + domainA
                + "\"}");
        String alice = create(admin, "users", "user", "{\"name\": \"iso-alice\", \"password\": \"pw\", "
                + "\"domain_id\": \"" + domainA + "\"}");
        String bob = create(admin, "users", "user", "{\"name\": \"iso-bob\", \"password\": \"pw\", "
                + "\"domain_id\": \"" + domainA + "\"}");
        call("PUT", "/v3/projects/" + projectA + "/users/" + alice + "/roles/" + member, null, "X-Auth-Token", admin);
        call("PUT", "/v3/projects/" + projectA + "/users/" + bob + "/roles/" + member, null, "X-Auth-Token", admin);
        call("PUT", "/v3/domains/" + domainA + "/users/" + alice + "/roles/" + reader, null, "X-Auth-Token", admin);
        String aliceDomain = login(alice, "pw", "{\"domain\": {\"id\": \"" + domainA + "\"}}");
        String aliceProject = login(alice, "pw", "{\"project\": {\"id\": \"" + projectA + "\"}}");
        String bobProject = login(bob, "pw", "{\"project\": {\"id\": \"" + projectA + "\"}}");

        assertThat(call("GET", "/v3/groups/" + groupB, null, "X-Auth-Token", aliceDomain).status()).isEqualTo(403);
        assertThat(call("GET", "/v3/groups", null, "X-Auth-Token", aliceDomain).body()).doesNotContain(groupB);
        assertThat(call("GET", "/v3/domains/" + domainB, null, "X-Auth-Token", aliceDomain).status()).isEqualTo(403);
        assertThat(call("GET", "/v3/domains/" + domainA, null, "X-Auth-Token", aliceDomain).status()).isEqualTo(200);
        assertThat(call("PATCH", "/v3/users/" + bob, "{\"user\": {\"enabled\": false}}", "X-Auth-Token", aliceDomain)
                .status()).as("a reader changes nothing").isEqualTo(403);

        String bobCredential = create(bobProject, "/v3/users/" + bob + "/application_credentials",
                "application_credential", "{\"name\": \"bob-ci\"}");
        String base = "/v3/users/" + bob + "/application_credentials";
        assertThat(call("GET", base, null, "X-Auth-Token", aliceProject).status()).isEqualTo(403);
        assertThat(call("DELETE", base + "/" + bobCredential, null, "X-Auth-Token", aliceProject).status())
                .isEqualTo(403);
        assertThat(call("POST", base, "{\"application_credential\": {\"name\": \"not-mine\"}}", "X-Auth-Token",
                aliceProject).status()).isEqualTo(403);
        assertThat(call("POST", "/v3/users/" + bob + "/credentials/OS-EC2", "{\"tenant_id\": \"" + projectA + "\"}",
                "X-Auth-Token", aliceProject).status()).isEqualTo(403);

        String trust = create(bobProject, "/v3/OS-TRUST/trusts", "trust", "{\"trustor_user_id\": \"" + bob
                + "\", \"trustee_user_id\": \"" + bob + "\", \"project_id\": \"" + projectA
                + "\", \"impersonation\": false, \"roles\": [{\"name\": \"member\"}]}");
        assertThat(call("GET", "/v3/OS-TRUST/trusts/" + trust, null, "X-Auth-Token", aliceProject).status())
                .as("someone else's trust does not exist for alice").isEqualTo(404);
        assertThat(call("POST", "/v3/OS-TRUST/trusts", "{\"trust\": {\"trustor_user_id\": \"" + bob
                + "\", \"trustee_user_id\": \"" + alice + "\", \"project_id\": \"" + projectA
                + "\", \"impersonation\": true, \"roles\": [{\"name\": \"member\"}]}}", "X-Auth-Token", aliceProject)
                .status()).as("only the trustor makes a trust").isEqualTo(403);
    }
}
