package io.nubo.embedded.kafka;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.Feature;
import org.apache.kafka.server.common.MetadataVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kafka's own KRaft server (combined broker and controller, one node), running in this JVM on 127.0.0.1.
 * The storage directory is formatted on first start and reused afterwards, so topics and offsets survive restarts.
 * It is a real Kafka broker: clients use it exactly as they would use a cluster.
 */
public final class EmbeddedKafkaBroker implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedKafkaBroker.class);

    private final KafkaRaftServer server;
    private final int port;

    private EmbeddedKafkaBroker(KafkaRaftServer server, int port) {
        this.server = server;
        this.port = port;
    }

    /**
     * Starts the broker and returns once it accepts connections.
     *
     * @param dir            its log and metadata directory (created and formatted when new)
     * @param port           the client listener port on 127.0.0.1
     * @param controllerPort the KRaft controller port on 127.0.0.1
     */
    public static EmbeddedKafkaBroker start(Path dir, int port, int controllerPort) {
        Map<String, Object> config = config(dir, port, controllerPort);
        prepareStorage(dir);
        KafkaRaftServer server = new KafkaRaftServer(new KafkaConfig(config, false), Time.SYSTEM);
        server.startup();
        awaitListening(port);
        log.info("Embedded Kafka broker ready on 127.0.0.1:{} (data in {})", port, dir);
        return new EmbeddedKafkaBroker(server, port);
    }

    /** Creates {@code dir} and formats it as a one-node KRaft log directory, unless it already is one. */
    public static void prepareStorage(Path dir) {
        try {
            Files.createDirectories(dir);
            if (!Files.exists(dir.resolve("meta.properties"))) {
                format(dir);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot prepare the Kafka directory " + dir, e);
        }
    }

    /**
     * The one-node broker's configuration (combined broker and controller on 127.0.0.1): what this class runs
     * in-process, and what {@code ./nubo up --distributed} writes as the separate broker's server.properties.
     */
    public static Map<String, Object> config(Path dir, int port, int controllerPort) {
        Map<String, Object> c = new HashMap<>();
        c.put("process.roles", "broker,controller");
        c.put("node.id", "1");
        c.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
        c.put("listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
        c.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
        c.put("controller.listener.names", "CONTROLLER");
        c.put("inter.broker.listener.name", "PLAINTEXT");
        c.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        c.put("log.dirs", dir.toAbsolutePath().toString());
        // one node: every internal topic has one replica
        c.put("offsets.topic.replication.factor", "1");
        c.put("offsets.topic.num.partitions", "5");
        c.put("transaction.state.log.replication.factor", "1");
        c.put("transaction.state.log.min.isr", "1");
        c.put("transaction.state.log.num.partitions", "5");
        c.put("share.coordinator.state.topic.replication.factor", "1");
        c.put("share.coordinator.state.topic.min.isr", "1");
        c.put("default.replication.factor", "1");
        c.put("min.insync.replicas", "1");
        c.put("num.partitions", "1");
        c.put("auto.create.topics.enable", "true");
        c.put("group.initial.rebalance.delay.ms", "0");
        // a laptop, not a data centre: few threads, small buffers
        c.put("num.network.threads", "1");
        c.put("num.io.threads", "2");
        c.put("background.threads", "2");
        c.put("num.recovery.threads.per.data.dir", "1");
        c.put("num.replica.fetchers", "1");
        c.put("log.cleaner.threads", "1");
        c.put("log.cleaner.dedupe.buffer.size", String.valueOf(4 * 1024 * 1024));
        c.put("socket.send.buffer.bytes", String.valueOf(128 * 1024));
        c.put("socket.receive.buffer.bytes", String.valueOf(128 * 1024));
        // retention longer than any token: the revocation topic is re-read from its start by every service
        c.put("log.retention.hours", "168");
        c.put("log.segment.bytes", String.valueOf(64 * 1024 * 1024));
        return c;
    }

    private static void format(Path dir) throws IOException {
        try {
            new Formatter()
                    .setPrintStream(System.err)
                    .setClusterId(Uuid.randomUuid().toString())
                    .setNodeId(1)
                    .setDirectories(List.of(dir.toAbsolutePath().toString()))
                    .setMetadataLogDirectory(dir.toAbsolutePath().toString())
                    .setControllerListenerName("CONTROLLER")
                    .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
                    .setSupportedFeatures(Feature.PRODUCTION_FEATURES)
                    .run();
        } catch (IOException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException("Formatting Kafka storage in " + dir + " failed", e);
        }
    }

    private static void awaitListening(int port) {
        long deadline = System.currentTimeMillis() + 30_000;
        while (System.currentTimeMillis() < deadline) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 500);
                return;
            } catch (IOException notYet) {
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
        throw new IllegalStateException("Kafka did not open 127.0.0.1:" + port + " within 30 s");
    }

    /**
     * Creates the topics that do not exist yet (broker defaults for partitions and replicas) and returns once the
     * broker lists them all. A consumer that subscribes before its topics exist is given no partitions for them
     * and learns of them only at its next metadata refresh (up to {@code metadata.max.age.ms}, 5 min), so the
     * one-machine clouds and the tests create every topic before any service starts.
     */
    public static void createTopics(String bootstrapServers, Collection<String> names) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            long deadline = System.currentTimeMillis() + 60_000;
            while (true) {
                Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
                List<NewTopic> missing = names.stream().filter(n -> !existing.contains(n))
                        .map(n -> new NewTopic(n, java.util.Optional.empty(), java.util.Optional.empty())).toList();
                if (missing.isEmpty()) {
                    return;
                }
                if (System.currentTimeMillis() > deadline) {
                    throw new IllegalStateException("Kafka topics not created within 60 s: " + missing);
                }
                for (var result : admin.createTopics(missing).values().values()) {
                    try {
                        result.get(30, TimeUnit.SECONDS);
                    } catch (ExecutionException e) {
                        if (!(e.getCause() instanceof TopicExistsException)) {
                            log.warn("Creating a Kafka topic failed, retrying: {}", e.getCause().toString());
                        }
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while creating Kafka topics", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Cannot create Kafka topics on " + bootstrapServers, e);
        }
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    @Override
    public void close() {
        server.shutdown();
        server.awaitShutdown();
    }
}
