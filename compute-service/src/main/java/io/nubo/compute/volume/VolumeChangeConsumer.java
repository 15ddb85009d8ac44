package io.nubo.compute.volume;

import io.nubo.shared.events.EventCodec;
import io.nubo.shared.events.EventEnvelope;
import io.nubo.shared.events.Topics;
import io.nubo.shared.events.blockstorage.VolumeResized;
import io.nubo.shared.outbox.InboxGuard;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Reads block storage's volume changes ({@link Topics#BLOCK_STORAGE}) once per cloud (one consumer group, each event
 * applied in one transaction with its inbox entry, so a redelivery is skipped). Only a resize matters here: an
 * attached volume that grew (microversion 3.42's in-use extend) has its guest's disk resized, which Cinder asks
 * of Nova with the {@code volume-extended} external event. The event, not an HTTP call, because it says what
 * changed and nobody waits for an answer: the outbox keeps it while compute is away.
 */
@Component
class VolumeChangeConsumer {

    static final String CONSUMER = "compute-api.volume-changes";
    private static final Logger log = LoggerFactory.getLogger(VolumeChangeConsumer.class);

    private final EventCodec codec;
    private final InboxGuard inbox;
    private final TransactionTemplate tx;
    private final VolumeExtensions extensions;

    VolumeChangeConsumer(EventCodec codec, InboxGuard inbox, PlatformTransactionManager tx,
                         VolumeExtensions extensions) {
        this.codec = codec;
        this.inbox = inbox;
        this.tx = new TransactionTemplate(tx);
        this.extensions = extensions;
    }

    @KafkaListener(id = "compute-api-volume-changes", topics = Topics.BLOCK_STORAGE, groupId = "compute-api-volumes",
            autoStartup = "${nubo.compute.consume-volume-changes:${nubo.compute.consume-agent-reports:true}}")
    void change(String json) {
        codec.decode(json, bad -> log.warn("Skipping an unreadable volume change: {}", bad.toString()))
                .ifPresent(this::apply);
    }

    private void apply(EventEnvelope e) {
        VolumeResized resized = codec.payload(e, VolumeResized.class);
        if (resized == null) {
            return;
        }
        tx.executeWithoutResult(s -> {
            if (!inbox.firstDelivery(e.eventId(), CONSUMER)) {
                return;
            }
            extensions.attachedServer(resized.volumeId()).ifPresent(i -> extensions.extend(i, resized.volumeId(),
                    resized.newSizeGb(), resized.projectId(), i.userId()));
        });
    }
}
