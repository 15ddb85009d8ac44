package io.nubo.compute;

import io.nubo.shared.events.EventCodec;
import io.nubo.shared.events.EventEnvelope;
import io.nubo.shared.events.NuboEvent;
import io.nubo.shared.events.Topics;
import io.nubo.shared.events.compute.ComputeCommand;
import io.nubo.shared.events.compute.ConsoleOutput;
import io.nubo.shared.events.compute.ConsoleOutputRequested;
import io.nubo.shared.events.compute.DeleteInstance;
import io.nubo.shared.events.compute.HostStatus;
import io.nubo.shared.events.compute.InstanceReport;
import io.nubo.shared.events.compute.PowerAction;
import io.nubo.shared.events.compute.PowerState;
import io.nubo.shared.events.compute.RebuildInstance;
import io.nubo.shared.events.compute.SnapshotInstance;
import io.nubo.shared.events.compute.SpawnInstance;
import io.nubo.testsupport.KafkaTestBroker;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * A compute host as the API sees it over the real broker: it sends HostStatus heartbeats and reads the commands
 * addressed to its host name, which a test answers with {@link InstanceReport}s (or lets go unanswered).
 */
@org.junit.jupiter.api.Tag("integration")
final class FakeAgent implements AutoCloseable {

    private static final List<Class<? extends ComputeCommand>> COMMANDS = List.of(SpawnInstance.class,
            PowerAction.class, DeleteInstance.class, ConsoleOutputRequested.class, SnapshotInstance.class,
            RebuildInstance.class, io.nubo.shared.events.compute.AttachVolume.class,
            io.nubo.shared.events.compute.DetachVolume.class, io.nubo.shared.events.compute.LiveMigrateInstance.class,
            io.nubo.shared.events.compute.AttachInterface.class, io.nubo.shared.events.compute.DetachInterface.class,
            io.nubo.shared.events.compute.ResizeInstance.class, io.nubo.shared.events.compute.ConfirmResize.class,
            io.nubo.shared.events.compute.RevertResize.class,
            io.nubo.shared.events.compute.PrepareLiveMigration.class,
            io.nubo.shared.events.compute.RollbackLiveMigrationAtDestination.class,
            io.nubo.shared.events.compute.MigrateInstance.class, io.nubo.shared.events.compute.FinishMigration.class,
            io.nubo.shared.events.compute.ConfirmMigration.class, io.nubo.shared.events.compute.RevertMigration.class,
            io.nubo.shared.events.compute.FinishRevertMigration.class);

    final String host;
    private final EventCodec codec;
    private final KafkaTemplate<String, String> kafka;
    private final BlockingQueue<ComputeCommand> commands = new LinkedBlockingQueue<>();
    private final Thread reader;
    private volatile boolean running = true;

    FakeAgent(String host, EventCodec codec, KafkaTemplate<String, String> kafka) {
        this.host = host;
        this.codec = codec;
        this.kafka = kafka;
        Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                KafkaTestBroker.bootstrapServers(), ConsumerConfig.GROUP_ID_CONFIG, "fake-agent-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest", ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
                StringDeserializer.class, ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        reader = new Thread(() -> {
            try (KafkaConsumer<String, String> c = new KafkaConsumer<>(config)) {
                c.subscribe(List.of(Topics.COMPUTE_COMMANDS));
                while (running) {
                    for (ConsumerRecord<String, String> r : c.poll(Duration.ofMillis(200))) {
                        EventEnvelope e = codec.fromJson(r.value());
                        for (Class<? extends ComputeCommand> type : COMMANDS) {
                            ComputeCommand cmd = codec.payload(e, type);
                            if (cmd != null && host.equals(cmd.host())) {
                                commands.add(cmd);
                            }
                        }
                    }
                }
            }
        }, "fake-agent-" + host);
        reader.setDaemon(true);
        reader.start();
    }

    void send(NuboEvent event, String key) throws Exception {
        EventEnvelope e = codec.envelope(event, null, null);
        kafka.send(Topics.COMPUTE_AGENT, key, codec.toJson(e)).get(10, TimeUnit.SECONDS);
    }

    void heartbeat(int vcpus, long memoryMb, long diskGb) throws Exception {
        heartbeat(vcpus, memoryMb, diskGb, List.of("sse2"));
    }

    /** A heartbeat with the given CPU features (live migration's CPU check compares them). */
    void heartbeat(int vcpus, long memoryMb, long diskGb, List<String> cpuFeatures) throws Exception {
        send(new HostStatus(host, "up", "QEMU", 8002000, "127.0.0.1", "x86_64", "qemu64", "AuthenticAMD",
                cpuFeatures, vcpus, memoryMb, diskGb, 0, 512, 1, 0, Instant.now(), Instant.now(),
                "qemu+tcp://" + host + "/system", "tcp://" + host, "/var/lib/nubo/" + host), host);
    }

    /** The next command for this host (within a minute), of the given type. */
    <T extends ComputeCommand> T next(Class<T> type) throws InterruptedException {
        ComputeCommand c = commands.poll(60, TimeUnit.SECONDS);
        if (c == null) {
            throw new AssertionError(host + " received no command");
        }
        if (!type.isInstance(c)) {
            throw new AssertionError(host + " expected " + type.getSimpleName() + " but received " + c);
        }
        return type.cast(c);
    }

    /** A command if one arrives within the wait, else null. */
    ComputeCommand poll(long millis) throws InterruptedException {
        return commands.poll(millis, TimeUnit.MILLISECONDS);
    }

    void succeeded(ComputeCommand c, String operation, PowerState power) throws Exception {
        send(new InstanceReport(c.instanceId(), host, c.actionId(), operation, InstanceReport.Outcome.SUCCEEDED,
                power, null, null, Instant.now()), c.instanceId());
    }

    void failed(ComputeCommand c, String operation, String message) throws Exception {
        send(new InstanceReport(c.instanceId(), host, c.actionId(), operation, InstanceReport.Outcome.FAILED,
                PowerState.NOSTATE, message, "Traceback: boom", Instant.now()), c.instanceId());
    }

    void observed(String instanceId, PowerState power) throws Exception {
        send(new InstanceReport(instanceId, host, null, "lifecycle", InstanceReport.Outcome.OBSERVED, power, null,
                null, Instant.now()), instanceId);
    }

    void console(ConsoleOutputRequested c, String output) throws Exception {
        send(new ConsoleOutput(c.instanceId(), host, c.actionId(), output, null), c.instanceId());
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        reader.join(5_000);
    }
}
