package io.nubo.computeagent.migration;

import io.nubo.computeagent.hypervisor.Guest;
import io.nubo.computeagent.hypervisor.JobProgress;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Reads the guest's migration job every {@code interval} while the move runs and hands on its figures. */
final class ProgressReporter implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ProgressReporter.class);

    private final ScheduledExecutorService timer;

    ProgressReporter(Guest guest, Duration interval, Consumer<JobProgress> sink) {
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "migration-progress-" + guest.name());
            t.setDaemon(true);
            return t;
        });
        timer.scheduleAtFixedRate(() -> {
            try {
                JobProgress job = guest.job();
                if (job != null) {
                    sink.accept(job);
                }
            } catch (RuntimeException e) {
                log.debug("no migration progress for {}: {}", guest.name(), e.toString());
            }
        }, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        timer.shutdownNow();
        try {
            timer.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
