package io.nubo.identity;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** What Tempest does for every test class: create a project and a user, grant a role, log in, clean up. */
class DirectoryApiTest extends IdentityHttpTest {

    @Test
    void tempestStyleLifecycleOfAProjectAndAUser() throws Exception {
        String admin = adminToken();
        Reply project = call("POST", "/v3/projects", "{\"project\": {\"name\": \"tempest-p1\", \"description\": \"d\"}}",
                "X-Auth-Token", admin);
        assertThat(project.status()).isEqualTo(201);
        String projectId = project.json().get("project").get("id").asString();
        assertThat(project.json().get("project").get("domain_id").asString()).isEqualTo("default");

        Reply duplicate = call("POST", "/v3/projects", "{\"project\": {\"name\": \"tempest-p1\"}}", "X-Auth-Token", admin);
        assertThat(duplicate.status()).isEqualTo(409);
        assertThat(duplicate.json().get("error").get("title").asString()).isEqualTo("Conflict");

        Reply user = call("POST", "/v3/users", "{\"user\": {\"name\": \"tempest-u1\", \"password\": \"pw-1\", "
                + "\"domain_id\": \"default\", \"default_project_id\": \"" + projectId + "\"}}", "X-Auth-Token", admin);
        assertThat(user.status()).isEqualTo(201);
        String userId = user.json().get("user").get("id").asString();
        assertThat(user.body()).doesNotContain("pw-1").doesNotContain("password_hash");

        JsonNode roles = call("GET", "/v3/roles?name=member", null, "X-Auth-Token", admin).json().get("roles");
        String member = roles.get(0).get("id").asString();
        Reply grant = call("PUT", "/v3/projects/" + projectId + "/users/" + userId + "/roles/" + member, null,
                "X-Auth-Token", admin);
        assertThat(grant.status()).isEqualTo(204);
        assertThat(grant.body()).isEmpty();
        assertThat(call("HEAD", "/v3/projects/" + projectId + "/users/" + userId + "/roles/" + member, null,
                "X-Auth-Token", admin).status()).isEqualTo(204);

        Reply login = call("POST", "/v3/auth/tokens", "{\"auth\": {\"identity\": {\"methods\": [\"password\"], "
                + "\"password\": {\"user\": {\"id\": \"" + userId + "\", \"password\": \"pw-1\"}}}, \"scope\": "
                + "{\"project\": {\"id\": \"" + projectId + "\"}}}}");
        assertThat(login.status()).isEqualTo(201);
        String userToken = login.header("X-Subject-Token");
        assertThat(login.json().get("token").get("roles").findValuesAsString("name"))
                .as("member implies reader, as Keystone bootstraps it").containsExactly("member", "reader");
        assertThat(call("POST", "/v3/projects", "{\"project\": {\"name\": \"nope\"}}", "X-Auth-Token", userToken)
                .status()).as("a member is no administrator").isEqualTo(403);

        Reply removed = call("DELETE", "/v3/projects/" + projectId + "/users/" + userId + "/roles/" + member, null,
                "X-Auth-Token", admin);
        assertThat(removed.status()).isEqualTo(204);
        assertThat(call("GET", "/v3/auth/projects", null, "X-Auth-Token", userToken).status())
                .as("removing the grant revokes the user's tokens on the project").isEqualTo(401);

        assertThat(call("DELETE", "/v3/users/" + userId, null, "X-Auth-Token", admin).status()).isEqualTo(204);
        assertThat(call("GET", "/v3/users/" + userId, null, "X-Auth-Token", admin).status()).isEqualTo(404);
        assertThat(call("DELETE", "/v3/projects/" + projectId, null, "X-Auth-Token", admin).status()).isEqualTo(204);
        assertThat(call("DELETE", "/v3/projects/" + projectId, null, "X-Auth-Token", admin).status()).isEqualTo(404);
    }

