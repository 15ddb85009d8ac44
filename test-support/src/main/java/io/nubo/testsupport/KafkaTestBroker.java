package io.nubo.testsupport;

import io.nubo.embedded.kafka.EmbeddedKafkaBroker;
import io.nubo.shared.events.Topics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;

/** One real Kafka broker (the embedded KRaft server) per test JVM, on free loopback ports, started on first use, with every
 * topic of {@link Topics#ALL} created before any consumer subscribes. */
public final class KafkaTestBroker {

    private static EmbeddedKafkaBroker broker;

    private KafkaTestBroker() {
    }

    public static synchronized String bootstrapServers() {
        if (broker == null) {
            try {
                Path dir = Files.createTempDirectory("nubo-test-kafka");
                broker = EmbeddedKafkaBroker.start(dir, freePort(), freePort());
                EmbeddedKafkaBroker.createTopics(broker.bootstrapServers(), Topics.ALL);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            EmbeddedKafkaBroker started = broker;
            Runtime.getRuntime().addShutdownHook(new Thread(started::close, "kafka-test-broker-stop"));
        }
        return broker.bootstrapServers();
    }

    public static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
