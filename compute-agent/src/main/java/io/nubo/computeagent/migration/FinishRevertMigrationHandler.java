package io.nubo.computeagent.migration;

import io.nubo.computeagent.command.CommandHandler;
import io.nubo.computeagent.command.Reports;
import io.nubo.computeagent.design.GuestNames;
import io.nubo.computeagent.hypervisor.Guest;
import io.nubo.computeagent.hypervisor.Hypervisor;
import io.nubo.computeagent.hypervisor.HypervisorException;
import io.nubo.shared.events.compute.AgentReport;
import io.nubo.shared.events.compute.FinishRevertMigration;
import io.nubo.shared.events.compute.PowerState;

/**
 * The source side of a cold migration's revert (Nova's {@code finish_revert_resize}), and of a cold migration
 * that failed after the guest was powered off here: the guest kept here is started again when it ran.
 */
public final class FinishRevertMigrationHandler implements CommandHandler<FinishRevertMigration> {

    private final Hypervisor hypervisor;
    private final Reports reports;

    public FinishRevertMigrationHandler(Hypervisor hypervisor, Reports reports) {
        this.hypervisor = hypervisor;
        this.reports = reports;
    }

    @Override
    public Class<FinishRevertMigration> command() {
        return FinishRevertMigration.class;
    }

    @Override
    public String operation(FinishRevertMigration command) {
        return command.operation() == null ? "revert_resize" : command.operation();
    }

    @Override
    public AgentReport handle(FinishRevertMigration c) {
        Guest g = hypervisor.find(GuestNames.domainName(c.instanceId())).orElseThrow(() -> new HypervisorException(
                "instance " + c.instanceId() + " has no guest on host " + reports.host() + " to go back to"));
        if (c.powerOn() && !g.active()) {
            g.start();
        }
        return reports.succeeded(c, operation(c), g.active() ? PowerState.RUNNING : PowerState.SHUTDOWN);
    }
}
