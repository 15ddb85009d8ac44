package io.nubo.computeagent.migration;

import io.nubo.computeagent.command.CommandHandler;
import io.nubo.computeagent.command.Reports;
import io.nubo.computeagent.command.VolumeDisks;
import io.nubo.computeagent.design.GuestNames;
import io.nubo.computeagent.hypervisor.Hypervisor;
import io.nubo.shared.events.compute.AgentReport;
import io.nubo.shared.events.compute.RollbackLiveMigrationAtDestination;

/**
 * After a live migration failed (Nova's {@code rollback_live_migration_at_destination}): the CHAP secrets
 * {@link PreLiveMigrationHandler} defined here for the instance's iSCSI volumes are removed, unless the guest runs
 * here after all (then they are its own now, and nothing is touched).
 */
public final class RollbackAtDestinationHandler implements CommandHandler<RollbackLiveMigrationAtDestination> {

    public static final String OPERATION = "rollback_live_migration";

    private final Hypervisor hypervisor;
    private final Reports reports;

    public RollbackAtDestinationHandler(Hypervisor hypervisor, Reports reports) {
        this.hypervisor = hypervisor;
        this.reports = reports;
    }

    @Override
    public Class<RollbackLiveMigrationAtDestination> command() {
        return RollbackLiveMigrationAtDestination.class;
    }

    @Override
    public String operation(RollbackLiveMigrationAtDestination command) {
        return OPERATION;
    }

    @Override
    public AgentReport handle(RollbackLiveMigrationAtDestination c) {
        if (hypervisor.find(GuestNames.domainName(c.instanceId())).isPresent()) {
            return reports.succeeded(c, OPERATION, null);
        }
        for (String volumeId : c.volumeIds()) {
            String uuid = VolumeDisks.chapSecretUuid(volumeId);
            if (hypervisor.hasSecret(uuid)) {
                hypervisor.undefineSecret(uuid);
            }
        }
        return reports.succeeded(c, OPERATION, null);
    }
}
