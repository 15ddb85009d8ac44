package io.nubo.computeagent.host;

import io.nubo.computeagent.command.CommandDispatcher;
import io.nubo.computeagent.migration.LiveMigrationJobHandler;
import io.nubo.shared.events.EventCodec;
import io.nubo.shared.events.EventContract;
import io.nubo.shared.events.EventEnvelope;
import io.nubo.shared.events.Topics;
import io.nubo.shared.events.compute.AgentReport;
import io.nubo.shared.events.compute.ComputeCommand;
import io.nubo.shared.outbox.InboxGuard;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Reads {@code nubo.compute.commands.v1} in the consumer group {@code compute-agent.<host>} and runs the commands
 * addressed to this host. Within one poll, records of one instance (one key) run in order, one at a time; different
 * instances run in parallel on {@code workers} threads. Offsets are committed after the whole batch, so a command
 * the agent did not finish is delivered again after a crash; each one runs in a transaction that records its event
 * id ({@link InboxGuard}) and writes its report to the outbox, so a redelivered command that was done is skipped.
 * The commands that act on a job under way (a live migration's force-complete and abort) cannot wait behind that
 * job's own command: a second consumer, in the group {@code compute-agent.<host>.jobs}, reads the same topic and
 * runs only those, on its own thread, while the first one skips them.
 */
public final class CommandConsumer {

    private static final Logger log = LoggerFactory.getLogger(CommandConsumer.class);
    private static final Map<String, Class<? extends ComputeCommand>> TYPES = new HashMap<>();

    static {
        for (Class<?> c : ComputeCommand.class.getPermittedSubclasses()) {
            @SuppressWarnings("unchecked")
            Class<? extends ComputeCommand> cc = (Class<? extends ComputeCommand>) c;
            TYPES.put(c.getAnnotation(EventContract.class).type(), cc);
        }
    }

    private final Map<String, Object> config;
    private final Map<String, Object> jobsConfig;
    private final String host;
    private final CommandDispatcher dispatcher;
    private final ReportPublisher reports;
    private final InboxGuard inbox;
    private final TransactionTemplate tx;
    private final EventCodec codec;
    private final ExecutorService workers;
    private volatile boolean running;
    private volatile KafkaConsumer<String, String> consumer;
    private volatile KafkaConsumer<String, String> jobsConsumer;
    private Thread thread;
    private Thread jobsThread;

    public CommandConsumer(Map<String, Object> kafkaConsumerConfig, String host, CommandDispatcher dispatcher,
                           ReportPublisher reports, InboxGuard inbox, TransactionTemplate tx, EventCodec codec,
                           int workers) {
        Map<String, Object> c = new HashMap<>(kafkaConsumerConfig);
        c.put(ConsumerConfig.GROUP_ID_CONFIG, groupId(host));
        c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        c.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        c.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        c.putIfAbsent(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        // a spawn under software emulation may hold a batch for a while: do not let the group think we died
        c.put(ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG, 30 * 60 * 1000);
        c.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 50);
        this.config = c;
        Map<String, Object> j = new HashMap<>(c);
        j.put(ConsumerConfig.GROUP_ID_CONFIG, jobsGroupId(host));
        j.put(ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG, 5 * 60 * 1000);
        this.jobsConfig = j;
        this.host = host;
        this.dispatcher = dispatcher;
        this.reports = reports;
        this.inbox = inbox;
        this.tx = tx;
        this.codec = codec;
        AtomicInteger n = new AtomicInteger();
        this.workers = Executors.newFixedThreadPool(workers, r -> {
            Thread t = new Thread(r, "compute-agent-worker-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    public static String groupId(String host) {
        return "compute-agent." + host;
    }

    public static String jobsGroupId(String host) {
        return groupId(host) + ".jobs";
    }

    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        thread = new Thread(() -> loop(false), "compute-agent-commands");
        thread.setDaemon(true);
        thread.start();
        jobsThread = new Thread(() -> loop(true), "compute-agent-job-commands");
        jobsThread.setDaemon(true);
        jobsThread.start();
    }

    public synchronized void stop() {
        running = false;
        for (KafkaConsumer<String, String> c : new ArrayList<>(java.util.Arrays.asList(consumer, jobsConsumer))) {
            if (c != null) {
                c.wakeup();
            }
        }
        for (Thread t : new ArrayList<>(java.util.Arrays.asList(thread, jobsThread))) {
            if (t != null) {
                try {
                    t.join(10_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
        workers.shutdownNow();
    }

    private void loop(boolean jobs) {
        while (running) {
            try (KafkaConsumer<String, String> c = new KafkaConsumer<>(jobs ? jobsConfig : config)) {
                if (jobs) {
                    jobsConsumer = c;
                } else {
                    consumer = c;
                }
                c.subscribe(List.of(Topics.COMPUTE_COMMANDS));
                while (running) {
                    ConsumerRecords<String, String> records = c.poll(Duration.ofMillis(500));
                    if (!records.isEmpty()) {
                        if (jobs) {
                            records.forEach(r -> handle(r, true));
                        } else {
                            runBatch(records);
                        }
                        c.commitSync();
                    }
                }
            } catch (WakeupException stopping) {
                return;
            } catch (RuntimeException e) {
                if (!running) {
                    return;
                }
                log.warn("Compute command consumer interrupted, reconnecting: {}", e.toString());
                sleep(2_000);
            }
        }
    }

    private void runBatch(ConsumerRecords<String, String> records) {
        Map<String, List<ConsumerRecord<String, String>>> byInstance = new LinkedHashMap<>();
        for (ConsumerRecord<String, String> r : records) {
            byInstance.computeIfAbsent(r.key() == null ? "" : r.key(), k -> new ArrayList<>()).add(r);
        }
        List<Future<?>> running = new ArrayList<>();
        for (List<ConsumerRecord<String, String>> oneInstance : byInstance.values()) {
            running.add(workers.submit(() -> oneInstance.forEach(r -> handle(r, false))));
        }
        for (Future<?> f : running) {
            try {
                f.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new WakeupException();
            } catch (java.util.concurrent.ExecutionException e) {
                log.error("A compute command failed outside its handler", e.getCause());
            }
        }
    }

    /**
     * Runs one record: decodes it, skips other hosts' commands, the other consumer's and redeliveries, dispatches,
     * reports. {@code jobs}: this is the job consumer's record.
     */
    void handle(ConsumerRecord<String, String> record, boolean jobs) {
        EventEnvelope envelope = codec.decode(record.value(), bad -> unreadable(record, bad)).orElse(null);
        if (envelope == null) {
            return;
        }
        Class<? extends ComputeCommand> type = TYPES.get(envelope.eventType());
        if (type == null) {
            log.warn("Ignoring compute command of unknown type {} (a newer API?)", envelope.eventType());
            return;
        }
        ComputeCommand command;
        try {
            command = codec.payload(envelope, type);
            if (command == null) {
                throw new IllegalArgumentException("a " + envelope.eventType() + " without payload");
            }
        } catch (RuntimeException e) {
            unreadable(record, e);
            return;
        }
        if (!host.equals(command.host()) || LiveMigrationJobHandler.isJobControl(command) != jobs) {
            return;
        }
        tx.executeWithoutResult(s -> {
            if (!inbox.firstDelivery(envelope.eventId(), jobs ? jobsGroupId(host) : groupId(host))) {
                log.info("Instance {}: command {} already done, skipped", command.instanceId(), envelope.eventId());
                return;
            }
            AgentReport report = dispatcher.dispatch(command);
            reports.publishInTransaction(report);
        });
    }

    private static void unreadable(ConsumerRecord<String, String> record, RuntimeException why) {
        log.warn("Ignoring a compute command that cannot be read (offset {}): {}", record.offset(), why.toString());
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
