package io.nubo.embedded.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@Tag("integration")
class EmbeddedKafkaBrokerTest {

    @TempDir
    Path dir;

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Test
    void recordsSurviveARestartOnTheSameDirectory() throws Exception {
        int port = freePort();
        int controller = freePort();
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(dir, port, controller)) {
            try (KafkaProducer<String, String> p = new KafkaProducer<>(Map.of("bootstrap.servers",
                    broker.bootstrapServers(), "acks", "all"), new StringSerializer(), new StringSerializer())) {
                p.send(new ProducerRecord<>("nubo.test", "k", "before restart")).get();
            }
            assertThat(readAll(broker.bootstrapServers())).containsExactly("before restart");
        }
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(dir, port, controller)) {
            assertThat(readAll(broker.bootstrapServers())).containsExactly("before restart");
        }
    }

    private static List<String> readAll(String servers) {
        try (KafkaConsumer<String, String> c = new KafkaConsumer<>(Map.of("bootstrap.servers", servers),
                new StringDeserializer(), new StringDeserializer())) {
            TopicPartition tp = new TopicPartition("nubo.test", 0);
            c.assign(List.of(tp));
            c.seekToBeginning(List.of(tp));
            List<String> values = new ArrayList<>();
            long deadline = System.currentTimeMillis() + 20_000;
            while (values.isEmpty() && System.currentTimeMillis() < deadline) {
                for (ConsumerRecord<String, String> r : c.poll(Duration.ofMillis(500))) {
                    values.add(r.value());
                }
            }
            return values;
        }
    }
}
