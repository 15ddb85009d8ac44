package io.nubo.computeagent.migration;

import io.nubo.computeagent.command.CommandHandler;
import io.nubo.computeagent.command.Reports;
import io.nubo.computeagent.design.GuestNames;
import io.nubo.computeagent.disk.InstanceStorage;
import io.nubo.computeagent.hypervisor.Hypervisor;
import io.nubo.shared.events.compute.AgentReport;
import io.nubo.shared.events.compute.ConfirmMigration;

/**
 * The source side of a cold migration's confirm (Nova's {@code confirm_resize}): the stopped guest kept here is
 * undefined and its files removed; a guest already gone is no failure. The report carries the instance's power on
 * the destination, which the confirm keeps.
 */
public final class ConfirmMigrationHandler implements CommandHandler<ConfirmMigration> {

    private final ColdMigrationFiles files;
    private final Reports reports;

    public ConfirmMigrationHandler(Hypervisor hypervisor, InstanceStorage storage, Reports reports) {
        this.files = new ColdMigrationFiles(hypervisor, storage, null, java.time.Duration.ZERO);
        this.reports = reports;
    }

    @Override
    public Class<ConfirmMigration> command() {
        return ConfirmMigration.class;
    }

    @Override
    public String operation(ConfirmMigration command) {
        return "confirm_resize";
    }

    @Override
    public AgentReport handle(ConfirmMigration c) {
        files.removeHere(c.instanceId(), GuestNames.domainName(c.instanceId()));
        return reports.succeeded(c, "confirm_resize", c.powerState());
    }
}