    @Test
    void disablingAUserRevokesItsTokensAndRefusesNewOnes() throws Exception {
        String admin = adminToken();
        String userId = call("POST", "/v3/users", "{\"user\": {\"name\": \"to-disable\", \"password\": \"pw\"}}",
                "X-Auth-Token", admin).json().get("user").get("id").asString();
        String login = "{\"auth\": {\"identity\": {\"methods\": [\"password\"], \"password\": {\"user\": "
                + "{\"id\": \"" + userId + "\", \"password\": \"pw\"}}}}}";
        String token = call("POST", "/v3/auth/tokens", login).header("X-Subject-Token");
        assertThat(call("GET", "/v3/auth/projects", null, "X-Auth-Token", token).status()).isEqualTo(200);
        assertThat(call("PATCH", "/v3/users/" + userId, "{\"user\": {\"enabled\": false}}", "X-Auth-Token", admin)
                .status()).isEqualTo(200);
        assertThat(call("GET", "/v3/auth/projects", null, "X-Auth-Token", token).status()).isEqualTo(401);
        assertThat(call("POST", "/v3/auth/tokens", login).status()).isEqualTo(401);
    }

    @Test
    void badDirectoryInputIsA400OrA404() throws Exception {
        String admin = adminToken();
        assertThat(call("POST", "/v3/projects", "{\"project\": {\"name\": \"\"}}", "X-Auth-Token", admin).status())
                .isEqualTo(400);
        assertThat(call("POST", "/v3/projects", "{}", "X-Auth-Token", admin).status()).isEqualTo(400);
        assertThat(call("POST", "/v3/users", "{\"user\": {\"name\": \"x\", \"domain_id\": \"nope\"}}",
                "X-Auth-Token", admin).status()).isEqualTo(404);
        assertThat(call("PUT", "/v3/projects/nope/users/nope/roles/nope", null, "X-Auth-Token", admin).status())
                .isEqualTo(404);
        assertThat(call("POST", "/v3/roles", "{\"role\": {\"name\": \"admin\"}}", "X-Auth-Token", admin).status())
                .isEqualTo(409);
        String roleId = call("POST", "/v3/roles", "{\"role\": {\"name\": \"r-x\"}}", "X-Auth-Token", admin).json()
                .get("role").get("id").asString();
        assertThat(call("PATCH", "/v3/roles/" + roleId, "{\"role\": {\"name\": \"r-y\"}}", "X-Auth-Token", admin)
                .json().get("role").get("name").asString()).isEqualTo("r-y");
        assertThat(call("PATCH", "/v3/roles/" + roleId, "{\"role\": {\"name\": \"admin\"}}", "X-Auth-Token", admin)
                .status()).isEqualTo(409);
    }

    @Test
    void aDomainMustBeDisabledBeforeItIsDeletedAndTakesItsContentWithIt() throws Exception {
        String admin = adminToken();
        Reply created = call("POST", "/v3/domains", "{\"domain\": {\"name\": \"d-cascade\"}}", "X-Auth-Token", admin);
        assertThat(created.status()).isEqualTo(201);
        String domainId = created.json().get("domain").get("id").asString();
        String projectId = call("POST", "/v3/projects", "{\"project\": {\"name\": \"p\", \"domain_id\": \"" + domainId
                + "\"}}", "X-Auth-Token", admin).json().get("project").get("id").asString();
        assertThat(call("DELETE", "/v3/domains/" + domainId, null, "X-Auth-Token", admin).status())
                .as("an enabled domain is not deleted").isEqualTo(403);
        assertThat(call("PATCH", "/v3/domains/" + domainId, "{\"domain\": {\"enabled\": false}}", "X-Auth-Token",
                admin).json().get("domain").get("enabled").asBoolean()).isFalse();
        assertThat(call("DELETE", "/v3/domains/" + domainId, null, "X-Auth-Token", admin).status()).isEqualTo(204);
        assertThat(call("GET", "/v3/projects/" + projectId, null, "X-Auth-Token", admin).status()).isEqualTo(404);
        assertThat(call("PATCH", "/v3/domains/default", "{\"domain\": {\"enabled\": false}}", "X-Auth-Token", admin)
                .status()).isEqualTo(403);
    }

