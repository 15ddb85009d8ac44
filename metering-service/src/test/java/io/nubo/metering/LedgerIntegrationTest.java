package io.nubo.metering;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.nubo.shared.events.EventCodec;
import io.nubo.shared.events.EventEnvelope;
import io.nubo.shared.events.ImageActivated;
import io.nubo.shared.events.ImageDeleted;
import io.nubo.shared.events.NuboEvent;
import io.nubo.shared.events.ObjectStorageUsageChanged;
import io.nubo.shared.events.Topics;
import io.nubo.testsupport.KafkaTestBroker;
import io.nubo.testsupport.PostgresTestDatabase;
import io.nubo.testsupport.TestTokens;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The ledger against the real things: events on Kafka's broker, read by the consumer group into PostgreSQL, rated
 * through the API with hashmap rules set through the API. A stream gives exactly the expected GiB-hours and cost;
 * the same stream replayed, or another project's identical stream delivered backwards, gives the same totals.
 */
@org.junit.jupiter.api.Tag("integration")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.config.name=metering-service", "nubo.security.revocation-feed=false",
                "nubo.outbox.enabled=false"})
@Import(TestTokens.Keys.class)
class LedgerIntegrationTest {

    private static final PostgresTestDatabase DB = PostgresTestDatabase.create("metering");
    private static final Instant T0 = Instant.parse("2026-11-02T00:00:00Z");
    private static final String PERIOD = "begin=2026-11-01T00:00:00&end=2026-12-01T00:00:00";
    private static KafkaProducer<String, String> producer;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry r) {
        r.add("spring.datasource.url", DB::jdbcUrl);
        r.add("spring.datasource.username", DB::username);
        r.add("spring.datasource.password", DB::password);
        r.add("spring.kafka.bootstrap-servers", KafkaTestBroker::bootstrapServers);
        r.add("nubo.metering.consumer.group-id", () -> "metering-test-" + UUID.randomUUID());
    }

    @BeforeAll
    static void producer() {
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaTestBroker.bootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class));
    }

    @AfterAll
    static void close() {
        producer.close();
        DB.close();
    }

    @LocalServerPort
    int port;
    @Autowired
    EventCodec codec;
    @Autowired
    JsonMapper json;
    @Autowired
    JdbcTemplate jdbc;

    private record Sent(String topic, String key, EventEnvelope envelope) {
    }

    private Sent event(String topic, String key, String type, NuboEvent payload, String project, Instant at) {
        JsonNode body = json.valueToTree(payload);
        return new Sent(topic, key, new EventEnvelope(UUID.randomUUID(), type, "1.0", at, "test", null, project, body));
    }

    /** 2 GiB image for 3 h (6 GiB-h); object store 1 GiB for 1 h then 2 GiB for 1 h (3 GiB-h). */
    private List<Sent> stream(String project) {
        String image = UUID.randomUUID().toString();
        String container = "AUTH_" + project + "/c";
        long gib = 1L << 30;
        return List.of(
                event(Topics.IMAGE, image, "image.activated", new ImageActivated(image, project, 2 * gib, "md5",
                        "sha512", "h", "qcow2", "bare", "file", T0), project, T0),
                event(Topics.IMAGE, image, "image.deleted", new ImageDeleted(image, project, 2 * gib,
                        T0.plusSeconds(3 * 3600)), project, T0.plusSeconds(3 * 3600)),
                event(Topics.OBJECT_STORE, container, "object-store.usage.changed", new ObjectStorageUsageChanged(
                        project, "AUTH_" + project, "c", "a", "object.created", gib, 1), project, T0),
                event(Topics.OBJECT_STORE, container, "object-store.usage.changed", new ObjectStorageUsageChanged(
                        project, "AUTH_" + project, "c", "b", "object.created", gib, 1), project,
                        T0.plusSeconds(3600)),
                event(Topics.OBJECT_STORE, container, "object-store.usage.changed", new ObjectStorageUsageChanged(
                        project, "AUTH_" + project, "c", null, "object.deleted", -2 * gib, -2), project,
                        T0.plusSeconds(7200)));
    }

    private void send(List<Sent> events) {
        for (Sent s : events) {
            producer.send(new ProducerRecord<>(s.topic(), s.key(), codec.toJson(s.envelope())));
        }
        producer.flush();
    }

    /** An event of a type the ledger does not know, after the others on the same partitions, and its arrival. */
    private void sendAndAwaitSentinels(List<Sent> events, String project) {
        List<Sent> sentinels = new ArrayList<>();
        events.stream().map(s -> List.of(s.topic(), s.key())).distinct().forEach(tk -> sentinels.add(new Sent(
                tk.get(0), tk.get(1), new EventEnvelope(UUID.randomUUID(), "test.unknown.kind", "1.0", T0, "test",
                null, project, json.readTree("{\"anything\": 1}")))));
        send(sentinels);
        for (Sent s : sentinels) {
            awaitEvent(s.envelope().eventId());
        }
    }

    private void awaitEvent(UUID id) {
        await().atMost(Duration.ofSeconds(60)).until(() -> jdbc.queryForObject(
                "SELECT COUNT(*) FROM metering_event WHERE event_id = ?", Integer.class, id.toString()) == 1);
    }

    private HttpResponse<String> call(String method, String path, String token, String body) throws Exception {
        return new RatingHttp(port).call(method, path, token, body);
    }

    private static final String ADMIN = TestTokens.project("admin-project", "admin");

    private String serviceWithFlatMapping(String name, String cost) throws Exception {
        HttpResponse<String> s = call("POST", "/v1/rating/module_config/hashmap/services", ADMIN,
                "{\"name\": \"" + name + "\"}");
        assertThat(s.statusCode()).isEqualTo(201);
        String id = json.readTree(s.body()).get("service_id").asString();
        HttpResponse<String> m = call("POST", "/v1/rating/module_config/hashmap/mappings", ADMIN,
                "{\"service_id\": \"" + id + "\", \"cost\": " + cost + ", \"type\": \"flat\"}");
        assertThat(m.statusCode()).isEqualTo(201);
        return id;
    }

    private String total(String project, String token) throws Exception {
        HttpResponse<String> r = call("GET", "/v1/report/total?tenant_id=" + project + "&" + PERIOD, token, null);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return r.body();
    }

    private JsonNode v2Summary(String project) throws Exception {
        HttpResponse<String> r = call("GET", "/v2/summary?groupby=type&filters=project_id:" + project + "&" + PERIOD,
                ADMIN, null);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return json.readTree(r.body());
    }

    private static Map<String, String> qtyByType(JsonNode summary) {
        Map<String, String> m = new java.util.TreeMap<>();
        for (JsonNode row : summary.get("results")) {
            m.put(row.get(4).asString(), row.get(2).asString() + " / " + row.get(3).asString());
        }
        return m;
    }

    @Test
    void aStreamGivesExactGibHoursAndCostAndReplayOrReverseOrderChangesNothing() throws Exception {
        serviceWithFlatMapping("image.size", "0.01");
        serviceWithFlatMapping("storage.objects.size", "0.02");

        String a = "pa" + UUID.randomUUID().toString().replace("-", "");
        List<Sent> streamA = stream(a);
        send(streamA);
        sendAndAwaitSentinels(streamA, a);
        for (Sent s : streamA) {
            awaitEvent(s.envelope().eventId());
        }
        Map<String, String> expected = Map.of("image.size", "6 / 0.06", "storage.objects.size", "3 / 0.06");
        assertThat(qtyByType(v2Summary(a))).isEqualTo(expected);
        assertThat(total(a, ADMIN)).isEqualTo("0.12");

        // replay: the same envelopes again change nothing
        send(streamA);
        sendAndAwaitSentinels(streamA, a);
        assertThat(qtyByType(v2Summary(a))).isEqualTo(expected);
        assertThat(total(a, ADMIN)).isEqualTo("0.12");

        // another project's identical stream, delivered backwards
        String b = "pb" + UUID.randomUUID().toString().replace("-", "");
        List<Sent> streamB = new ArrayList<>(stream(b));
        Collections.reverse(streamB);
        send(streamB);
        for (Sent s : streamB) {
            awaitEvent(s.envelope().eventId());
        }
        assertThat(qtyByType(v2Summary(b))).isEqualTo(expected);
        assertThat(total(b, ADMIN)).isEqualTo("0.12");

        // a project sees its own total, not another's; unknown event kinds were kept raw
        assertThat(total(a, TestTokens.project(a, "member"))).isEqualTo("0.12");
        HttpResponse<String> other = call("GET", "/v1/report/total?tenant_id=" + b + "&" + PERIOD,
                TestTokens.project(a, "member"), null);
        assertThat(other.statusCode()).isEqualTo(403);
        assertThat(other.body()).contains("\"faultcode\": \"Client\"");
        // the monthly statement, JSON and CSV, and a quote before anything exists
        JsonNode statement = json.readTree(call("GET", "/nubo/v1/projects/" + a + "/statements/2026-11",
                TestTokens.project(a, "member"), null).body());
        assertThat(statement.get("total").asString()).isEqualTo("0.12");
        assertThat(statement.get("lines")).hasSize(2);
        HttpResponse<String> csv = call("GET", "/nubo/v1/projects/" + a + "/statements/2026-11?format=csv", ADMIN,
                null);
        assertThat(csv.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/csv"));
        assertThat(csv.body()).startsWith("project_id,month,metric,resource_id,unit,qty,cost,currency\r\n")
                .contains(a + ",2026-11,image.size,").contains(",GiB,6,0.06,EUR\r\n")
                .endsWith(a + ",2026-11,total,,,,0.12,EUR\r\n");
        assertThat(call("GET", "/nubo/v1/projects/" + b + "/statements/2026-11", TestTokens.project(a, "member"),
                null).statusCode()).isEqualTo(403);
        assertThat(call("GET", "/nubo/v1/projects/" + a + "/statements/november", ADMIN, null).statusCode())
                .isEqualTo(400);
        HttpResponse<String> quote = call("POST", "/v1/rating/quote", TestTokens.project(a, "member"),
                "{\"resources\": [{\"service\": \"image.size\", \"desc\": {}, \"volume\": 2},"
                        + " {\"service\": \"storage.objects.size\", \"volume\": \"0.5\"}]}");
        assertThat(quote.statusCode()).as(quote.body()).isEqualTo(200);
        assertThat(quote.body()).isEqualTo("0.03");

        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM metering_event WHERE event_type = 'test.unknown.kind'"
                + " AND resource_key IS NULL AND project_id = ?", Integer.class, a)).isEqualTo(4);
    }
}
