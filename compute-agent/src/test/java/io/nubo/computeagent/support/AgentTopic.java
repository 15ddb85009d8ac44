package io.nubo.computeagent.support;

import io.nubo.shared.events.EventCodec;
import io.nubo.shared.events.EventEnvelope;
import io.nubo.shared.events.NuboEvent;
import io.nubo.shared.events.Topics;
import io.nubo.shared.events.compute.ComputeCommand;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import tools.jackson.databind.json.JsonMapper;

/**
 * The compute API's side of the two topics, for tests of whole agents: sends commands keyed by instance id and
 * collects every report the agents publish, from a thread of its own, from the start.
 */
public final class AgentTopic implements AutoCloseable {

    public final EventCodec codec = new EventCodec(new JsonMapper(), "compute");
    private final KafkaProducer<String, String> producer;
    private final List<EventEnvelope> reports = new CopyOnWriteArrayList<>();
    private final Thread reader;
    private final Object arrived = new Object();
    private volatile boolean running = true;

    public AgentTopic(String bootstrap) {
        producer = new KafkaProducer<>(Map.of("bootstrap.servers", bootstrap), new StringSerializer(),
                new StringSerializer());
        KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of("bootstrap.servers", bootstrap,
                "group.id", "test-" + UUID.randomUUID(), "auto.offset.reset", "earliest"),
                new StringDeserializer(), new StringDeserializer());
        consumer.subscribe(List.of(Topics.COMPUTE_AGENT));
        reader = new Thread(() -> {
            try (consumer) {
                while (running) {
                    for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                        reports.add(codec.fromJson(r.value()));
                    }
                    synchronized (arrived) {
                        arrived.notifyAll();
                    }
                }
            }
        }, "agent-topic-reader");
        reader.setDaemon(true);
        reader.start();
    }

    public void send(ComputeCommand command) throws Exception {
        producer.send(new ProducerRecord<>(Topics.COMPUTE_COMMANDS, command.instanceId(),
                codec.toJson(codec.envelope(command, command.actionId(), "proj-1")))).get();
    }

    /** The reports of type {@code type} seen so far that {@code which} accepts. */
    public <T extends NuboEvent> List<T> reports(Class<T> type, Predicate<T> which) {
        return reports.stream().map(e -> codec.payload(e, type)).filter(p -> p != null && which.test(p)).toList();
    }

    /**
     * Waits up to {@code timeout} for the first such report, woken by each report that arrives (no polling: the
     * live migration benchmark times its moves by this wait, and a busy wait would take CPU from the guests).
     */
    public <T extends NuboEvent> T await(Class<T> type, Predicate<T> which, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        int seen = 0;
        while (true) {
            int size;
            synchronized (arrived) {
                size = reports.size();
                long left = deadline - System.nanoTime();
                if (size == seen) {
                    if (left <= 0) {
                        throw new AssertionError("no " + type.getSimpleName() + " as expected within " + timeout);
                    }
                    java.util.concurrent.TimeUnit.NANOSECONDS.timedWait(arrived, left);
                    continue;
                }
            }
            for (EventEnvelope e : reports.subList(seen, size)) {
                T p = codec.payload(e, type);
                if (p != null && which.test(p)) {
                    return p;
                }
            }
            seen = size;
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        reader.join(5000);
        producer.close();
    }
}
