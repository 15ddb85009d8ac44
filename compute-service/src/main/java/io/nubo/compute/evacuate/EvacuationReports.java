package io.nubo.compute.evacuate;

import io.nubo.compute.host.ComputeHost;
import io.nubo.compute.host.HostStore;
import io.nubo.compute.migration.EvacuationRecords;
import io.nubo.compute.migration.Migration;
import io.nubo.compute.migration.MigrationStatus;
import io.nubo.compute.scheduler.Scheduler;
import io.nubo.compute.server.Instance;
import io.nubo.compute.server.ServerLifecycle;
import io.nubo.compute.server.ServerService;
import io.nubo.compute.server.state.EvacuateStep;
import io.nubo.compute.server.state.ServerOperation;
import io.nubo.shared.events.compute.DestroyEvacuatedGuest;
import io.nubo.shared.events.compute.InstanceReport;
import io.nubo.shared.events.compute.PowerAction;
import io.nubo.shared.outbox.EventPublisher;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * What the agents report about evacuations. The destination's spawn answers as {@link EvacuateStep} says (the
 * migration {@code done}, or {@code failed} with the server in ERROR). The source host, once it is back, reports each
 * guest it still holds ({@code reconcile}, as every agent does at start); a guest whose instance was evacuated away
 * from it (an evacuation from that host, the instance on another host now, or deleted) is sent
 * {@link DestroyEvacuatedGuest} (Nova's {@code _destroy_evacuated_instances}), whose answer makes the migration
 * {@code completed}. A reconcile every 30 s ends the evacuations whose task ended without an answer (swept or reset:
 * {@code failed}), and completes a {@code done} one whose source has been back for a while without a guest to
 * clean up.
 */
@Service
public class EvacuationReports {

    private static final Logger log = LoggerFactory.getLogger(EvacuationReports.class);
    private static final String CLEANUP = "evacuated-";
    /** How long a returned source has to report its guests before a done evacuation counts as cleaned up. */
    private static final Duration SOURCE_SETTLED = Duration.ofMinutes(2);

    private final ServerService servers;
    private final ServerLifecycle lifecycle;
    private final EvacuationRecords records;
    private final HostStore hosts;
    private final Scheduler scheduler;
    private final EventPublisher publisher;
    private final Clock clock;

    EvacuationReports(ServerService servers, ServerLifecycle lifecycle, EvacuationRecords records, HostStore hosts,
                      Scheduler scheduler, EventPublisher publisher, Clock clock) {
        this.servers = servers;
        this.lifecycle = lifecycle;
        this.records = records;
        this.hosts = hosts;
        this.scheduler = scheduler;
        this.publisher = publisher;
        this.clock = clock;
    }

    /** Called with every instance report before the server lifecycle sees it (which leaves these alone). */
    @Transactional(propagation = Propagation.MANDATORY)
    public void beforeLifecycle(InstanceReport r) {
        if (r.actionId() == null) {
            if ("reconcile".equals(r.operation()) && r.host() != null) {
                leftover(r);
            }
            return;
        }
        if ("destroy_evacuated".equals(r.operation())) {
            destroyed(r);
            return;
        }
        Optional<Instance> found = servers.awaitingReport(r);
        if (found.isEmpty()) {
            return;
        }
        Instance i = found.get();
        EvacuateStep step = EvacuateStep.of(i.taskState(), i.vmState(), r);
        if (step == null) {
            return;
        }
        Optional<Migration> m = records.ofAction(i.id(), r.actionId());
        if (r.outcome() != InstanceReport.Outcome.SUCCEEDED) {
            String why = r.faultMessage() == null ? "The evacuation of instance " + i.id() + " to host " + i.host()
                    + " failed." : r.faultMessage();
            m.ifPresent(x -> records.transition(x, MigrationStatus.FAILED, why));
            lifecycle.failed(i, ServerOperation.EVACUATE, r.actionId(), why, r.faultDetails(), clock.instant());
            return;
        }
        m.ifPresent(x -> records.transition(x, MigrationStatus.DONE, null));
        switch (step.then()) {
            case ACTIVE -> lifecycle.evacuated(i, r.actionId(), r.powerState());
            case POWER_OFF -> {
                if (lifecycle.advance(i, r.actionId(), step.from(), step.next())) {
                    publisher.publish(new PowerAction(i.id(), i.host(), r.actionId(), PowerAction.Action.STOP, 0),
                            i.id(), i.projectId());
                }
            }
        }
    }

    /** A guest the returned source still holds: destroyed when its instance was evacuated away from there. */
    private void leftover(InstanceReport r) {
        Optional<Instance> found = servers.byId(r.instanceId());
        if (found.isEmpty() || (!found.get().deleted() && r.host().equals(found.get().host()))) {
            return;
        }
        Instance i = found.get();
        records.from(r.host(), i.id()).stream().filter(m -> m.status() != MigrationStatus.ERROR).findFirst()
                .ifPresent(m -> {
                    log.info("Instance {} was evacuated from host {} to {}, which still holds its guest: destroying"
                            + " it there", i.id(), r.host(), m.destCompute());
                    publisher.publish(new DestroyEvacuatedGuest(i.id(), r.host(), CLEANUP + m.uuid(),
                            !sharedFiles(r.host(), m.destCompute())), i.id(), i.projectId());
                });
    }

    /** Both hosts report one instances directory: it is shared, and the rebuilt guest's files are in it. */
    private boolean sharedFiles(String source, String dest) {
        String a = hosts.byName(source).map(ComputeHost::instancesDir).orElse(null);
        String b = dest == null ? null : hosts.byName(dest).map(ComputeHost::instancesDir).orElse(null);
        return a != null && Objects.equals(a, b);
    }

    private void destroyed(InstanceReport r) {
        if (!r.actionId().startsWith(CLEANUP)) {
            return;
        }
        records.byUuid(r.actionId().substring(CLEANUP.length())).ifPresent(m -> {
            if (r.outcome() == InstanceReport.Outcome.SUCCEEDED) {
                records.transition(m, MigrationStatus.COMPLETED, null);
            } else {
                log.warn("Host {} could not destroy the leftover guest of evacuated instance {}: {}", r.host(),
                        m.instanceUuid(), r.faultMessage());
            }
        });
    }

    /** Ends evacuations whose task is over without an answer, and done ones whose source is back with no guest. */
    @EventListener(ApplicationReadyEvent.class)
    @Scheduled(fixedDelayString = "${nubo.compute.migration-reconcile-interval:30s}", initialDelayString = "30s")
    @Transactional
    public void reconcile() {
        for (Migration m : records.unfinished()) {
            if (m.status() == MigrationStatus.DONE) {
                hosts.byName(m.sourceCompute()).filter(src -> scheduler.isUp(src) && src.startedAt() != null
                        && src.startedAt().isAfter(m.updatedAt())
                        && src.lastSeenAt().isAfter(src.startedAt().plus(SOURCE_SETTLED)))
                        .ifPresent(src -> records.transition(m, MigrationStatus.COMPLETED, null));
                continue;
            }
            Optional<Instance> i = servers.byId(m.instanceUuid());
            boolean current = i.isPresent() && !i.get().deleted() && m.actionId() != null
                    && m.actionId().equals(i.get().taskActionId());
            if (!current) {
                records.transition(m, m.status() == MigrationStatus.ACCEPTED ? MigrationStatus.ERROR
                        : MigrationStatus.FAILED, "The evacuation's task ended without an answer from host "
                        + m.destCompute() + ".");
            }
        }
    }

}
