package io.nubo.computeagent.migration;

import io.nubo.computeagent.command.CommandHandler;
import io.nubo.computeagent.command.Reports;
import io.nubo.computeagent.design.GuestNames;
import io.nubo.computeagent.disk.InstanceStorage;
import io.nubo.computeagent.hypervisor.Hypervisor;
import io.nubo.shared.events.compute.AgentReport;
import io.nubo.shared.events.compute.RevertMigration;

/**
 * The destination side of a cold migration's revert (Nova's {@code revert_resize}), and the clean-up after a
 * cold migration that failed: the guest here is powered off and undefined, its files removed (the source still
 * has its copy); what is already gone is no failure. The report echoes the command's power state (the instance's
 * before the revert), which the source's start follows.
 */
public final class RevertMigrationHandler implements CommandHandler<RevertMigration> {

    public static final String OPERATION = "revert_migration";

    private final ColdMigrationFiles files;
    private final Reports reports;

    public RevertMigrationHandler(Hypervisor hypervisor, InstanceStorage storage, Reports reports) {
        this.files = new ColdMigrationFiles(hypervisor, storage, null, java.time.Duration.ZERO);
        this.reports = reports;
    }

    @Override
    public Class<RevertMigration> command() {
        return RevertMigration.class;
    }

    @Override
    public String operation(RevertMigration command) {
        return OPERATION;
    }

    @Override
    public AgentReport handle(RevertMigration c) {
        files.removeHere(c.instanceId(), GuestNames.domainName(c.instanceId()));
        return reports.succeeded(c, OPERATION, c.powerState());
    }
}
