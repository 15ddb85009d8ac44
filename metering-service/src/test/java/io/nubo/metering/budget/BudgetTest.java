package io.nubo.metering.budget;

import static org.assertj.core.api.Assertions.assertThat;

import io.nubo.metering.RatingHttp;
import io.nubo.metering.ledger.Ledger;
import io.nubo.shared.events.EventEnvelope;
import io.nubo.shared.events.ImageActivated;
import io.nubo.shared.events.ImageDeleted;
import io.nubo.shared.events.NuboEvent;
import io.nubo.testsupport.PostgresTestDatabase;
import io.nubo.testsupport.TestTokens;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.json.JsonMapper;

/** Budgets on PostgreSQL: 80% and 100% of a month's budget each announced once, through the outbox. */
@org.junit.jupiter.api.Tag("integration")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.config.name=metering-service", "nubo.metering.consumer.enabled=false",
                "nubo.security.revocation-feed=false", "nubo.outbox.enabled=false",
                "nubo.metering.budget.check-interval=1h"})
@Import(TestTokens.Keys.class)
class BudgetTest {

    private static final PostgresTestDatabase DB = PostgresTestDatabase.create("budget");
    private static final String ADMIN = TestTokens.project("admin-project", "admin");

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
    Ledger ledger;
    @Autowired
    Budgets budgets;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    JsonMapper json;

    private void record(String type, NuboEvent payload, String project, Instant at) {
        ledger.record(new EventEnvelope(UUID.randomUUID(), type, "1.0", at, "test", null, project,
                json.valueToTree(payload)));
    }

    /** A 2 GiB image that existed for the given hours, ending an hour ago . */
    private void image(String project, long hours) {
        Instant end = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(3600);
        Instant begin = end.minusSeconds(hours * 3600);
        String id = UUID.randomUUID().toString();
        record("image.activated", new ImageActivated(id, project, 2L << 30, "c", "sha512", "h", "raw", "bare",
                "file", begin), project, begin);
        record("image.deleted", new ImageDeleted(id, project, 2L << 30, end), project, end);
    }

    private int announced(String project, int percent) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM nubo_outbox WHERE envelope LIKE ? AND envelope LIKE ?",
                Integer.class, "%\"metering.budget.threshold_reached\"%\"project_id\":\"" + project + "\"%",
                "%\"threshold_percent\":" + percent + ",%");
    }

    @Test
    void eightyAndOneHundredPercentAreAnnouncedOnceEach() throws Exception {
        // the usage must lie in this month: four hours back from now
        Assumptions.assumeTrue(Instant.now().minusSeconds(4 * 3600).atOffset(ZoneOffset.UTC).getMonth()
                == Instant.now().atOffset(ZoneOffset.UTC).getMonth(), "first hours of a month");
        RatingHttp http = new RatingHttp(port);
        String service = json.readTree(http.call("POST", "/v1/rating/module_config/hashmap/services", ADMIN,
                "{\"name\": \"image.size\"}").body()).get("service_id").asString();
        assertThat(http.call("POST", "/v1/rating/module_config/hashmap/mappings", ADMIN,
                "{\"service_id\": \"" + service + "\", \"cost\": 0.01}").statusCode()).isEqualTo(201);
        String project = "p" + UUID.randomUUID().toString().replace("-", "");
        image(project, 2);                                           // 2 GiB x 2 h x 0.01 = 0.04

        var set = http.call("PUT", "/nubo/v1/projects/" + project + "/budget", ADMIN, "{\"amount\": 0.05}");
        assertThat(set.statusCode()).as(set.body()).isEqualTo(200);
        assertThat(json.readTree(set.body()).get("cost_this_month").asString()).isEqualTo("0.04");
        assertThat(announced(project, 80)).isEqualTo(1);
        assertThat(announced(project, 100)).isZero();

        image(project, 1);                                           // + 0.02: 0.06 of 0.05
        budgets.checkAll();
        budgets.checkAll();
        assertThat(announced(project, 80)).isEqualTo(1);
        assertThat(announced(project, 100)).isEqualTo(1);

        var mine = http.call("GET", "/nubo/v1/projects/" + project + "/budget", TestTokens.project(project, "member"),
                null);
        assertThat(mine.statusCode()).isEqualTo(200);
        assertThat(json.readTree(mine.body()).get("thresholds_reached").toString()).isEqualTo("[80,100]");
        assertThat(http.call("PUT", "/nubo/v1/projects/" + project + "/budget",
                TestTokens.project(project, "member"), "{\"amount\": 1000}").statusCode()).isEqualTo(403);
        assertThat(http.call("PUT", "/nubo/v1/projects/" + project + "/budget", ADMIN, "{\"amount\": -1}")
                .statusCode()).isEqualTo(400);
        assertThat(http.call("DELETE", "/nubo/v1/projects/" + project + "/budget", ADMIN, null).statusCode())
                .isEqualTo(204);
        assertThat(http.call("GET", "/nubo/v1/projects/" + project + "/budget", ADMIN, null).statusCode())
                .isEqualTo(404);
    }
}