    @Test
    void catalogAdministration() throws Exception {
        String admin = adminToken();
        assertThat(call("PUT", "/v3/regions/EastCoast", "{\"region\": {\"description\": \"east\"}}", "X-Auth-Token",
                admin).status()).isEqualTo(201);
        assertThat(call("PUT", "/v3/regions/EastCoast", "{\"region\": {}}", "X-Auth-Token", admin).status())
                .isEqualTo(409);
        Reply service = call("POST", "/v3/services", "{\"service\": {\"type\": \"dns\", \"name\": \"designate\"}}",
                "X-Auth-Token", admin);
        assertThat(service.status()).isEqualTo(201);
        String serviceId = service.json().get("service").get("id").asString();
        Reply endpoint = call("POST", "/v3/endpoints", "{\"endpoint\": {\"service_id\": \"" + serviceId
                + "\", \"interface\": \"public\", \"region_id\": \"EastCoast\", \"url\": \"http://dns.example\"}}",
                "X-Auth-Token", admin);
        assertThat(endpoint.status()).isEqualTo(201);
        assertThat(endpoint.json().get("endpoint").get("region").asString()).isEqualTo("EastCoast");
        assertThat(call("POST", "/v3/endpoints", "{\"endpoint\": {\"service_id\": \"" + serviceId
                + "\", \"interface\": \"sideways\", \"url\": \"http://x\"}}", "X-Auth-Token", admin).status())
                .isEqualTo(400);
        Reply token = call("POST", "/v3/auth/tokens", passwordAuth("admin", "s3cret", ADMIN_PROJECT));
        assertThat(token.json().get("token").get("catalog").findValuesAsString("type")).contains("dns");
        assertThat(call("DELETE", "/v3/regions/EastCoast", null, "X-Auth-Token", admin).status())
                .as("a region with endpoints stays").isEqualTo(403);
        assertThat(call("DELETE", "/v3/services/" + serviceId, null, "X-Auth-Token", admin).status()).isEqualTo(204);
        assertThat(call("DELETE", "/v3/regions/EastCoast", null, "X-Auth-Token", admin).status()).isEqualTo(204);
        assertThat(call("GET", "/v3/endpoints?service_id=" + serviceId, null, "X-Auth-Token", admin).json()
                .get("endpoints").size()).isZero();
    }

    @Test
    void aUserChangesItsOwnPasswordAndListsItsProjects() throws Exception {
        String admin = adminToken();
        String userId = call("POST", "/v3/users", "{\"user\": {\"name\": \"changer\", \"password\": \"old-pw\"}}",
                "X-Auth-Token", admin).json().get("user").get("id").asString();
        String login = "{\"auth\": {\"identity\": {\"methods\": [\"password\"], \"password\": {\"user\": "
                + "{\"id\": \"" + userId + "\", \"password\": \"%s\"}}}}}";
        String token = call("POST", "/v3/auth/tokens", login.formatted("old-pw")).header("X-Subject-Token");
        Reply projects = call("GET", "/v3/users/" + userId + "/projects", null, "X-Auth-Token", token);
        assertThat(projects.status()).isEqualTo(200);
        assertThat(projects.json().get("projects").size()).isZero();
        assertThat(call("GET", "/v3/auth/domains", null, "X-Auth-Token", token).json().get("domains").size()).isZero();
        assertThat(call("GET", "/v3/auth/domains", null, "X-Auth-Token", admin).status()).isEqualTo(200);
        assertThat(call("POST", "/v3/users/" + userId + "/password", "{\"user\": {\"password\": \"new-pw\", "
                + "\"original_password\": \"wrong\"}}").status()).as("no token needed, but the original must match")
                .isEqualTo(401);
        assertThat(call("POST", "/v3/users/" + userId + "/password", "{\"user\": {\"password\": \"new-pw\", "
                + "\"original_password\": \"old-pw\"}}", "X-Auth-Token", token).status()).isEqualTo(204);
        assertThat(call("GET", "/v3/users/" + userId + "/projects", null, "X-Auth-Token", token).status())
                .as("a password change revokes the user's tokens").isEqualTo(401);
        assertThat(call("POST", "/v3/auth/tokens", login.formatted("old-pw")).status()).isEqualTo(401);
        assertThat(call("POST", "/v3/auth/tokens", login.formatted("new-pw")).status()).isEqualTo(201);
    }

