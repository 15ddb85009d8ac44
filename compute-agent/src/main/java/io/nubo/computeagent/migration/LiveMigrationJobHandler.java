package io.nubo.computeagent.migration;

import io.nubo.computeagent.command.CommandHandler;
import io.nubo.computeagent.command.Reports;
import io.nubo.computeagent.design.GuestNames;
import io.nubo.computeagent.hypervisor.Guest;
import io.nubo.computeagent.hypervisor.Hypervisor;
import io.nubo.shared.events.compute.AbortLiveMigration;
import io.nubo.shared.events.compute.AgentReport;
import io.nubo.shared.events.compute.ComputeCommand;
import io.nubo.shared.events.compute.ForceCompleteLiveMigration;
import io.nubo.shared.events.compute.PowerState;

/**
 * What an operator does to a live migration under way on this (the source) host, beside the move that
 * {@link LiveMigrationHandler} runs (the agent's job consumer delivers these while that one waits for libvirt):
 * {@link ForceCompleteLiveMigration} pauses the guest so that its memory stops changing and the copy converges
 * (Nova's libvirt driver does the same; libvirt starts the guest's CPUs on the destination when the move ends);
 * {@link AbortLiveMigration} aborts libvirt's job, so the move fails with the guest still running here. Either
 * is refused when the guest has no job under way (the move has ended, or not begun).
 */
public final class LiveMigrationJobHandler<C extends ComputeCommand> implements CommandHandler<C> {

    public static final String FORCE_COMPLETE = "live_migration_force_complete";
    public static final String ABORT = "live_migration_abort";

    private final Class<C> type;
    private final String operation;
    private final Hypervisor hypervisor;
    private final Reports reports;

    private LiveMigrationJobHandler(Class<C> type, String operation, Hypervisor hypervisor, Reports reports) {
        this.type = type;
        this.operation = operation;
        this.hypervisor = hypervisor;
        this.reports = reports;
    }

    public static LiveMigrationJobHandler<ForceCompleteLiveMigration> forceComplete(Hypervisor h, Reports r) {
        return new LiveMigrationJobHandler<>(ForceCompleteLiveMigration.class, FORCE_COMPLETE, h, r);
    }

    public static LiveMigrationJobHandler<AbortLiveMigration> abort(Hypervisor h, Reports r) {
        return new LiveMigrationJobHandler<>(AbortLiveMigration.class, ABORT, h, r);
    }

    /** The commands the job consumer takes, apart from the ones that wait their turn behind the move. */
    public static boolean isJobControl(ComputeCommand c) {
        return c instanceof ForceCompleteLiveMigration || c instanceof AbortLiveMigration;
    }

    @Override
    public Class<C> command() {
        return type;
    }

    @Override
    public String operation(C command) {
        return operation;
    }

    @Override
    public AgentReport handle(C c) {
        Guest guest = hypervisor.find(GuestNames.domainName(c.instanceId())).orElseThrow(() ->
                new IllegalStateException("instance " + c.instanceId() + " has no guest on host " + reports.host()));
        if (guest.job() == null) {
            throw new IllegalStateException("instance " + c.instanceId() + " has no live migration under way on host "
                    + reports.host());
        }
        PowerState before = guest.powerState();
        if (type == AbortLiveMigration.class) {
            guest.abortJob();
            return reports.succeeded(c, operation, before);
        }
        if (before == PowerState.RUNNING) {
            guest.pause();
        }
        return reports.succeeded(c, operation, PowerState.PAUSED);
    }
}
