package io.nubo.shared.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.nubo.shared.events.EventCodec;
import io.nubo.shared.events.EventEnvelope;
import io.nubo.shared.events.TokenRevoked;
import io.nubo.shared.events.Topics;
import io.nubo.testsupport.KafkaTestBroker;
import io.nubo.testsupport.PostgresTestDatabase;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * The transactional outbox against the real things: PostgreSQL and Kafka's own broker. An event exists only if its
 * transaction commits; while Kafka is away it waits in the table; once Kafka is back it is delivered, in order,
 * exactly once by the relay; and a consumer that sees it twice applies it once.
 */
@Tag("integration")
class OutboxRelayIntegrationTest {

    static PostgresTestDatabase db;
    static JdbcTemplate jdbc;
    static TransactionTemplate tx;
    static final EventCodec CODEC = new EventCodec(JsonMapper.builder().build(), "test");

    @BeforeAll
    static void schema() throws Exception {
        db = PostgresTestDatabase.create("outbox");
        DriverManagerDataSource ds = new DriverManagerDataSource(db.jdbcUrl(), db.username(), db.password());
        jdbc = new JdbcTemplate(ds);
        tx = new TransactionTemplate(new DataSourceTransactionManager(ds));
        String ddl = new String(new ClassPathResource("db/shared/V1__nubo_outbox_and_inbox.sql").getInputStream()
                .readAllBytes(), StandardCharsets.UTF_8);
        for (String statement : ddl.replaceAll("(?m)^--.*$", "").split(";")) {
            if (!statement.isBlank()) {
                jdbc.execute(statement);
            }
        }
    }

    @AfterAll
    static void drop() {
        db.close();
    }

    static KafkaTemplate<String, String> kafka(String servers) {
        return new KafkaTemplate<>(new DefaultKafkaProducerFactory<>(Map.of("bootstrap.servers", servers,
                "max.block.ms", 1000, "request.timeout.ms", 1000, "delivery.timeout.ms", 2000,
                "acks", "all"), new StringSerializer(), new StringSerializer()));
    }

    static OutboxProperties props() {
        return new OutboxProperties(true, Duration.ofSeconds(1), Duration.ofSeconds(5), Duration.ofSeconds(5),
                Duration.ofDays(1), "test");
    }

    /** Every record of the revocation topic, read from its start to its end now. */
    static List<ConsumerRecord<String, String>> revocationTopic() {
        List<ConsumerRecord<String, String>> all = new ArrayList<>();
        try (KafkaConsumer<String, String> c = new KafkaConsumer<>(Map.of("bootstrap.servers",
                KafkaTestBroker.bootstrapServers()), new StringDeserializer(), new StringDeserializer())) {
            TopicPartition tp = new TopicPartition(Topics.IDENTITY_REVOCATIONS, 0);
            c.assign(List.of(tp));
            c.seekToBeginning(List.of(tp));
            long end = c.endOffsets(List.of(tp)).get(tp);
            long deadline = System.currentTimeMillis() + 30_000;
            while (c.position(tp) < end && System.currentTimeMillis() < deadline) {
                c.poll(Duration.ofMillis(500)).forEach(all::add);
            }
        }
        return all;
    }

    static TokenRevoked revocation(String audit) {
        return new TokenRevoked(audit, null, null, null, null, Instant.now(), Instant.now());
    }

