package io.nubo.shared.outbox;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Moves committed outbox rows to Kafka, in id order, and marks them published. Runs on one thread per service
 * instance; woken right after a commit that wrote an event, and polling otherwise. When Kafka is away a row
 * stays pending and is retried with back-off, so no event is lost; delivery is at-least-once, which is why
 * consumers de-duplicate by event id ({@link InboxGuard}).
 *
 * <p>Several instances of one service share its outbox. On PostgreSQL a batch is relayed only by the instance that
 * holds the transaction-scoped advisory lock {@link #RELAY_LOCK}; the others skip the round, so rows go out once
 * and in id order however many instances run (rows locked with {@code SKIP LOCKED} instead would be published by
 * two relays at once, and a later event of an aggregate could overtake an earlier one).
 */
public class OutboxRelay implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);
    private static final int BATCH = 100;
    /** The advisory lock key of a service's relay (each service has its own database). */
    static final long RELAY_LOCK = 0x6e75626f6f7574L;

    private record Pending(long id, String eventId, String topic, String key, String envelope) {
    }

    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final KafkaTemplate<String, String> kafka;
    private final OutboxProperties properties;
    private final boolean postgres;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition wake = lock.newCondition();
    private volatile boolean woken;
    private volatile boolean running;
    private Thread thread;

    public OutboxRelay(JdbcTemplate jdbc, TransactionTemplate tx, KafkaTemplate<String, String> kafka,
                       OutboxProperties properties, boolean postgres) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.kafka = kafka;
        this.properties = properties;
        this.postgres = postgres;
    }

    public void wakeUp() {
        lock.lock();
        try {
            woken = true;
            wake.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Relays what is pending now; returns how many rows were published. Public for tests and shutdown. */
    public int relayPending() {
        Integer sent = tx.execute(status -> {
            if (postgres && !Boolean.TRUE.equals(jdbc.queryForObject("SELECT pg_try_advisory_xact_lock(?)",
                    Boolean.class, RELAY_LOCK))) {
                return 0; // another instance is relaying right now
            }
            List<Pending> batch = jdbc.query(selectPending(), (rs, i) -> new Pending(rs.getLong("id"),
                    rs.getString("event_id"), rs.getString("topic"), rs.getString("message_key"),
                    rs.getString("envelope")), BATCH);
            // The whole batch goes to the producer before any acknowledgement is awaited: one round trip (and one
            // linger) per batch instead of one per event. Order holds: the producer is idempotent (acks=all,
            // enable.idempotence, at most 5 requests in flight), so within a partition a record is written only
            // after every earlier one, and a later record never lands when an earlier one of its partition failed.
            List<CompletableFuture<?>> sends = new ArrayList<>(batch.size());
            Exception failure = null;
            for (Pending p : batch) {
                try {
                    CompletableFuture<?> f = kafka.send(new ProducerRecord<>(p.topic(), p.key(), p.envelope()));
                    sends.add(f);
                    if (f.isCompletedExceptionally()) {
                        break; // Kafka is away (no metadata within max.block.ms): the rest would wait as long
                    }
                } catch (RuntimeException e) {
                    failure = e;
                    break;
                }
            }
            long deadline = System.nanoTime() + properties.sendTimeout().toNanos();
            List<Object[]> published = new ArrayList<>(sends.size());
            Timestamp now = Timestamp.from(Instant.now());
            for (int i = 0; i < sends.size(); i++) {
                try {
                    sends.get(i).get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                    published.add(new Object[] {now, batch.get(i).id()});
                } catch (Exception e) {
                    if (e instanceof InterruptedException) {
                        Thread.currentThread().interrupt();
                    }
                    failure = e;
                    break;
                }
            }
            // a row sent but not acknowledged in time (after the first failure) stays pending and goes again:
            // delivery is at-least-once, and consumers de-duplicate by event id
            if (!published.isEmpty()) {
                jdbc.batchUpdate("UPDATE nubo_outbox SET published_at = ?, attempts = attempts + 1, last_error = NULL "
                        + "WHERE id = ?", published);
            }
            int n = published.size();
            if (failure != null && n < batch.size()) {
                Pending p = batch.get(n);
                String reason = failure.getCause() != null ? failure.getCause().toString() : failure.toString();
                jdbc.update("UPDATE nubo_outbox SET attempts = attempts + 1, last_error = ? WHERE id = ?",
                        reason.length() > 1000 ? reason.substring(0, 1000) : reason, p.id());
                log.warn("Outbox relay could not publish event {} to {} (will retry): {}", p.eventId(), p.topic(),
                        reason);
            }
            return n;
        });
        return sent == null ? 0 : sent;
    }

    /** Rows still waiting for Kafka. */
    public long pendingCount() {
        Long n = jdbc.queryForObject("SELECT COUNT(*) FROM nubo_outbox WHERE published_at IS NULL", Long.class);
        return n == null ? 0 : n;
    }

    private String selectPending() {
        return "SELECT id, event_id, topic, message_key, envelope FROM nubo_outbox WHERE published_at IS NULL "
                + "ORDER BY id LIMIT ? FOR UPDATE";
    }

    private void purgePublished() {
        Instant cutoff = Instant.now().minus(properties.retention());
        jdbc.update("DELETE FROM nubo_outbox WHERE published_at IS NOT NULL AND published_at < ?",
                Timestamp.from(cutoff));
    }

    private void loop() {
        Duration backoff = properties.pollInterval();
        long lastPurge = 0;
        while (running) {
            try {
                int sent;
                do {
                    sent = relayPending();
                } while (sent == BATCH && running);
                backoff = properties.pollInterval();
                if (System.currentTimeMillis() - lastPurge > 3_600_000L) {
                    purgePublished();
                    lastPurge = System.currentTimeMillis();
                }
                if (pendingCount() > 0) {
                    backoff = properties.maxBackoff();
                }
            } catch (RuntimeException e) {
                log.warn("Outbox relay failed, will retry: {}", e.toString());
                backoff = properties.maxBackoff();
            }
            await(backoff);
        }
    }

    private void await(Duration d) {
        lock.lock();
        try {
            if (!woken && running) {
                wake.await(d.toMillis(), TimeUnit.MILLISECONDS);
            }
            woken = false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void start() {
        running = true;
        thread = new Thread(this::loop, "outbox-relay-" + properties.threadSuffix());
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void stop() {
        running = false;
        wakeUp();
        if (thread != null) {
            try {
                thread.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        // stop before Kafka producers and the datasource go away
        return Integer.MAX_VALUE - 100;
    }
}
