package io.nubo.compute.agent;

import io.nubo.compute.error.ComputeError;
import io.nubo.shared.events.EventCodec;
import io.nubo.shared.events.Topics;
import io.nubo.shared.events.compute.InstanceReport;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * The agents' answers to the commands a request (or a task after it) waits for: attach_volume and detach_volume,
 * attach_interface and detach_interface, and delete (after which a server's volumes are let go). Every API instance
 * reads them (a consumer group of its own, as for console output), since the waiting request may be on any.
 */
@Component
public class CommandReports {

    private static final Set<String> OPERATIONS = Set.of("attach_volume", "detach_volume", "delete",
            "attach_interface", "detach_interface");

    private final Map<String, CompletableFuture<InstanceReport>> waiting = new ConcurrentHashMap<>();
    private final EventCodec codec;

    CommandReports(EventCodec codec) {
        this.codec = codec;
    }

    @KafkaListener(id = "compute-api-command-reports", topics = Topics.COMPUTE_AGENT,
            groupId = "compute-api-commands-${random.uuid}", properties = "auto.offset.reset=latest",
            autoStartup = "${nubo.compute.consume-agent-reports:true}")
    void report(String json) {
        // Unlogged: AgentReportConsumer reads the same topic and logs each unreadable record once.
        InstanceReport r = codec.decode(json, unreadable -> { })
                .map(e -> codec.payload(e, InstanceReport.class))
                .orElse(null);
        if (r != null && r.actionId() != null && OPERATIONS.contains(r.operation())) {
            CompletableFuture<InstanceReport> f = waiting.get(r.actionId());
            if (f != null) {
                f.complete(r);
            }
        }
    }

    /**
     * Runs {@code send} (which commits the command to the outbox) and waits for the agent's report with that
     * action id; Nova's 504-style timeout error when none comes.
     */
    public InstanceReport await(String actionId, Runnable send, Duration timeout, String what) {
        CompletableFuture<InstanceReport> reply = expect(actionId);
        try {
            send.run();
            return get(reply, timeout, what);
        } finally {
            forget(actionId);
        }
    }

    /** Registers interest in the report with this action id (before the command is sent). */
    public CompletableFuture<InstanceReport> expect(String actionId) {
        CompletableFuture<InstanceReport> reply = new CompletableFuture<>();
        waiting.put(actionId, reply);
        return reply;
    }

    public void forget(String actionId) {
        waiting.remove(actionId);
    }

    /** The request id of the current request (the instance action's id), or a new one. */
    public static String requestId() {
        return io.nubo.shared.web.RequestIds.current() != null ? io.nubo.shared.web.RequestIds.current()
                : io.nubo.shared.web.RequestIds.generate();
    }

    /** A command's action id: the request's id and a suffix, unique per command the request sends. */
    public static String correlation(String requestId) {
        return requestId + "-" + java.util.UUID.randomUUID().toString().substring(0, 8);
    }

    /** The report, or Nova's timeout error when none comes within {@code timeout}. */
    public static InstanceReport get(CompletableFuture<InstanceReport> reply, Duration timeout, String what) {
        try {
            return reply.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw ComputeError.AGENT_TIMEOUT.exception("The compute host did not " + what + " within "
                    + timeout.toSeconds() + " s.");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ComputeError.AGENT_TIMEOUT.exception("Interrupted while waiting for the compute host to " + what
                    + ".");
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }
}
