package io.nubo.shared.outbox;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Makes a Kafka consumer idempotent: call {@link #firstDelivery} in the transaction that applies the event;
 * it records the event id and answers false for a redelivery, which the consumer then skips.
 */
public class InboxGuard {

    private final JdbcTemplate jdbc;

    public InboxGuard(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public boolean firstDelivery(UUID eventId, String consumer) {
        Integer seen = jdbc.queryForObject("SELECT COUNT(*) FROM nubo_inbox WHERE event_id = ? AND consumer = ?",
                Integer.class, eventId.toString(), consumer);
        if (seen != null && seen > 0) {
            return false;
        }
        try {
            jdbc.update("INSERT INTO nubo_inbox (event_id, consumer, processed_at) VALUES (?, ?, ?)",
                    eventId.toString(), consumer, Timestamp.from(Instant.now()));
            return true;
        } catch (DuplicateKeyException concurrent) {
            return false;
        }
    }
}
