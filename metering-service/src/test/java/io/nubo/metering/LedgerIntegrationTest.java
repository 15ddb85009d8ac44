package io.nubo.metering;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.nubo.shared.events.EventCodec;
import io.nubo.shared.events.EventEnvelope;
import io.nubo.shared.events.ImageActivated;
import io.nubo.shared.events.ImageDeleted;
import io.nubo.shared.events.NuboEvent;
import io.nubo.shared.events.InstanceCreated;
import io.nubo.shared.events.InstanceDeleted;
import io.nubo.shared.events.InstanceStarted;
import io.nubo.shared.events.InstanceStopped;
import io.nubo.shared.events.blockstorage.SnapshotCreated;
import io.nubo.shared.events.blockstorage.SnapshotDeleted;
import io.nubo.shared.events.blockstorage.VolumeCreated;
import io.nubo.shared.events.blockstorage.VolumeDeleted;
import io.nubo.shared.events.blockstorage.VolumeResized;
import io.nubo.shared.events.compute.FlavorSpec;
import io.nubo.shared.events.network.FloatingIpAssociated;
import io.nubo.shared.events.network.FloatingIpDisassociated;
import io.nubo.shared.events.network.RouterGatewayCleared;
import io.nubo.shared.events.network.RouterGatewaySet;
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

    @Autowired
    org.springframework.kafka.config.KafkaListenerEndpointRegistry listeners;

    /** The ledger's consumer holds a partition of every topic it reads (the group has settled). */
    private void awaitLedgerAssigned() {
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            var container = listeners.getListenerContainer("metering-ledger");
            var assigned = container == null ? null : container.getAssignedPartitions();
            return assigned != null && assigned.stream().map(tp -> tp.topic()).distinct().count() == 6;
        });
    }

    private void send(List<Sent> events) {
        if (events.isEmpty()) {
            return;
        }
        awaitLedgerAssigned();
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

    @Autowired
    io.nubo.metering.ledger.Ledger ledger;

    /** One container's usage events, a second apart: mostly object PUTs, every fifth a DELETE. */
    private List<EventEnvelope> containerStream(String project, int n) {
        List<EventEnvelope> events = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            boolean delete = i % 5 == 4;
            Instant at = T0.plusSeconds(i);
            events.add(event(Topics.OBJECT_STORE, "AUTH_" + project + "/c", "object-store.usage.changed",
                    new ObjectStorageUsageChanged(project, "AUTH_" + project, "c", "o" + i,
                            delete ? "object.deleted" : "object.created", delete ? -4096 : 4096, delete ? -1 : 1),
                    project, at).envelope());
        }
        return events;
    }

    private List<String> shape(String project) {
        return ledger.intervals(T0.minusSeconds(3600), T0.plusSeconds(86_400), project).stream()
                .map(i -> i.metric() + " " + i.level().toPlainString() + " " + i.begin() + " " + i.end()).toList();
    }

    /**
     * Concurrent writers commit a few milliseconds out of the order of their timestamps, so a busy container's
     * events arrive late in bulk: applied in batches (as the consumer does), with each event up to 15 places out of
     * order, they give the intervals of the same events applied one by one in order.
     */
    @Test
    void lateEventsInBatchesGiveTheIntervalsOfTheInOrderStream() {
        String inOrder = "pi" + UUID.randomUUID().toString().replace("-", "");
        String late = "pl" + UUID.randomUUID().toString().replace("-", "");
        int n = 600;
        for (EventEnvelope e : containerStream(inOrder, n)) {
            ledger.record(e);
        }
        List<EventEnvelope> shuffled = new ArrayList<>(containerStream(late, n));
        java.util.Random random = new java.util.Random(14);
        for (int i = 0; i < shuffled.size(); i++) {
            Collections.swap(shuffled, i, Math.min(shuffled.size() - 1, i + random.nextInt(16)));
        }
        long started = System.nanoTime();
        for (int from = 0; from < n; from += 100) {
            assertThat(ledger.recordAll(shuffled.subList(from, from + 100))).isEqualTo(100);
        }
        System.out.printf("%d late container events in batches of 100 applied in %d ms%n", n,
                (System.nanoTime() - started) / 1_000_000);
        List<String> expected = shape(inOrder);
        assertThat(expected).as("the in-order stream's intervals").hasSizeGreaterThan(n / 2);
        assertThat(shape(late)).isEqualTo(expected);
        // the same batches again are all seen before and change nothing
        for (int from = 0; from < n; from += 100) {
            assertThat(ledger.recordAll(shuffled.subList(from, from + 100))).isZero();
        }
        assertThat(shape(late)).isEqualTo(expected);
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
    /**
     * Compute, block storage and network: an m1 instance launched at T0, stopped 1 h later, started again at 2 h,
     * terminated at 4 h (4 instance-hours: stopped time counts, as os-simple-tenant-usage counts it; the state splits
     * the intervals); a 10 GiB volume grown to 20 GiB after 1 h and deleted at 2 h (30 GiB-h); a 10 GiB snapshot
     * for 30 min (5 GiB-h); a floating IP associated for 2 h; a router gateway for 3 h. The times are the payloads'
     * own (launched_at, terminated_at, created_at...), not the envelopes', which here are all an hour late.
     */
    private List<Sent> computeVolumeNetworkStream(String project) {
        String vm = UUID.randomUUID().toString();
        String vol = UUID.randomUUID().toString();
        String snap = UUID.randomUUID().toString();
        String fip = UUID.randomUUID().toString();
        String router = UUID.randomUUID().toString();
        FlavorSpec m1 = new FlavorSpec("m1", "m1.small", 2, 2048, 20, 0, 0, Map.of());
        Instant late = T0.plusSeconds(24 * 3600);
        java.util.function.Function<Integer, Instant> h = m -> T0.plusSeconds(m * 60L);
        return List.of(
                event(Topics.COMPUTE, vm, "compute.instance.created", new InstanceCreated(vm, project, "u", "vm",
                        "host-1", "nova", m1, "img", h.apply(0), h.apply(0)), project, late),
                event(Topics.COMPUTE, vm, "compute.instance.stopped", new InstanceStopped(vm, project, "u", "vm",
                        "host-1", "nova", m1, "img", h.apply(0), h.apply(60)), project, late),
                event(Topics.COMPUTE, vm, "compute.instance.started", new InstanceStarted(vm, project, "u", "vm",
                        "host-1", "nova", m1, "img", h.apply(0), h.apply(120)), project, late),
                event(Topics.COMPUTE, vm, "compute.instance.deleted", new InstanceDeleted(vm, project, "u", "vm",
                        "host-1", "nova", m1, "img", h.apply(0), h.apply(240)), project, late),
                event(Topics.BLOCK_STORAGE, vol, "block-storage.volume.created", new VolumeCreated(vol, project, "u",
                        10, "type-1", "file", "nova", h.apply(0)), project, late),
                event(Topics.BLOCK_STORAGE, vol, "block-storage.volume.resized", new VolumeResized(vol, project, 10,
                        20, h.apply(60)), project, late),
                event(Topics.BLOCK_STORAGE, vol, "block-storage.volume.deleted", new VolumeDeleted(vol, project, 20,
                        h.apply(120)), project, late),
                event(Topics.BLOCK_STORAGE, vol, "block-storage.snapshot.created", new SnapshotCreated(snap, vol,
                        project, 10, h.apply(10)), project, late),
                event(Topics.BLOCK_STORAGE, vol, "block-storage.snapshot.deleted", new SnapshotDeleted(snap, vol,
                        project, 10, h.apply(40)), project, late),
                event(Topics.NETWORK, fip, "network.floatingip.associated", new FloatingIpAssociated(fip, project,
                        "ext", "203.0.113.5", "port", "10.0.0.5", router, h.apply(30)), project, late),
                event(Topics.NETWORK, fip, "network.floatingip.disassociated", new FloatingIpDisassociated(fip,
                        project, "ext", "203.0.113.5", "port", "10.0.0.5", router, h.apply(150)), project, late),
                event(Topics.NETWORK, router, "network.router.gateway_set", new RouterGatewaySet(router, project,
                        "ext", "gw-port", true, List.of(), h.apply(0)), project, late),
                event(Topics.NETWORK, router, "network.router.gateway_cleared", new RouterGatewayCleared(router,
                        project, "ext", h.apply(180)), project, late));
    }

    @Test
    void instancesVolumesSnapshotsFloatingIpsAndGatewaysAreChargedFromTheirOwnEventsInAnyOrder() throws Exception {
        // the operator: service `instance`, a field flavor_id, a mapping for flavor m1
        HttpResponse<String> s = call("POST", "/v1/rating/module_config/hashmap/services", ADMIN,
                "{\"name\": \"instance\"}");
        assertThat(s.statusCode()).as(s.body()).isEqualTo(201);
        String serviceId = json.readTree(s.body()).get("service_id").asString();
        HttpResponse<String> f = call("POST", "/v1/rating/module_config/hashmap/fields", ADMIN,
                "{\"service_id\": \"" + serviceId + "\", \"name\": \"flavor_id\"}");
        assertThat(f.statusCode()).as(f.body()).isEqualTo(201);
        String fieldId = json.readTree(f.body()).get("field_id").asString();
        HttpResponse<String> m = call("POST", "/v1/rating/module_config/hashmap/mappings", ADMIN,
                "{\"field_id\": \"" + fieldId + "\", \"value\": \"m1\", \"cost\": \"0.5\", \"type\": \"flat\"}");
        assertThat(m.statusCode()).as(m.body()).isEqualTo(201);
        serviceWithFlatMapping("volume.size", "0.01");
        serviceWithFlatMapping("volume.snapshot.size", "0.02");
        serviceWithFlatMapping("ip.floating", "0.1");
        serviceWithFlatMapping("network.router.gateway", "0.2");
        Map<String, String> expected = Map.of("instance", "4 / 2", "volume.size", "30 / 0.3",
                "volume.snapshot.size", "5 / 0.1", "ip.floating", "2 / 0.2", "network.router.gateway", "3 / 0.6");

        String a = "pc" + UUID.randomUUID().toString().replace("-", "");
        List<Sent> stream = computeVolumeNetworkStream(a);
        send(stream);
        for (Sent x : stream) {
            awaitEvent(x.envelope().eventId());
        }
        assertThat(qtyByType(v2Summary(a))).isEqualTo(expected);
        assertThat(total(a, ADMIN)).isEqualTo("3.2");

        String b = "pd" + UUID.randomUUID().toString().replace("-", "");
        List<Sent> backwards = new ArrayList<>(computeVolumeNetworkStream(b));
        Collections.reverse(backwards);
        send(backwards);
        send(backwards);
        for (Sent x : backwards) {
            awaitEvent(x.envelope().eventId());
        }
        assertThat(qtyByType(v2Summary(b))).isEqualTo(expected);
        assertThat(total(b, ADMIN)).isEqualTo("3.2");
    }
}
