package io.nubo.network.common;

import io.nubo.shared.events.EventCodec;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * The one worker thread of an in-process agent role (port firewall, L3): a full sync at start and every resync
 * interval, and an incremental sync soon after each request; requests made before the sync starts make one sync.
 * The agents treat events as hints only (the database is the truth), so coalescing loses nothing.
 */
public final class SyncWorker {

    private final ScheduledExecutorService worker;
    private final AtomicBoolean pending = new AtomicBoolean();
    private final Consumer<Boolean> sync;

    /** @param sync called with {@code true} for a full resync, {@code false} for one asked for by an event */
    public SyncWorker(String name, Consumer<Boolean> sync) {
        this.sync = sync;
        this.worker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
    }

    /** Starts the full resyncs (the first at once). */
    public void start(Duration resyncInterval) {
        every(resyncInterval, () -> sync.accept(true));
    }

    /** Also runs a task of the role's own on the worker thread at this interval (e.g. reading device state). */
    public void every(Duration interval, Runnable task) {
        worker.scheduleWithFixedDelay(task, 0, Math.max(100, interval.toMillis()), TimeUnit.MILLISECONDS);
    }

    /** Asks for a sync soon. */
    public void request() {
        if (pending.compareAndSet(false, true)) {
            try {
                worker.execute(() -> {
                    pending.set(false);
                    sync.accept(false);
                });
            } catch (RejectedExecutionException stopped) {
                pending.set(false); // stopping: the next start syncs everything
            }
        }
    }

    /** Asks for a sync when the event's type starts with one of the prefixes (unreadable events are ignored). */
    public void requestOn(EventCodec codec, String json, String... typePrefixes) {
        boolean wanted = codec.decode(json, unreadable -> { })
                .map(e -> e.eventType() == null ? "" : e.eventType())
                .filter(type -> Arrays.stream(typePrefixes).anyMatch(type::startsWith))
                .isPresent();
        if (wanted) {
            request();
        }
    }

    /** Stops; waits for a sync in flight. */
    public void stop() {
        worker.shutdownNow();
        try {
            worker.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
