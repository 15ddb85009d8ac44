package io.nubo.identity;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Policies, OAuth1 consumers, endpoint groups (with catalog filtering) and domain configuration. */
class StoredConfigurationApiTest extends IdentityHttpTest {


    @Test
    void policiesKeepTheirBlobTypeAndExtras() throws Exception {
        String admin = adminToken();
        String id = create(admin, "/v3/policies", "policy", "{\"type\": \"application/json\", \"blob\": \"{}\", "
                + "\"owner\": \"ops\"}");
        Reply updated = call("PATCH", "/v3/policies/" + id, "{\"policy\": {\"type\": \"text/plain\"}}",
                "X-Auth-Token", admin);
        assertThat(updated.json().get("policy").get("type").asString()).isEqualTo("text/plain");
        assertThat(updated.json().get("policy").get("owner").asString()).isEqualTo("ops");
        assertThat(call("POST", "/v3/policies", "{\"policy\": {\"blob\": \"x\"}}", "X-Auth-Token", admin).status())
                .isEqualTo(400);
        assertThat(call("DELETE", "/v3/policies/" + id, null, "X-Auth-Token", admin).status()).isEqualTo(204);
        assertThat(call("GET", "/v3/policies/" + id, null, "X-Auth-Token", admin).status()).isEqualTo(404);
    }

    @Test
    void consumersShowTheirSecretOnce() throws Exception {
        String admin = adminToken();
        Reply created = call("POST", "/v3/OS-OAUTH1/consumers", "{\"consumer\": {\"description\": \"d1\"}}",
                "X-Auth-Token", admin);
        assertThat(created.status()).isEqualTo(201);
        String id = created.json().get("consumer").get("id").asString();
        assertThat(created.json().get("consumer").get("secret").asString()).isNotEmpty();
        assertThat(call("GET", "/v3/OS-OAUTH1/consumers/" + id, null, "X-Auth-Token", admin).body())
                .doesNotContain("secret");
        assertThat(call("PATCH", "/v3/OS-OAUTH1/consumers/" + id, "{\"consumer\": {\"secret\": \"x\"}}",
                "X-Auth-Token", admin).status()).isEqualTo(400);
        assertThat(call("DELETE", "/v3/OS-OAUTH1/consumers/" + id, null, "X-Auth-Token", admin).status())
                .isEqualTo(204);
    }

    @Test
    void endpointGroupsFilterTheCatalogOfTheirProjects() throws Exception {
        String admin = adminToken();
        String service = create(admin, "/v3/services", "service", "{\"type\": \"eg-type\", \"name\": \"eg\"}");
        create(admin, "/v3/endpoints", "endpoint", "{\"service_id\": \"" + service + "\", \"interface\": \"public\", "
                + "\"url\": \"http://eg.example\"}");
        String project = create(admin, "/v3/projects", "project", "{\"name\": \"eg-p\"}");
        String group = create(admin, "/v3/OS-EP-FILTER/endpoint_groups", "endpoint_group", "{\"name\": \"only-eg\", "
                + "\"filters\": {\"service_id\": \"" + service + "\"}}");
        assertThat(call("POST", "/v3/OS-EP-FILTER/endpoint_groups", "{\"endpoint_group\": {\"name\": \"x\", "
                + "\"filters\": {\"color\": \"red\"}}}", "X-Auth-Token", admin).status()).isEqualTo(400);
        assertThat(call("PUT", "/v3/OS-EP-FILTER/endpoint_groups/" + group + "/projects/" + project, null,
                "X-Auth-Token", admin).status()).isEqualTo(204);
        String user = create(admin, "/v3/users", "user", "{\"name\": \"eg-u\", \"password\": \"pw\"}");
        String member = call("GET", "/v3/roles?name=member", null, "X-Auth-Token", admin).json().get("roles").get(0)
                .get("id").asString();
        call("PUT", "/v3/projects/" + project + "/users/" + user + "/roles/" + member, null, "X-Auth-Token", admin);
        JsonNode catalog = call("POST", "/v3/auth/tokens", "{\"auth\": {\"identity\": {\"methods\": [\"password\"], "
                + "\"password\": {\"user\": {\"id\": \"" + user + "\", \"password\": \"pw\"}}}, \"scope\": "
                + "{\"project\": {\"id\": \"" + project + "\"}}}}").json().get("token").get("catalog");
        assertThat(catalog.findValuesAsString("type")).containsExactly("eg-type");
        assertThat(call("DELETE", "/v3/OS-EP-FILTER/endpoint_groups/" + group, null, "X-Auth-Token", admin).status())
                .isEqualTo(204);
    }

    @Test
    void domainConfigurationNeverShowsTheLdapPassword() throws Exception {
        String admin = adminToken();
        String domain = create(admin, "/v3/domains", "domain", "{\"name\": \"cfg-d\"}");
        String path = "/v3/domains/" + domain + "/config";
        Reply created = call("PUT", path, "{\"config\": {\"identity\": {\"driver\": \"ldap\"}, \"ldap\": {\"url\": "
                + "\"ldap://x\", \"password\": \"hunter2\"}}}", "X-Auth-Token", admin);
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.body()).doesNotContain("hunter2");
        assertThat(call("GET", path + "/ldap/url", null, "X-Auth-Token", admin).json().get("config").get("url")
                .asString()).isEqualTo("ldap://x");
        assertThat(call("GET", path + "/ldap/password", null, "X-Auth-Token", admin).status()).isEqualTo(404);
        assertThat(call("PATCH", path + "/identity/driver", "{\"config\": {\"driver\": \"sql\"}}", "X-Auth-Token",
                admin).json().get("config").get("identity").get("driver").asString()).isEqualTo("sql");
        // a group's update names the group, as Tempest's test_create_update_and_delete_domain_config_groups_and_opts
        Reply group = call("PATCH", path + "/identity", "{\"config\": {\"identity\": {\"driver\": \"d2\", "
                + "\"list_limit\": 7}}}", "X-Auth-Token", admin);
        assertThat(group.status()).isEqualTo(200);
        assertThat(group.json().get("config").get("identity").get("list_limit").asInt()).isEqualTo(7);
        assertThat(call("PATCH", path + "/identity", "{\"config\": {\"ldap\": {\"url\": \"ldap://y\"}}}",
                "X-Auth-Token", admin).status()).as("another group than the path's").isEqualTo(400);
        assertThat(call("PUT", path, "{\"config\": {\"assignment\": {\"driver\": \"x\"}}}", "X-Auth-Token", admin)
                .status()).isEqualTo(403);
        assertThat(call("DELETE", path + "/identity", null, "X-Auth-Token", admin).status()).isEqualTo(204);
        assertThat(call("GET", path + "/identity", null, "X-Auth-Token", admin).status()).isEqualTo(404);
        assertThat(call("GET", "/v3/domains/config/ldap/default", null, "X-Auth-Token", admin).json().get("config")
                .get("ldap").has("user_tree_dn")).isTrue();
        call("PATCH", "/v3/domains/" + domain, "{\"domain\": {\"enabled\": false}}", "X-Auth-Token", admin);
        assertThat(call("DELETE", "/v3/domains/" + domain, null, "X-Auth-Token", admin).status())
                .as("its configuration goes with it").isEqualTo(204);
    }
}
