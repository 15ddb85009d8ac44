package io.nubo.compute.agent;

import io.nubo.compute.evacuate.EvacuationReports;
import io.nubo.compute.host.HostRegistry;
import io.nubo.compute.migration.MigrationReports;
import io.nubo.compute.migration.ResizeReports;
import io.nubo.compute.server.AgentReplies;
import io.nubo.compute.server.ServerLifecycle;
import io.nubo.compute.shelve.ShelveReports;
import io.nubo.shared.events.EventCodec;
import io.nubo.shared.events.EventEnvelope;
import io.nubo.shared.events.Topics;
import io.nubo.shared.events.compute.ConsoleOutput;
import io.nubo.shared.events.compute.HostStatus;
import io.nubo.shared.events.compute.InstanceReport;
import io.nubo.shared.events.compute.MigrationProgress;
import io.nubo.shared.outbox.InboxGuard;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Reads the agents' reports ({@link Topics#COMPUTE_AGENT}). Host status and instance reports are applied once per
 * cloud (one consumer group, each event in one transaction with its inbox entry, so a redelivery is skipped);
 * console output is read by every API instance (a group of its own), since the request waiting for it may be on
 * any of them.
 */
@Component
class AgentReportConsumer {

    static final String CONSUMER = "compute-api.agent-reports";
    private static final Logger log = LoggerFactory.getLogger(AgentReportConsumer.class);
    private static final String CONSOLE_TYPE = EventCodec.contractOf(ConsoleOutput.class).type();

    private final EventCodec codec;
    private final InboxGuard inbox;
    private final TransactionTemplate tx;
    private final HostRegistry hosts;
    private final ServerLifecycle lifecycle;
    private final AgentReplies replies;
    private final MigrationReports migrations;
    private final ResizeReports resizes;
    private final io.nubo.compute.migration.ColdMigrationReports coldMigrations;
    private final ShelveReports shelves;
    private final EvacuationReports evacuations;
    private final java.util.List<InstanceReportListener> listeners;

    AgentReportConsumer(EventCodec codec, InboxGuard inbox, PlatformTransactionManager tx, HostRegistry hosts,
                        ServerLifecycle lifecycle, AgentReplies replies, MigrationReports migrations,
                        ResizeReports resizes, ShelveReports shelves, EvacuationReports evacuations,
                        io.nubo.compute.migration.ColdMigrationReports coldMigrations,
                        java.util.List<InstanceReportListener> listeners) {
        this.listeners = listeners;
        this.shelves = shelves;
        this.evacuations = evacuations;
        this.coldMigrations = coldMigrations;
        this.migrations = migrations;
        this.resizes = resizes;
        this.codec = codec;
        this.inbox = inbox;
        this.tx = new TransactionTemplate(tx);
        this.hosts = hosts;
        this.lifecycle = lifecycle;
        this.replies = replies;
    }

    @KafkaListener(id = "compute-api-agent-reports", topics = Topics.COMPUTE_AGENT, groupId = "compute-api",
            autoStartup = "${nubo.compute.consume-agent-reports:true}")
    void report(String json) {
        codec.decode(json, bad -> log.warn("Skipping an unreadable agent report: {}", bad.toString()))
                .filter(e -> !CONSOLE_TYPE.equals(e.eventType()))
                .ifPresent(this::apply);
    }

    /** Applies one report exactly once (public to the package for tests that feed envelopes directly). */
    void apply(EventEnvelope e) {
        tx.executeWithoutResult(s -> {
            if (!inbox.firstDelivery(e.eventId(), CONSUMER)) {
                return;
            }
            HostStatus status = codec.payload(e, HostStatus.class);
            if (status != null) {
                hosts.heartbeat(status);
                return;
            }
            InstanceReport report = codec.payload(e, InstanceReport.class);
            if (report != null) {
                migrations.beforeLifecycle(report);
                resizes.beforeLifecycle(report);
                coldMigrations.beforeLifecycle(report);
                shelves.beforeLifecycle(report);
                evacuations.beforeLifecycle(report);
                listeners.forEach(l -> l.reported(report));
                lifecycle.apply(report);
                return;
            }
            MigrationProgress progress = codec.payload(e, MigrationProgress.class);
            if (progress != null) {
                migrations.progress(progress);
            }
        });
    }

    @KafkaListener(id = "compute-api-console-output", topics = Topics.COMPUTE_AGENT,
            groupId = "compute-api-console-${random.uuid}", properties = "auto.offset.reset=latest",
            autoStartup = "${nubo.compute.consume-agent-reports:true}")
    void console(String json) {
        // Unlogged: report() reads the same topic and logs each unreadable record once.
        codec.decode(json, unreadable -> { })
                .map(e -> codec.payload(e, ConsoleOutput.class))
                .ifPresent(replies::consoleOutput);
    }

}
