package io.nubo.compute.server;

import io.nubo.compute.config.ComputeProperties;
import io.nubo.compute.server.state.VmState;
import io.nubo.compute.wire.Caller;
import io.nubo.compute.error.ComputeError;
import io.nubo.shared.events.compute.ConsoleOutput;
import io.nubo.shared.events.compute.ConsoleOutputRequested;
import io.nubo.shared.outbox.EventPublisher;
import io.nubo.shared.web.RequestIds;
import java.util.EnumSet;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * os-getConsoleOutput as request and response over Kafka: the request is sent through the outbox with a fresh
 * correlation id, and the HTTP request waits (outside any transaction) for the agent's {@link ConsoleOutput} with
 * that id, up to the configured timeout.
 */
@Component
class ConsoleRequests {

    private static final EnumSet<VmState> ALLOWED = EnumSet.of(VmState.ACTIVE, VmState.STOPPED, VmState.PAUSED,
            VmState.SUSPENDED, VmState.ERROR, VmState.RESCUED);

    private final Map<String, CompletableFuture<ConsoleOutput>> waiting = new ConcurrentHashMap<>();
    private final ServerService servers;
    private final EventPublisher publisher;
    private final TransactionTemplate tx;
    private final ComputeProperties props;

    ConsoleRequests(ServerService servers, EventPublisher publisher, PlatformTransactionManager tx,
                    ComputeProperties props) {
        this.servers = servers;
        this.publisher = publisher;
        this.tx = new TransactionTemplate(tx);
        this.props = props;
    }

    String output(Caller caller, String id, int length) {
        Instance i = servers.get(caller, id);
        if (i.host() == null || !ALLOWED.contains(i.vmState())) {
            throw ComputeError.INVALID_STATE.exception("get_console_output", i.id(), "vm_state", i.vmState().wire());
        }
        String correlation = (RequestIds.current() != null ? RequestIds.current() : RequestIds.generate()) + "-"
                + java.util.UUID.randomUUID().toString().substring(0, 8);
        CompletableFuture<ConsoleOutput> reply = new CompletableFuture<>();
        waiting.put(correlation, reply);
        try {
            tx.executeWithoutResult(s -> publisher.publish(new ConsoleOutputRequested(i.id(), i.host(), correlation,
                    length), i.id(), i.projectId()));
            ConsoleOutput out = reply.get(props.consoleTimeout().toMillis(), TimeUnit.MILLISECONDS);
            if (out.error() != null) {
                throw ComputeError.CONFLICT.exception("Guest does not have a console available: " + out.error());
            }
            return out.output() == null ? "" : out.output();
        } catch (TimeoutException e) {
            throw ComputeError.AGENT_TIMEOUT.exception("The compute host " + i.host() + " did not answer the console"
                    + " request within " + props.consoleTimeout().toSeconds() + " s.");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ComputeError.AGENT_TIMEOUT.exception("Interrupted while waiting for the console output.");
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        } finally {
            waiting.remove(correlation);
        }
    }

    /** An agent's answer; ignored when nobody (on this API instance) waits for it. */
    void answered(ConsoleOutput out) {
        CompletableFuture<ConsoleOutput> f = waiting.get(out.actionId());
        if (f != null) {
            f.complete(out);
        }
    }

}
