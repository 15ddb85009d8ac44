package io.nubo.identity;

import static org.assertj.core.api.Assertions.assertThat;

import io.nubo.shared.validation.ValidatedHandlers;
import io.nubo.testsupport.fuzz.ApiFuzz;
import io.nubo.testsupport.fuzz.SchemaColumns;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/**
 * Issue 18: every identity request schema, fuzzed against the running service as an administrator: valid bodies,
 * each field broken in turn, random combinations. No answer may be a 5xx, and the service must stay healthy; and
 * every string limit of the schemas fits the Flyway column it is stored in.
 */
class IdentityFuzzTest extends IdentityHttpTest {

    @Autowired
    ApplicationContext context;

    @Test
    void everyRequestBodyHasASchema() {
        assertThat(ValidatedHandlers.of(context).stream().filter(ValidatedHandlers.Handler::unvalidatedBody)
                .map(h -> h.paths() + " " + h.method().getName())).isEmpty();
    }

    @Test
    void everySchemaStringFitsItsColumn(@Autowired javax.sql.DataSource db) {
        java.util.List<String> schemas = ValidatedHandlers.schemaNames(ValidatedHandlers.of(context));
        assertThat(SchemaColumns.annotated(schemas)).isGreaterThan(60);
        assertThat(SchemaColumns.problems(db, schemas)).isEmpty();
    }

    @Test
    void noGeneratedRequestGetsA5xx() throws Exception {
        String admin = adminToken();
        ApiFuzz.Result r = ApiFuzz.against(context, "http://127.0.0.1:" + port).header("X-Auth-Token", admin)
                .pathVariable(name -> "default").run();
        assertThat(r.serverErrors()).isEmpty();
        assertThat(r.requests()).isGreaterThan(3000);
        System.out.println("identity fuzz: " + r.requests() + " requests, statuses " + r.statuses());
        assertThat(r.between(400, 401)).as("the validator refused the broken ones").isGreaterThan(r.requests() / 2);
        assertThat(r.between(200, 300)).as("valid bodies reached the handlers").isGreaterThan(10);
        assertThat(call("GET", "/healthcheck", null).status()).isEqualTo(200);
        assertThat(call("GET", "/v3/auth/tokens", null, "X-Auth-Token", admin, "X-Subject-Token", admin).status())
                .as("still serving tokens").isEqualTo(200);
    }
}
