package io.nubo.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Implied roles, system and inherited grants, and {@code /v3/role_assignments}, as Keystone answers them. */
class AssignmentApiTest extends IdentityHttpTest {


    List<String> roleIds(JsonNode assignments) {
        List<String> ids = new ArrayList<>();
        assignments.forEach(a -> ids.add(a.get("role").get("id").asString()));
        return ids;
    }

    String loginBody(String userId, String password, String projectId) throws Exception {
        Reply r = call("POST", "/v3/auth/tokens", "{\"auth\": {\"identity\": {\"methods\": [\"password\"], "
                + "\"password\": {\"user\": {\"id\": \"" + userId + "\", \"password\": \"" + password + "\"}}}, "
                + "\"scope\": {\"project\": {\"id\": \"" + projectId + "\"}}}}");
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.body();
    }

    @Test
    void impliedRolesReachTokensAndTheEffectiveAssignments() throws Exception {
        String admin = adminToken();
        String prior = create(admin, "roles", "role", "{\"name\": \"ia-prior\"}");
        String implied = create(admin, "roles", "role", "{\"name\": \"ia-implied\"}");
        String project = create(admin, "projects", "project", "{\"name\": \"ia-p\"}");
        String user = create(admin, "users", "user", "{\"name\": \"ia-u\", \"password\": \"pw\"}");
        assertThat(call("PUT", "/v3/projects/" + project + "/users/" + user + "/roles/" + prior, null,
                "X-Auth-Token", admin).status()).isEqualTo(204);

        Reply rule = call("PUT", "/v3/roles/" + prior + "/implies/" + implied, null, "X-Auth-Token", admin);
        assertThat(rule.status()).isEqualTo(201);
        assertThat(rule.json().get("role_inference").get("implies").get("name").asString()).isEqualTo("ia-implied");
        assertThat(call("HEAD", "/v3/roles/" + prior + "/implies/" + implied, null, "X-Auth-Token", admin).status())
                .isEqualTo(204);
        assertThat(call("GET", "/v3/roles/" + prior + "/implies", null, "X-Auth-Token", admin).json()
                .get("role_inference").get("implies").size()).isEqualTo(1);
        assertThat(call("GET", "/v3/role_inferences", null, "X-Auth-Token", admin).body()).contains(prior);

        String query = "/v3/role_assignments?scope.project.id=" + project + "&user.id=" + user;
        JsonNode effective = call("GET", query + "&effective", null, "X-Auth-Token", admin).json()
                .get("role_assignments");
        assertThat(roleIds(effective)).containsExactlyInAnyOrder(prior, implied);
        assertThat(effective.toString()).contains("prior_role");
        assertThat(roleIds(call("GET", query, null, "X-Auth-Token", admin).json().get("role_assignments")))
                .containsExactly(prior);
        assertThat(loginBody(user, "pw", project)).contains("ia-prior").contains("ia-implied");

        assertThat(call("DELETE", "/v3/roles/" + prior + "/implies/" + implied, null, "X-Auth-Token", admin).status())
                .isEqualTo(204);
        assertThat(call("GET", "/v3/roles/" + prior + "/implies/" + implied, null, "X-Auth-Token", admin).status())
                .isEqualTo(404);
        assertThat(roleIds(call("GET", query + "&effective", null, "X-Auth-Token", admin).json()
                .get("role_assignments"))).containsExactly(prior);
    }

    @Test
    void aGlobalRoleCannotImplyADomainRoleAndDomainRolesStayOutOfTokens() throws Exception {
        String admin = adminToken();
        String global = create(admin, "roles", "role", "{\"name\": \"dr-global\"}");
        String domainRole = create(admin, "roles", "role", "{\"name\": \"dr-domain\", \"domain_id\": \"default\"}");
        assertThat(call("PUT", "/v3/roles/" + global + "/implies/" + domainRole, null, "X-Auth-Token", admin)
                .status()).isEqualTo(403);
        assertThat(call("GET", "/v3/roles?domain_id=default", null, "X-Auth-Token", admin).json().get("roles")
                .findValuesAsString("name")).containsExactly("dr-domain");
        assertThat(call("GET", "/v3/roles", null, "X-Auth-Token", admin).body()).doesNotContain("dr-domain");

        String project = create(admin, "projects", "project", "{\"name\": \"dr-p\"}");
        String user = create(admin, "users", "user", "{\"name\": \"dr-u\", \"password\": \"pw\"}");
        call("PUT", "/v3/projects/" + project + "/users/" + user + "/roles/" + domainRole, null, "X-Auth-Token", admin);
        assertThat(call("GET", "/v3/role_assignments?effective&user.id=" + user, null, "X-Auth-Token", admin)
                .json().get("role_assignments").size()).isZero();
        assertThat(call("PUT", "/v3/roles/nope/implies/" + global, null, "X-Auth-Token", admin).status())
                .isEqualTo(404);
    }

