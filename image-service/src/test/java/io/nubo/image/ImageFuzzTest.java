package io.nubo.image;

import static org.assertj.core.api.Assertions.assertThat;

import io.nubo.shared.validation.ValidatedHandlers;
import io.nubo.testsupport.TestTokens;
import io.nubo.testsupport.fuzz.ApiFuzz;
import io.nubo.testsupport.fuzz.SchemaColumns;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/**
 * Issue 18: every image request schema fuzzed against the running service (bodies and the list query), as a
 * member and on a real image of its own: no 5xx, the service healthy after; and the schemas' string limits fit
 * the Flyway columns.
 */
class ImageFuzzTest extends ImageHttpTest {

    @Autowired
    ApplicationContext context;

    final String fuzzer = TestTokens.project("p-fuzz", "member");

    @Test
    void everyRequestBodyHasASchema() {
        assertThat(ValidatedHandlers.of(context).stream().filter(ValidatedHandlers.Handler::unvalidatedBody)
                .map(h -> h.paths() + " " + h.method().getName())).isEmpty();
    }

    @Test
    void everySchemaStringFitsItsColumn(@Autowired DataSource db) {
        List<String> schemas = ValidatedHandlers.schemaNames(ValidatedHandlers.of(context));
        assertThat(SchemaColumns.annotated(schemas)).isGreaterThan(15);
        assertThat(SchemaColumns.problems(db, schemas)).isEmpty();
    }

    @Test
    void noGeneratedRequestGetsA5xx() throws Exception {
        String image = create(fuzzer, "{\"name\": \"fuzzed\", \"disk_format\": \"raw\", \"container_format\": \"bare\"}");
        ApiFuzz.Result r = ApiFuzz.against(context, "http://127.0.0.1:" + port).header("X-Auth-Token", fuzzer)
                .pathVariable(name -> name.equals("id") ? image : "OS::Nubo::Fuzz").randomCasesPerSchema(10)
                .contentType("/v2/images/{id}", "application/openstack-images-v2.1-json-patch")
                .only(path -> !path.startsWith("/v2/metadefs")).run();
        // the metadefs catalog is the administrators'
        ApiFuzz.Result metadefs = ApiFuzz.against(context, "http://127.0.0.1:" + port)
                .header("X-Auth-Token", TestTokens.project("p-admin", "admin")).randomCasesPerSchema(10)
                .pathVariable(name -> name.equals("ns") ? "OS::Nubo::Fuzz" : "fuzz_item")
                .only(path -> path.startsWith("/v2/metadefs")).run();
        System.out.println("image fuzz: " + r.requests() + " requests, statuses " + r.statuses() + "; metadefs: "
                + metadefs.requests() + " requests, statuses " + metadefs.statuses());
        assertThat(r.serverErrors()).isEmpty();
        assertThat(metadefs.serverErrors()).isEmpty();
        assertThat(r.requests() + metadefs.requests()).isGreaterThan(2000);
        assertThat(r.between(400, 401)).isGreaterThan(r.requests() / 2);
        assertThat(r.between(200, 300)).as("valid bodies reached the handlers").isGreaterThan(3);
        // a random body may rename the namespace the paths name, after which the rest are 404s: order-dependent
        assertThat(metadefs.between(200, 300)).as("valid metadef bodies reached the handlers").isGreaterThan(0);
        assertThat(json(fuzzer, "GET", "/healthcheck", null).status()).isEqualTo(200);
        assertThat(json(fuzzer, "GET", "/v2/images", null).status()).isEqualTo(200);
    }
}
