package io.nubo.network;

import static org.assertj.core.api.Assertions.assertThat;

import io.nubo.network.quota.Quotas;
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
 * Issue 18: every Neutron request schema fuzzed against the running service (bodies and the list query), as a
 * member on a real network of its own and, for quotas, as an administrator: no 5xx, the service healthy after;
 * and the schemas' string limits fit the Flyway columns.
 */
@Tag("integration")
class NetworkFuzzTest extends NetworkHttpTest {

    @Autowired
    ApplicationContext context;

    /** The schemas' example project is p-fuzz, so that valid bodies naming a project are the caller's own. */
    final String fuzzer = TestTokens.project("p-fuzz", "member");

    @Test
    void everyRequestBodyHasASchema() {
        assertThat(ValidatedHandlers.of(context).stream().filter(ValidatedHandlers.Handler::unvalidatedBody)
                .map(h -> h.paths() + " " + h.method().getName())).isEmpty();
        assertThat(ValidatedHandlers.of(context).stream().filter(h -> h.paths().stream()
                        .anyMatch(p -> p.matches("/v2\\.0/[a-z-]+")) && h.methods().toString().contains("GET")
                        && h.query() == null && !h.paths().contains("/v2.0/extensions")
                        && !h.paths().contains("/v2.0/quotas"))
                .map(h -> h.paths().toString())).as("every collection list validates its query").isEmpty();
    }

    @Test
    void everySchemaStringFitsItsColumn(@Autowired DataSource db) {
        List<String> schemas = ValidatedHandlers.schemaNames(ValidatedHandlers.of(context));
        assertThat(SchemaColumns.annotated(schemas)).isGreaterThan(30);
        assertThat(SchemaColumns.problems(db, schemas)).isEmpty();
    }

    @Test
    void theQuotaSchemaNamesEveryResource() throws Exception {
        try (InputStream in = getClass().getResourceAsStream("/schemas/network/quota-update.json")) {
            List<String> names = new ArrayList<>();
            JSON.readTree(in).at("/properties/quota/properties").propertyNames().forEach(names::add);
            assertThat(names).containsExactlyInAnyOrderElementsOf(Quotas.DEFAULTS.keySet());
        }
    }

    @Test
    void noGeneratedRequestGetsA5xx() throws Exception {
        String network = network(fuzzer, "fuzzed");
        ApiFuzz.Result r = ApiFuzz.against(context, "http://127.0.0.1:" + port).header("X-Auth-Token", fuzzer)
                .pathVariable(name -> name.equals("collection") ? "networks" : network).randomCasesPerSchema(10)
                .only(path -> !path.startsWith("/v2.0/quotas")).run();
        ApiFuzz.Result quotas = ApiFuzz.against(context, "http://127.0.0.1:" + port).header("X-Auth-Token", admin)
                .pathVariable(name -> "p-fuzz-quota").randomCasesPerSchema(10)
                .only(path -> path.startsWith("/v2.0/quotas")).run();
        System.out.println("network fuzz: " + r.requests() + " requests, statuses " + r.statuses() + "; quotas: "
                + quotas.requests() + " requests, statuses " + quotas.statuses());
        assertThat(r.serverErrors()).isEmpty();
        assertThat(quotas.serverErrors()).isEmpty();
        assertThat(r.requests() + quotas.requests()).isGreaterThan(2000);
        assertThat(r.between(400, 401)).isGreaterThan(r.requests() / 2);
        assertThat(r.between(200, 300)).as("valid bodies reached the handlers").isGreaterThan(3);
        assertThat(quotas.between(200, 300)).as("valid quota bodies reached the handler").isGreaterThan(0);
        assertThat(get(fuzzer, "/healthcheck").status()).isEqualTo(200);
        assertThat(get(fuzzer, "/v2.0/networks/" + network).status()).isEqualTo(200);
        assertThat(get(fuzzer, "/v2.0/ports").status()).isEqualTo(200);
    }
}