    @Test
    void systemGrantsToUsersAndGroups() throws Exception {
        String admin = adminToken();
        String role = create(admin, "roles", "role", "{\"name\": \"sys-r\"}");
        String user = create(admin, "users", "user", "{\"name\": \"sys-u\", \"password\": \"pw\"}");
        String group = create(admin, "groups", "group", "{\"name\": \"sys-g\"}");
        for (String path : List.of("/v3/system/users/" + user, "/v3/system/groups/" + group)) {
            assertThat(call("PUT", path + "/roles/" + role, null, "X-Auth-Token", admin).status()).isEqualTo(204);
            assertThat(call("GET", path + "/roles", null, "X-Auth-Token", admin).json().get("roles")
                    .findValuesAsString("id")).containsExactly(role);
            assertThat(call("HEAD", path + "/roles/" + role, null, "X-Auth-Token", admin).status()).isEqualTo(204);
            assertThat(call("DELETE", path + "/roles/" + role, null, "X-Auth-Token", admin).status()).isEqualTo(204);
            assertThat(call("HEAD", path + "/roles/" + role, null, "X-Auth-Token", admin).status()).isEqualTo(404);
        }
        assertThat(call("PUT", "/v3/system/users/nobody/roles/" + role, null, "X-Auth-Token", admin).status())
                .isEqualTo(404);
    }

    @Test
    void grantsInheritedToProjectsReachTheProjectsBelow() throws Exception {
        String admin = adminToken();
        String role = create(admin, "roles", "role", "{\"name\": \"inh-r\"}");
        String domain = create(admin, "domains", "domain", "{\"name\": \"inh-d\"}");
        String parent = create(admin, "projects", "project", "{\"name\": \"inh-parent\", \"domain_id\": \"" + domain
                + "\"}");
        String leaf = create(admin, "projects", "project", "{\"name\": \"inh-leaf\", \"domain_id\": \"" + domain
                + "\", \"parent_id\": \"" + parent + "\"}");
        String user = create(admin, "users", "user", "{\"name\": \"inh-u\", \"password\": \"pw\", \"domain_id\": \""
                + domain + "\"}");
        String grant = "/v3/OS-INHERIT/projects/" + parent + "/users/" + user + "/roles/" + role
                + "/inherited_to_projects";
        assertThat(call("PUT", grant, null, "X-Auth-Token", admin).status()).isEqualTo(204);
        assertThat(call("HEAD", grant, null, "X-Auth-Token", admin).status()).isEqualTo(204);
        String effective = "/v3/role_assignments?effective&user.id=" + user + "&scope.project.id=";
        assertThat(roleIds(call("GET", effective + leaf, null, "X-Auth-Token", admin).json().get("role_assignments")))
                .containsExactly(role);
        assertThat(call("GET", effective + parent, null, "X-Auth-Token", admin).json().get("role_assignments")
                .size()).as("inherited to the projects below, not the project itself").isZero();
        assertThat(loginBody(user, "pw", leaf)).contains("inh-r");
        JsonNode stored = call("GET", "/v3/role_assignments?user.id=" + user + "&include_names", null,
                "X-Auth-Token", admin).json().get("role_assignments").get(0);
        assertThat(stored.get("scope").get("OS-INHERIT:inherited_to").asString()).isEqualTo("projects");
        assertThat(stored.get("user").get("name").asString()).isEqualTo("inh-u");
        assertThat(stored.get("role").get("name").asString()).isEqualTo("inh-r");
        assertThat(call("DELETE", grant, null, "X-Auth-Token", admin).status()).isEqualTo(204);
        assertThat(call("GET", effective + leaf, null, "X-Auth-Token", admin).json().get("role_assignments").size())
                .isZero();

        String domainGrant = "/v3/OS-INHERIT/domains/" + domain + "/users/" + user + "/roles/" + role
                + "/inherited_to_projects";
        assertThat(call("PUT", domainGrant, null, "X-Auth-Token", admin).status()).isEqualTo(204);
        assertThat(call("GET", "/v3/OS-INHERIT/domains/" + domain + "/users/" + user
                + "/roles/inherited_to_projects", null, "X-Auth-Token", admin).json().get("roles").size()).isEqualTo(1);
        assertThat(roleIds(call("GET", effective + parent, null, "X-Auth-Token", admin).json()
                .get("role_assignments"))).containsExactly(role);
        assertThat(call("GET", "/v3/role_assignments?effective&group.id=x", null, "X-Auth-Token", admin).status())
                .isEqualTo(400);
    }

    @Test
    void groupGrantsShowAsMembershipsInTheEffectiveView() throws Exception {
        String admin = adminToken();
        String role = create(admin, "roles", "role", "{\"name\": \"gm-r\"}");
        String project = create(admin, "projects", "project", "{\"name\": \"gm-p\"}");
        String user = create(admin, "users", "user", "{\"name\": \"gm-u\", \"password\": \"pw\"}");
        String group = create(admin, "groups", "group", "{\"name\": \"gm-g\"}");
        call("PUT", "/v3/groups/" + group + "/users/" + user, null, "X-Auth-Token", admin);
        call("PUT", "/v3/projects/" + project + "/groups/" + group + "/roles/" + role, null, "X-Auth-Token", admin);
        JsonNode a = call("GET", "/v3/role_assignments?effective&user.id=" + user, null, "X-Auth-Token", admin).json()
                .get("role_assignments");
        assertThat(a.size()).isEqualTo(1);
        assertThat(a.get(0).get("links").get("membership").asString()).endsWith("/v3/groups/" + group + "/users/" + user);
        assertThat(call("GET", "/v3/role_assignments?group.id=" + group, null, "X-Auth-Token", admin).json()
                .get("role_assignments").get(0).get("group").get("id").asString()).isEqualTo(group);
    }
}