    @Test
    void aGroupsGrantReachesItsMembersAndLeavingTheGroupRevokesTheirTokens() throws Exception {
        String admin = adminToken();
        String projectId = call("POST", "/v3/projects", "{\"project\": {\"name\": \"group-p\"}}", "X-Auth-Token",
                admin).json().get("project").get("id").asString();
        String userId = call("POST", "/v3/users", "{\"user\": {\"name\": \"grouped\", \"password\": \"pw\"}}",
                "X-Auth-Token", admin).json().get("user").get("id").asString();
        Reply group = call("POST", "/v3/groups", "{\"group\": {\"name\": \"readers\"}}", "X-Auth-Token", admin);
        assertThat(group.status()).isEqualTo(201);
        String groupId = group.json().get("group").get("id").asString();
        String reader = call("GET", "/v3/roles?name=reader", null, "X-Auth-Token", admin).json().get("roles").get(0)
                .get("id").asString();
        assertThat(call("PUT", "/v3/groups/" + groupId + "/users/" + userId, null, "X-Auth-Token", admin).status())
                .isEqualTo(204);
        assertThat(call("HEAD", "/v3/groups/" + groupId + "/users/" + userId, null, "X-Auth-Token", admin).status())
                .isEqualTo(204);
        assertThat(call("PUT", "/v3/projects/" + projectId + "/groups/" + groupId + "/roles/" + reader, null,
                "X-Auth-Token", admin).status()).isEqualTo(204);

        Reply login = call("POST", "/v3/auth/tokens", "{\"auth\": {\"identity\": {\"methods\": [\"password\"], "
                + "\"password\": {\"user\": {\"id\": \"" + userId + "\", \"password\": \"pw\"}}}, \"scope\": "
                + "{\"project\": {\"id\": \"" + projectId + "\"}}}}");
        assertThat(login.status()).as("the group's role scopes the member's token").isEqualTo(201);
        assertThat(login.json().get("token").get("roles").findValuesAsString("name")).containsExactly("reader");
        String token = login.header("X-Subject-Token");
        assertThat(call("GET", "/v3/users/" + userId + "/groups", null, "X-Auth-Token", token).json().get("groups")
                .findValuesAsString("name")).containsExactly("readers");

        assertThat(call("DELETE", "/v3/groups/" + groupId + "/users/" + userId, null, "X-Auth-Token", admin).status())
                .isEqualTo(204);
        assertThat(call("GET", "/v3/auth/projects", null, "X-Auth-Token", token).status()).isEqualTo(401);
        assertThat(call("DELETE", "/v3/groups/" + groupId, null, "X-Auth-Token", admin).status()).isEqualTo(204);
        assertThat(call("GET", "/v3/groups/" + groupId, null, "X-Auth-Token", admin).status()).isEqualTo(404);
        assertThat(call("DELETE", "/v3/users/" + userId, null, "X-Auth-Token", admin).status()).isEqualTo(204);
    }

    @Test
    void aRevokedTokenCannotBeRescopedAndKeystoneSaysNotFound() throws Exception {
        String admin = adminToken();
        String userId = call("POST", "/v3/users", "{\"user\": {\"name\": \"rescope-revoked\", \"password\": \"pw1\"}}",
                "X-Auth-Token", admin).json().get("user").get("id").asString();
        String token = call("POST", "/v3/auth/tokens", "{\"auth\": {\"identity\": {\"methods\": [\"password\"], "
                + "\"password\": {\"user\": {\"id\": \"" + userId + "\", \"password\": \"pw1\"}}}}}")
                .header("X-Subject-Token");
        assertThat(call("POST", "/v3/users/" + userId + "/password", "{\"user\": {\"password\": \"pw2\", "
                + "\"original_password\": \"pw1\"}}").status()).isEqualTo(204);
        String byToken = "{\"auth\": {\"identity\": {\"methods\": [\"token\"], \"token\": {\"id\": \"%s\"}}}}";
        assertThat(call("POST", "/v3/auth/tokens", byToken.formatted(token)).status()).isEqualTo(404);
        assertThat(call("POST", "/v3/auth/tokens", byToken.formatted("garbage")).status()).isEqualTo(401);
    }
}
