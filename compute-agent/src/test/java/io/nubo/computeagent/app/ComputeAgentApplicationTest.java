package io.nubo.computeagent.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nubo.computeagent.ComputeAgentApplication;
import io.nubo.computeagent.host.BootSector;
import io.nubo.computeagent.support.Commands;
import io.nubo.shared.events.EventCodec;
import io.nubo.shared.events.EventEnvelope;
import io.nubo.shared.events.Topics;
import io.nubo.shared.events.compute.HostStatus;
import io.nubo.shared.events.compute.InstanceReport;
import io.nubo.shared.events.compute.SpawnInstance;
import io.nubo.testsupport.KafkaTestBroker;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import com.sun.net.httpserver.HttpServer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.json.JsonMapper;

/**
 * The agent as it runs: a Spring context without a web server, on libvirt's test driver, with Kafka's broker, an
 * H2 inbox/outbox, and a small HTTP image service and identity (the agent's real HTTP clients talk to them).
 * Commands go in on the commands topic; reports come out on the agent topic.
 */
@org.junit.jupiter.api.Tag("integration")
class ComputeAgentApplicationTest {

    @TempDir
    static Path work;
    static HttpServer glance;
    static ConfigurableApplicationContext agent;
    static String bootstrap;
    static final EventCodec codec = new EventCodec(new JsonMapper(), "compute");
    static final byte[] disk = Arrays.copyOf(BootSector.image(), 1 << 20);
    static final List<String> tokensIssued = new ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        bootstrap = KafkaTestBroker.bootstrapServers();
        glance = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        glance.createContext("/identity/v3/auth/tokens", ex -> {
            String body = new String(ex.getRequestBody().readAllBytes());
            tokensIssued.add(body);
            ex.getResponseHeaders().add("X-Subject-Token", "tok-1");
            byte[] out = "{\"token\":{\"expires_at\":\"2099-01-01T00:00:00Z\"}}".getBytes();
            ex.sendResponseHeaders(body.contains("\"s3cret\"") ? 201 : 401, out.length);
            ex.getResponseBody().write(out);
            ex.close();
        });
        glance.createContext("/image/v2/images/", ex -> {
            boolean authorised = "tok-1".equals(ex.getRequestHeaders().getFirst("X-Auth-Token"));
            boolean known = ex.getRequestURI().getPath().equals("/image/v2/images/img-1/file");
            ex.sendResponseHeaders(!authorised ? 401 : known ? 200 : 404, known && authorised ? disk.length : -1);
            if (known && authorised) {
                ex.getResponseBody().write(disk);
            }
            ex.close();
        });
        glance.start();
        String base = "http://127.0.0.1:" + glance.getAddress().getPort();
        agent = ComputeAgentApplication.builder().run(
                "--nubo.agent.host=host-1", "--nubo.agent.libvirt-uri=test:///default",
                "--nubo.agent.instances-dir=" + work.resolve("instances"),
                "--nubo.agent.image-service-url=" + base + "/image",
                "--nubo.agent.identity.url=" + base + "/identity/v3", "--nubo.agent.identity.username=nova",
                "--nubo.agent.identity.password=s3cret", "--nubo.agent.heartbeat-interval=1s",
                "--spring.datasource.url=jdbc:h2:mem:agent-" + UUID.randomUUID() + ";MODE=PostgreSQL;DB_CLOSE_DELAY=-1",
                "--spring.kafka.bootstrap-servers=" + bootstrap, "--spring.main.register-shutdown-hook=false");
    }

    @AfterAll
    static void stop() {
        if (agent != null) {
            agent.close();
        }
        if (glance != null) {
            glance.stop(0);
        }
    }

    @Test
    void registersSendsHeartbeatsAndAnswersCommandsOnceEach() throws Exception {
        String id = UUID.randomUUID().toString();
        String sha = io.nubo.computeagent.support.LocalImageService.sha512(disk);
        SpawnInstance spawn = Commands.spawn(id, Commands.flavor(1, 0, 0),
                Commands.image("img-1", "raw", sha, Map.of()), false, List.of());
        SpawnInstance elsewhere = new SpawnInstance(UUID.randomUUID().toString(), "host-2", "x", "p", "u", "n", "n",
                spawn.flavor(), spawn.image(), null, null, null, Map.of(), false, "nova", 0, List.of(), List.of(),
                null);
        EventEnvelope envelope = codec.envelope(spawn, "req-1", "proj-1");
        try (KafkaProducer<String, String> p = new KafkaProducer<>(Map.of("bootstrap.servers", bootstrap),
                new StringSerializer(), new StringSerializer())) {
            p.send(new ProducerRecord<>(Topics.COMPUTE_COMMANDS, elsewhere.instanceId(),
                    codec.toJson(codec.envelope(elsewhere, null, null)))).get();
            p.send(new ProducerRecord<>(Topics.COMPUTE_COMMANDS, id, codec.toJson(envelope))).get();
            // the same command again (Kafka redelivers at least once): the agent must answer it once
            p.send(new ProducerRecord<>(Topics.COMPUTE_COMMANDS, id, codec.toJson(envelope))).get();
        }
        List<InstanceReport> reports = new ArrayList<>();
        List<HostStatus> statuses = new ArrayList<>();
        try (KafkaConsumer<String, String> c = new KafkaConsumer<>(Map.of("bootstrap.servers", bootstrap,
                "group.id", "test-" + UUID.randomUUID(), "auto.offset.reset", "earliest"),
                new StringDeserializer(), new StringDeserializer())) {
            c.subscribe(List.of(Topics.COMPUTE_AGENT));
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (System.nanoTime() < deadline && (reports.isEmpty() || statuses.size() < 2)) {
                for (ConsumerRecord<String, String> r : c.poll(Duration.ofMillis(500))) {
                    EventEnvelope e = codec.fromJson(r.value());
                    InstanceReport ir = codec.payload(e, InstanceReport.class);
                    if (ir != null && !"reconcile".equals(ir.operation()) && !"lifecycle".equals(ir.operation())) {
                        reports.add(ir);
                        assertThat(r.key()).isEqualTo(ir.instanceId());
                    }
                    HostStatus hs = codec.payload(e, HostStatus.class);
                    if (hs != null) {
                        statuses.add(hs);
                        assertThat(r.key()).isEqualTo("host-1");
                    }
                }
            }
            // let a redelivered duplicate arrive if there were one
            for (int i = 0; i < 4; i++) {
                for (ConsumerRecord<String, String> r : c.poll(Duration.ofMillis(500))) {
                    InstanceReport ir = codec.payload(codec.fromJson(r.value()), InstanceReport.class);
                    if (ir != null && "spawn".equals(ir.operation())) {
                        reports.add(ir);
                    }
                }
            }
        }
        assertThat(reports).as("one report, for this host's command only").singleElement().satisfies(r -> {
            assertThat(r.instanceId()).isEqualTo(id);
            assertThat(r.outcome()).as(r.faultMessage()).isEqualTo(InstanceReport.Outcome.SUCCEEDED);
            assertThat(r.actionId()).isEqualTo(spawn.actionId());
        });
        assertThat(statuses).hasSizeGreaterThanOrEqualTo(2).first().satisfies(s -> {
            assertThat(s.state()).isEqualTo("up");
            assertThat(s.hypervisorType()).isEqualTo("test");
            assertThat(s.vcpus()).isPositive();
            assertThat(s.memoryMb()).isPositive();
        });
        assertThat(tokensIssued).first().asString().contains("\"nova\"").contains("\"service\"");
    }

    @Test
    void refusesToStartWithoutItsRequiredSettings() {
        assertThatThrownBy(() -> ComputeAgentApplication.builder().run("--nubo.agent.libvirt-uri=test:///default",
                "--spring.datasource.url=jdbc:h2:mem:x", "--spring.main.register-shutdown-hook=false"))
                .rootCause().hasMessageContaining("The compute agent cannot start: set nubo.agent.image-service-url").hasMessageContaining("nubo.agent.identity.password");
    }
}
