package io.nubo.shared.outbox;

import io.nubo.shared.events.EventCodec;
import io.nubo.shared.events.EventContract;
import io.nubo.shared.events.EventEnvelope;
import io.nubo.shared.events.NuboEvent;
import io.nubo.shared.web.RequestIds;
import java.sql.Timestamp;
import java.time.Instant;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Publishes an event the only way Nubo does: by writing it to the outbox table inside the caller's
 * transaction. If the transaction rolls back, the event never existed; if it commits, the relay
 * delivers it to Kafka, however long Kafka is away.
 */
public class EventPublisher {

    private final JdbcTemplate jdbc;
    private final EventCodec codec;
    private final OutboxRelay relay;

    /** @param relay the relay to wake after commit, or null when relaying is off (rows then wait in the table) */
    public EventPublisher(JdbcTemplate jdbc, EventCodec codec, OutboxRelay relay) {
        this.jdbc = jdbc;
        this.codec = codec;
        this.relay = relay;
    }

    /**
     * @param event     the event record
     * @param key       the Kafka message key (the aggregate id), which keeps one aggregate's events in order
     * @param projectId the project the change belongs to, or null
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public EventEnvelope publish(NuboEvent event, String key, String projectId) {
        EventContract contract = EventCodec.contractOf(event.getClass());
        EventEnvelope envelope = codec.envelope(event, RequestIds.current(), projectId);
        jdbc.update("INSERT INTO nubo_outbox (event_id, topic, message_key, envelope, created_at, attempts) "
                        + "VALUES (?, ?, ?, ?, ?, 0)",
                envelope.eventId().toString(), contract.topic(), key, codec.toJson(envelope),
                Timestamp.from(Instant.now()));
        if (relay != null && TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    relay.wakeUp();
                }
            });
        }
        return envelope;
    }
}
