package io.nubo.blockstorage;

import static org.assertj.core.api.Assertions.assertThat;

import io.nubo.blockstorage.volume.quota.QuotaService;
import io.nubo.shared.validation.ValidatedHandlers;
import io.nubo.testsupport.TestTokens;
import io.nubo.testsupport.fuzz.ApiFuzz;
import io.nubo.testsupport.fuzz.SchemaColumns;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/**
 * Issue 18: every Cinder request schema fuzzed against the running service (bodies and the list queries), as a
 * member on a real volume of its own and, for volume types and quotas, as an administrator: no 5xx, the service
 * healthy after; and the schemas' string limits fit the Flyway columns.
 */
@Tag("integration")
class BlockStorageFuzzTest extends BlockStorageHttpTest {

    @Autowired
    ApplicationContext context;

    final String fuzzer = TestTokens.project("p-fuzz", "member");
    final String admin = TestTokens.project("p-admin", "admin");

    @Test
    void everyRequestBodyHasASchema() {
        assertThat(ValidatedHandlers.of(context).stream().filter(ValidatedHandlers.Handler::unvalidatedBody)
                .map(h -> h.paths() + " " + h.method().getName())).isEmpty();
    }

    @Test
    void everySchemaStringFitsItsColumn(@Autowired DataSource db) {
        List<String> schemas = ValidatedHandlers.schemaNames(ValidatedHandlers.of(context));
        assertThat(SchemaColumns.annotated(schemas)).isGreaterThan(25);
        assertThat(SchemaColumns.problems(db, schemas)).isEmpty();
    }

    @Test
    void theQuotaSchemaNamesEveryResource() throws Exception {
        try (InputStream in = getClass().getResourceAsStream("/schemas/block-storage/quota-update.json")) {
            List<String> names = new ArrayList<>();
            JSON.readTree(in).at("/properties/quota_set/properties").propertyNames().forEach(names::add);
            names.removeAll(List.of("tenant_id", "id"));
            assertThat(names).containsExactlyInAnyOrder(QuotaService.RESOURCES).hasSize(QuotaService.RESOURCES.length);
        }
    }

    @Test
    void noGeneratedRequestGetsA5xx() throws Exception {
        String volume = volume(fuzzer, "p-fuzz", "{\"volume\": {\"size\": 1, \"name\": \"fuzzed\"}}", "available");
        Reply snapshot = call(fuzzer, "POST", v3("p-fuzz", "snapshots"), "{\"snapshot\": {\"volume_id\": \""
                + volume + "\"}}");
        assertThat(snapshot.status()).isEqualTo(202);
        String snapshotId = snapshot.json().get("snapshot").get("id").asString();
        awaitStatus(fuzzer, "p-fuzz", "snapshots", "snapshot", snapshotId, "available");
        List<String> typesBefore = typeIds();
        List<String> groupTypesBefore = groupTypeIds();
        java.util.function.Predicate<String> adminOnly = path -> path.contains("/types") || path.contains("os-quota-sets")
                || path.contains("/group_types");
        // at the newest microversion, so the handlers 3.1-3.14 added are reached (at 3.0 they are 404s)
        String latest = "volume latest";
        ApiFuzz.Result r = ApiFuzz.against(context, "http://127.0.0.1:" + port).header("X-Auth-Token", fuzzer)
                .header("OpenStack-API-Version", latest).pathVariable(name -> switch (name) {
                    case "projectId" -> "p-fuzz";
                    case "key" -> "nubo-fuzz";
                    default -> volume;
                }).randomCasesPerSchema(10).only(adminOnly.negate()).run();
        ApiFuzz.Result snapshots = ApiFuzz.against(context, "http://127.0.0.1:" + port)
                .header("X-Auth-Token", fuzzer).header("OpenStack-API-Version", latest)
                .pathVariable(name -> name.equals("projectId") ? "p-fuzz" : name.equals("id") ? snapshotId : "nubo-fuzz")
                .randomCasesPerSchema(10).only(path -> path.contains("/snapshots/")).run();
        ApiFuzz.Result admins = ApiFuzz.against(context, "http://127.0.0.1:" + port).header("X-Auth-Token", admin)
                .header("OpenStack-API-Version", latest).pathVariable(name -> switch (name) {
                    case "projectId" -> "p-admin";
                    case "target" -> "p-fuzz-quota";
                    case "key" -> "nubo-fuzz";
                    default -> "nubofuzz0000000000000000000000000";
                }).randomCasesPerSchema(10).only(adminOnly).run();
        // the valid type bodies made types (named "x", "nubo-fuzz", ...): leave none behind for other tests
        for (String t : groupTypeIds()) {
            if (!groupTypesBefore.contains(t)) {
                assertThat(call(admin, "DELETE", v3("p-admin", "group_types/" + t), null, "OpenStack-API-Version",
                        "volume 3.11").status()).isEqualTo(202);
            }
        }
        for (String t : typeIds()) {
            if (!typesBefore.contains(t)) {
                assertThat(call(admin, "DELETE", v3("p-admin", "types/" + t), null).status()).isEqualTo(202);
            }
        }
        System.out.println("block storage fuzz: " + r.requests() + " requests, statuses " + r.statuses()
                + "; on a snapshot: " + snapshots.requests() + ", statuses " + snapshots.statuses()
                + "; types and quotas: " + admins.requests() + " requests, statuses " + admins.statuses());
        assertThat(r.serverErrors()).isEmpty();
        assertThat(snapshots.serverErrors()).isEmpty();
        assertThat(admins.serverErrors()).isEmpty();
        assertThat(r.requests() + snapshots.requests() + admins.requests()).isGreaterThan(2000);
        assertThat(r.between(400, 401)).isGreaterThan(r.requests() / 2);
        assertThat(r.between(200, 300)).as("valid bodies reached the handlers").isGreaterThan(3);
        assertThat(admins.between(200, 300)).as("valid quota bodies reached the handler").isGreaterThan(0);
        assertThat(call(fuzzer, "GET", "/healthcheck", null).status()).isEqualTo(200);
        assertThat(call(fuzzer, "GET", v3("p-fuzz", "volumes/" + volume), null).status()).isEqualTo(200);
        assertThat(call(fuzzer, "GET", v3("p-fuzz", "volumes/detail"), null).status()).isEqualTo(200);
    }

    private List<String> groupTypeIds() throws Exception {
        return call(admin, "GET", v3("p-admin", "group_types?is_public=None&limit=1000"), null,
                "OpenStack-API-Version", "volume 3.11").json().get("group_types").findValuesAsString("id");
    }

    private List<String> typeIds() throws Exception {
        return call(admin, "GET", v3("p-admin", "types"), null).json().get("volume_types").findValuesAsString("id");
    }
}
