package io.nubo.shared.security;

import io.nubo.shared.events.EventCodec;
import io.nubo.shared.events.EventEnvelope;
import io.nubo.shared.events.Topics;
import io.nubo.shared.events.TokenRevoked;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Reads the whole revocation topic from its beginning into the {@link RevocationList}, then follows it.
 * It uses no consumer group: every instance of every service needs every revocation, and a restarted
 * instance rebuilds its list from the topic (whose retention outlives the longest token).
 */
public class RevocationFeed implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(RevocationFeed.class);
    private static final String REVOKED = EventCodec.contractOf(TokenRevoked.class).type();

    private final Map<String, Object> consumerConfig;
    private final RevocationList revocations;
    private final EventCodec codec;
    private volatile boolean running;
    private volatile KafkaConsumer<String, String> consumer;
    private Thread thread;

    public RevocationFeed(Map<String, Object> kafkaConsumerConfig, RevocationList revocations, EventCodec codec) {
        Map<String, Object> c = new HashMap<>(kafkaConsumerConfig);
        c.remove(ConsumerConfig.GROUP_ID_CONFIG);
        c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        c.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        c.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        this.consumerConfig = c;
        this.revocations = revocations;
        this.codec = codec;
    }

    private void loop() {
        while (running) {
            try (KafkaConsumer<String, String> c = new KafkaConsumer<>(consumerConfig)) {
                consumer = c;
                List<TopicPartition> partitions = awaitPartitions(c);
                if (partitions.isEmpty()) {
                    continue;
                }
                c.assign(partitions);
                c.seekToBeginning(partitions);
                Map<TopicPartition, Long> end = c.endOffsets(partitions);
                while (running) {
                    ConsumerRecords<String, String> records = c.poll(Duration.ofMillis(500));
                    for (ConsumerRecord<String, String> r : records) {
                        apply(r.value());
                    }
                    if (!revocations.caughtUp() && partitions.stream().allMatch(p -> c.position(p) >= end.get(p))) {
                        revocations.markCaughtUp();
                        log.info("Revocation list caught up: {} revocations in force", revocations.size());
                    }
                }
            } catch (WakeupException stopping) {
                return;
            } catch (RuntimeException e) {
                log.warn("Revocation feed interrupted, reconnecting: {}", e.toString());
                sleep(2_000);
            }
        }
    }

    private List<TopicPartition> awaitPartitions(KafkaConsumer<String, String> c) {
        while (running) {
            try {
                List<PartitionInfo> infos = c.partitionsFor(Topics.IDENTITY_REVOCATIONS, Duration.ofSeconds(5));
                if (infos != null && !infos.isEmpty()) {
                    return infos.stream().map(i -> new TopicPartition(i.topic(), i.partition()))
                            .collect(Collectors.toList());
                }
            } catch (org.apache.kafka.common.errors.TimeoutException e) {
                log.debug("Revocation topic not reachable yet");
            }
            sleep(1_000);
        }
        return List.of();
    }

    /**
     * Adds the revocation one record carries. A record that cannot be read is logged and skipped, and the feed goes
     * on: a skipped revocation leaves the tokens it revokes valid, but stopping on it would be worse, not safer. The
     * record stays on the topic for as long as the tokens live and the feed reads the topic from its beginning at
     * every (re)connect, so it would stop on the same record every time: at start-up the instance would never catch up
     * and stay out of service; later, every revocation behind that record would never be applied either. Neither can
     * the record be applied in part: what cannot be read does not say whose tokens it revokes. A revocation whose
     * payload cannot be read is logged as an error with its event id, for an operator to look into.
     */
    void apply(String json) {
        codec.decode(json, bad -> log.error("Skipping a record on {} that is not an event envelope: {}",
                Topics.IDENTITY_REVOCATIONS, bad.toString())).ifPresent(this::apply);
    }

    private void apply(EventEnvelope envelope) {
        if (!REVOKED.equals(envelope.eventType())) {
            return;
        }
        TokenRevoked r;
        try {
            r = codec.payload(envelope, TokenRevoked.class);
            if (r == null) {
                throw new IllegalArgumentException("a revocation without payload");
            }
        } catch (RuntimeException e) {
            log.error("Revocation {} cannot be read and is not applied: the tokens it revokes stay valid ({})",
                    envelope.eventId(), e.toString());
            return;
        }
        revocations.add(r);
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void start() {
        running = true;
        thread = new Thread(this::loop, "revocation-feed");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void stop() {
        running = false;
        KafkaConsumer<String, String> c = consumer;
        if (c != null) {
            c.wakeup();
        }
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
}
