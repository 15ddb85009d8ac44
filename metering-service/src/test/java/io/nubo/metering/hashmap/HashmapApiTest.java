package io.nubo.metering.hashmap;

import static org.assertj.core.api.Assertions.assertThat;

import io.nubo.metering.RatingHttp;
import io.nubo.testsupport.PostgresTestDatabase;
import io.nubo.testsupport.TestTokens;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The hashmap API as the cloudkitty client calls it (trailing slashes, ids in delete bodies, costs back as strings)
 * on PostgreSQL, its refusals in CloudKitty's WSME fault body, and who may call it.
 */
@org.junit.jupiter.api.Tag("integration")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.config.name=metering-service", "nubo.metering.consumer.enabled=false",
                "nubo.security.revocation-feed=false", "nubo.outbox.enabled=false"})
@Import(TestTokens.Keys.class)
class HashmapApiTest {

    private static final PostgresTestDatabase DB = PostgresTestDatabase.create("hashmap");
    private static final String ADMIN = TestTokens.project("admin-project", "admin");
    private static final String MEMBER = TestTokens.project("p1", "member");
    private static final String BASE = "/v1/rating/module_config/hashmap";

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry r) {
        r.add("spring.datasource.url", DB::jdbcUrl);
        r.add("spring.datasource.username", DB::username);
        r.add("spring.datasource.password", DB::password);
    }

    @AfterAll
    static void drop() {
        DB.close();
    }

    @LocalServerPort
    int port;
    @Autowired
    JsonMapper json;

    private HttpResponse<String> call(String method, String path, String token, String body) throws Exception {
        return new RatingHttp(port).call(method, path, token, body);
    }

    private JsonNode ok(HttpResponse<String> r, int status) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        return r.body().isEmpty() ? null : json.readTree(r.body());
    }

    private static void fault(HttpResponse<String> r, int status, String fragment) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        assertThat(r.body()).startsWith("{\"faultcode\": \"Client\", \"faultstring\": ").contains(fragment)
                .endsWith("\"debuginfo\": null}");
    }

    @Test
    void serviceFieldMappingAsTheClientDoesIt() throws Exception {
        JsonNode s = ok(call("POST", BASE + "/services/", ADMIN, "{\"name\": \"instance\"}"), 201);
        String service = s.get("service_id").asString();
        assertThat(s.get("name").asString()).isEqualTo("instance");
        fault(call("POST", BASE + "/services/", ADMIN, "{\"name\": \"instance\"}"), 409, "already exists");

        JsonNode f = ok(call("POST", BASE + "/fields/", ADMIN,
                "{\"name\": \"flavor_id\", \"service_id\": \"" + service + "\"}"), 201);
        String field = f.get("field_id").asString();
        assertThat(ok(call("GET", BASE + "/fields/?service_id=" + service, ADMIN, null), 200).get("fields"))
                .hasSize(1);

        JsonNode m = ok(call("POST", BASE + "/mappings/", ADMIN, "{\"cost\": 0.05, \"value\": \"m1.small\","
                + " \"service_id\": null, \"group_id\": null, \"field_id\": \"" + field + "\", \"tenant_id\": null,"
                + " \"type\": \"flat\"}"), 201);
        assertThat(m.get("cost").asString()).isEqualTo("0.05");
        assertThat(m.get("value").asString()).isEqualTo("m1.small");
        assertThat(m.get("tenant_id").isNull()).isTrue();
        String mapping = m.get("mapping_id").asString();

        // the client's update sends back what it read, with the cost as a string
        JsonNode updated = ok(call("PUT", BASE + "/mappings/" + mapping, ADMIN, "{\"mapping_id\": \"" + mapping
                + "\", \"value\": \"m1.small\", \"type\": \"flat\", \"cost\": \"0.07\", \"field_id\": \"" + field
                + "\"}"), 200);
        assertThat(updated.get("cost").asString()).isEqualTo("0.07");
        assertThat(ok(call("GET", BASE + "/mappings/?field_id=" + field, ADMIN, null), 200).get("mappings"))
                .hasSize(1);

        // deletes carry the id in the body on the collection path
        ok(call("DELETE", BASE + "/mappings/", ADMIN, "{\"mapping_id\": \"" + mapping + "\"}"), 204);
        fault(call("GET", BASE + "/mappings/" + mapping, ADMIN, null), 404, "No such mapping");
        ok(call("DELETE", BASE + "/services/", ADMIN, "{\"service_id\": \"" + service + "\"}"), 204);
        fault(call("GET", BASE + "/fields/" + field, ADMIN, null), 404, "No such field");
        assertThat(ok(call("GET", BASE + "/types", ADMIN, null), 200).toString()).isEqualTo("[\"flat\",\"rate\"]");
    }

    @Test
    void badInputIsRefusedInCloudKittysBody() throws Exception {
        fault(call("POST", BASE + "/mappings/", ADMIN,
                "{\"cost\": 1, \"service_id\": \"00000000-0000-0000-0000-000000000000\"}"), 404, "No such service");
        String service = ok(call("POST", BASE + "/services", ADMIN, "{\"name\": \"volume.size\"}"), 201)
                .get("service_id").asString();
        fault(call("POST", BASE + "/mappings", ADMIN, "{\"cost\": -1, \"service_id\": \"" + service + "\"}"),
                400, "cost");
        fault(call("POST", BASE + "/mappings", ADMIN, "{\"cost\": \"-0.5\", \"service_id\": \"" + service + "\"}"),
                400, "cost");
        fault(call("POST", BASE + "/mappings", ADMIN,
                "{\"cost\": 1, \"type\": \"percent\", \"service_id\": \"" + service + "\"}"), 400, "type");
        fault(call("POST", BASE + "/mappings", ADMIN, "{\"cost\": 1}"), 400, "field or a service");
        fault(call("POST", BASE + "/mappings", ADMIN,
                "{\"cost\": 1, \"value\": \"x\", \"service_id\": \"" + service + "\"}"), 400, "service mapping");
        fault(call("POST", BASE + "/thresholds", ADMIN,
                "{\"cost\": 1, \"level\": \"lots\", \"service_id\": \"" + service + "\"}"), 400, "level");
        fault(call("POST", BASE + "/services", ADMIN, "{\"name\": "), 400, "");
        fault(call("GET", "/v1/report/summary?begin=yesterday", ADMIN, null), 400, "begin");
        fault(call("GET", "/v1/report/total?begin=2026-12-02T00:00:00&end=2026-12-01T00:00:00", ADMIN, null), 400,
                "before end");
        HttpResponse<String> v2 = call("GET", "/v2/summary?end=2026-13-01", ADMIN, null);
        assertThat(v2.statusCode()).isEqualTo(400);
        assertThat(json.readTree(v2.body()).get("message").asString()).contains("end");
    }

    @Test
    void ratingConfigurationIsTheAdminsAndAProjectReadsOnlyItsOwnReports() throws Exception {
        fault(call("GET", BASE + "/services", MEMBER, null), 403, "not authorized");
        fault(call("POST", BASE + "/services", MEMBER, "{\"name\": \"x\"}"), 403, "not authorized");
        fault(call("GET", "/v1/rating/modules", MEMBER, null), 403, "not authorized");
        ok(call("GET", "/v1/report/total", MEMBER, null), 200);
        ok(call("GET", "/v1/report/summary?tenant_id=p1", MEMBER, null), 200);
        fault(call("GET", "/v1/report/summary?tenant_id=p2", MEMBER, null), 403, "not authorized");
        fault(call("GET", "/v1/report/summary?all_tenants=true", MEMBER, null), 403, "not authorized");
        fault(call("GET", "/v1/report/tenants", MEMBER, null), 403, "not authorized");
        ok(call("GET", "/v1/report/summary?all_tenants=true", ADMIN, null), 200);
        ok(call("GET", "/v1/info/config", MEMBER, null), 200);
    }

    @Test
    void theHashmapModuleCanBeDisabledAndEnabled() throws Exception {
        JsonNode list = ok(call("GET", "/v1/rating/modules", ADMIN, null), 200);
        assertThat(list.get("modules").get(0).get("module_id").asString()).isEqualTo("hashmap");
        JsonNode off = ok(call("PUT", "/v1/rating/modules/hashmap", ADMIN,
                "{\"module_id\": \"hashmap\", \"enabled\": false, \"priority\": 1}"), 200);
        assertThat(off.get("enabled").asBoolean()).isFalse();
        ok(call("PUT", "/v2/rating/modules/hashmap", ADMIN, "{\"enabled\": true}"), 204);
        assertThat(ok(call("GET", "/v2/rating/modules/hashmap", ADMIN, null), 200).get("enabled").asBoolean())
                .isTrue();
        fault(call("GET", "/v1/rating/modules/pyscripts", ADMIN, null), 404, "Module not found");
    }
}