    @Test
    void eventsWaitWhileKafkaIsAwayAndAreDeliveredOnceInOrderWhenItIsBack() throws Exception {
        OutboxRelay offline = new OutboxRelay(jdbc, tx, kafka("127.0.0.1:" + KafkaTestBroker.freePort()), props(),
                true);
        EventPublisher publisher = new EventPublisher(jdbc, CODEC, offline);

        List<String> ids = new ArrayList<>();
        for (String audit : List.of("first", "second", "third")) {
            ids.add(tx.execute(s -> publisher.publish(revocation(audit), audit, null)).eventId().toString());
        }
        tx.executeWithoutResult(s -> {
            publisher.publish(revocation("rolled-back"), "rolled-back", null);
            s.setRollbackOnly();
        });
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM nubo_outbox WHERE envelope LIKE '%rolled-back%'",
                Integer.class)).as("a rolled-back change leaves no event").isZero();

        assertThat(offline.relayPending()).as("nothing can be sent while Kafka is away").isZero();
        assertThat(offline.pendingCount()).isEqualTo(3);
        assertThat(jdbc.queryForObject("SELECT last_error FROM nubo_outbox WHERE published_at IS NULL ORDER BY id LIMIT 1",
                String.class))
                .isNotBlank();

        OutboxRelay online = new OutboxRelay(jdbc, tx, kafka(KafkaTestBroker.bootstrapServers()), props(), true);
        assertThat(online.relayPending()).isEqualTo(3);
        assertThat(online.pendingCount()).isZero();
        assertThat(online.relayPending()).as("published rows are not sent again").isZero();

        List<String> delivered = new ArrayList<>();
        for (ConsumerRecord<String, String> r : revocationTopic()) {
            EventEnvelope e = CODEC.fromJson(r.value());
            if (ids.contains(e.eventId().toString())) {
                delivered.add(e.eventId().toString());
                assertThat(e.eventType()).isEqualTo("identity.token.revoked");
                assertThat(r.key()).isEqualTo(CODEC.payload(e, TokenRevoked.class).auditId());
            }
        }
        assertThat(delivered).containsExactlyElementsOf(ids);
    }

    /**
     * Two instances of a service share its outbox: with both relays running over a backlog and over new writes,
     * every event reaches Kafka exactly once and in the order it was written.
     */
    @Test
    void twoRelaysOverOneOutboxPublishEveryEventOnceInOrder() throws Exception {
        OutboxRelay first = new OutboxRelay(jdbc, tx, kafka(KafkaTestBroker.bootstrapServers()), props(), true);
        OutboxRelay second = new OutboxRelay(jdbc, tx, kafka(KafkaTestBroker.bootstrapServers()), props(), true);
        EventPublisher viaFirst = new EventPublisher(jdbc, CODEC, first);
        EventPublisher viaSecond = new EventPublisher(jdbc, CODEC, second);
        List<String> ids = new ArrayList<>();
        String run = java.util.UUID.randomUUID().toString();
        for (int i = 0; i < 450; i++) { // a backlog of several batches, waiting before either relay runs
            String audit = run + "-" + i;
            ids.add(tx.execute(s -> viaFirst.publish(revocation(audit), audit, null)).eventId().toString());
        }
        first.start();
        second.start();
        try {
            for (int i = 450; i < 600; i++) { // and new writes on both instances while both relay
                String audit = run + "-" + i;
                EventPublisher p = i % 2 == 0 ? viaFirst : viaSecond;
                ids.add(tx.execute(s -> p.publish(revocation(audit), audit, null)).eventId().toString());
            }
            long deadline = System.currentTimeMillis() + 60_000;
            while (first.pendingCount() > 0 && System.currentTimeMillis() < deadline) {
                Thread.sleep(200);
            }
            assertThat(first.pendingCount()).as("every row was relayed").isZero();
        } finally {
            first.stop();
            second.stop();
        }

        List<String> delivered = revocationTopic().stream().map(r -> CODEC.fromJson(r.value()).eventId().toString())
                .filter(ids::contains).toList();
        assertThat(delivered).as("each event exactly once, in the order written").containsExactlyElementsOf(ids);
    }

    @Test
    void aConsumerAppliesARedeliveredEventOnce() {
        InboxGuard inbox = new InboxGuard(jdbc);
        java.util.UUID id = java.util.UUID.randomUUID();
        assertThat(tx.<Boolean>execute(s -> inbox.firstDelivery(id, "compute"))).isTrue();
        assertThat(tx.<Boolean>execute(s -> inbox.firstDelivery(id, "compute"))).isFalse();
        assertThat(tx.<Boolean>execute(s -> inbox.firstDelivery(id, "image"))).as("each consumer keeps its own record").isTrue();
    }
}
