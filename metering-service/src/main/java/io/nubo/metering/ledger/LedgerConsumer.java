package io.nubo.metering.ledger;

import io.nubo.shared.events.EventCodec;
import io.nubo.shared.events.EventEnvelope;
import io.nubo.shared.events.Topics;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Reads every service's event topic in the consumer group {@code nubo.metering.consumer.group-id}: several
 * metering instances share the partitions, and a restarted one goes on from the group's committed offsets. The
 * offset is committed after the ledger's transaction, so a crash in between redelivers, and the inbox makes the
 * redelivery a no-op. Records come in batches applied in one transaction (one commit per poll, not per event);
 * should one of them fail, the batch is applied again one transaction per event, so only that one is lost (logged).
 * A record that is not an event envelope is logged and skipped.
 */
@Component
class LedgerConsumer {

    private static final Logger log = LoggerFactory.getLogger(LedgerConsumer.class);

    private final Ledger ledger;
    private final EventCodec codec;

    LedgerConsumer(Ledger ledger, EventCodec codec) {
        this.ledger = ledger;
        this.codec = codec;
    }

    @KafkaListener(id = "metering-ledger", groupId = "${nubo.metering.consumer.group-id:metering}",
            autoStartup = "${nubo.metering.consumer.enabled:true}", batch = "true",
            topics = {Topics.IDENTITY, Topics.IMAGE, Topics.OBJECT_STORE, Topics.COMPUTE, Topics.BLOCK_STORAGE,
                    Topics.NETWORK})
    void onEvents(List<ConsumerRecord<String, String>> records) {
        List<EventEnvelope> envelopes = new ArrayList<>(records.size());
        for (ConsumerRecord<String, String> r : records) {
            EventEnvelope e = envelope(r);
            if (e != null) {
                envelopes.add(e);
            }
        }
        try {
            ledger.recordAll(envelopes);
        } catch (RuntimeException batchFailed) {
            log.warn("A batch of {} events failed ({}); applying them one by one", envelopes.size(),
                    batchFailed.toString());
            for (EventEnvelope e : envelopes) {
                try {
                    ledger.record(e);
                } catch (RuntimeException failed) {
                    log.error("Event {} of type {} could not be applied and is skipped", e.eventId(), e.eventType(),
                            failed);
                }
            }
        }
    }

    private EventEnvelope envelope(ConsumerRecord<String, String> record) {
        EventEnvelope envelope = codec.decode(record.value(), bad -> log.warn(
                "Skipping a record on {} that is not an event envelope: {}", record.topic(), bad.toString()))
                .orElse(null);
        if (envelope != null && (envelope.eventId() == null || envelope.eventType() == null)) {
            log.warn("Skipping an envelope on {} without event id or type", record.topic());
            return null;
        }
        return envelope;
    }
}
