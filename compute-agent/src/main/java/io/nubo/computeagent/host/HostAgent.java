package io.nubo.computeagent.host;

import io.nubo.computeagent.command.Reports;
import io.nubo.computeagent.design.GuestNames;
import io.nubo.computeagent.design.HostProfile;
import io.nubo.computeagent.hypervisor.Hypervisor;
import io.nubo.computeagent.hypervisor.HypervisorException;
import io.nubo.computeagent.hypervisor.LifecycleEvent;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * The agent's start and stop, off the application's start thread so that a host whose libvirtd does not answer
 * still starts (the all-in-one with it): the agent logs a clear warning, reports nothing and tries again every few
 * seconds. Once libvirtd answers: choose kvm or qemu ({@link VirtTypeProbe}), report what libvirt runs
 * ({@link Reconciler}), register the host, report lifecycle events, send heartbeats, and take commands.
 */
public final class HostAgent implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(HostAgent.class);

    private final Hypervisor hypervisor;
    private final VirtTypeProbe probe;
    private final String virtType;
    private final HostState state;
    private final Reconciler reconciler;
    private final HostStatusReporter status;
    private final ReportPublisher publisher;
    private final CommandConsumer commands;
    private final Reports reports;
    private final Duration heartbeat;
    private final Clock clock;
    private ScheduledExecutorService timer;
    private volatile boolean running;
    /** True once the host is registered; false when libvirtd did not answer the first attempt. */
    private final java.util.concurrent.CompletableFuture<Boolean> firstAttempt =
            new java.util.concurrent.CompletableFuture<>();

    public HostAgent(Hypervisor hypervisor, VirtTypeProbe probe, String virtType, HostState state, Reconciler reconciler,
                     HostStatusReporter status, ReportPublisher publisher, CommandConsumer commands, Reports reports,
                     Duration heartbeat, Clock clock) {
        this.hypervisor = hypervisor;
        this.probe = probe;
        this.virtType = virtType;
        this.state = state;
        this.reconciler = reconciler;
        this.status = status;
        this.publisher = publisher;
        this.commands = commands;
        this.reports = reports;
        this.heartbeat = heartbeat;
        this.clock = clock;
    }

    @Override
    public void start() {
        running = true;
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "compute-agent-host");
            t.setDaemon(true);
            return t;
        });
        hypervisor.onLifecycle(this::onLifecycle);
        timer.execute(this::connect);
    }

    private void connect() {
        if (!running) {
            return;
        }
        if (!hypervisor.alive()) {
            log.warn("libvirtd does not answer at {}: the compute agent for host {} reports nothing and takes no "
                    + "commands until it does (start it: scripts/libvirt-start.sh). Trying again in 10 s.",
                    hypervisor.uri(), reports.host());
            firstAttempt.complete(false);
            timer.schedule(this::connect, 10, TimeUnit.SECONDS);
            return;
        }
        try {
            String type = probe.choose(virtType);
            state.ready(new HostProfile(type, "x86_64"), clock.instant());
            reconciler.observe().forEach(publisher::publish);
            publisher.publish(status.status("up"));
            log.info("Compute agent for host {} is up ({} at {})", reports.host(), type, hypervisor.uri());
            firstAttempt.complete(true);
        } catch (RuntimeException e) {
            log.warn("Compute agent could not register host {} ({}); trying again in 10 s", reports.host(),
                    e.getMessage());
            timer.schedule(this::connect, 10, TimeUnit.SECONDS);
            return;
        }
        commands.start();
        timer.scheduleWithFixedDelay(this::beat, heartbeat.toMillis(), heartbeat.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void beat() {
        try {
            publisher.publish(status.status("up"));
        } catch (HypervisorException e) {
            log.warn("No heartbeat for host {}: {}", reports.host(), e.getMessage());
        } catch (RuntimeException e) {
            log.warn("No heartbeat for host {}: {}", reports.host(), e.toString());
        }
    }

    private void onLifecycle(LifecycleEvent e) {
        String instanceId = GuestNames.instanceId(e.guestName());
        if (instanceId == null || !state.ready()) {
            return;
        }
        publisher.publish(reports.observed(instanceId, "lifecycle", e.powerState(), e.detail()));
    }

    /**
     * Waits until this host is registered (its virtualisation type probed and its status published), so that a
     * launcher can say "ready" only when a server can be scheduled here. False when libvirtd did not answer (the
     * agent keeps trying in the background) or the time ran out.
     */
    public boolean awaitUp(Duration timeout) throws InterruptedException {
        try {
            return firstAttempt.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            return false;
        }
    }

    @Override
    public void stop() {
        running = false;
        commands.stop();
        if (timer != null) {
            timer.shutdownNow();
        }
        if (state.ready()) {
            try {
                publisher.publish(status.status("stopping"));
            } catch (RuntimeException e) {
                log.debug("no stopping status: {}", e.toString());
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        // start after, and stop before, the outbox relay and the datasource
        return Integer.MAX_VALUE - 200;
    }
}
