package io.nubo.computeagent.migration;

import io.nubo.computeagent.command.CommandHandler;
import io.nubo.computeagent.command.Reports;
import io.nubo.computeagent.design.GuestNames;
import io.nubo.computeagent.disk.ConfigDrive;
import io.nubo.computeagent.hypervisor.Guest;
import io.nubo.computeagent.hypervisor.HypervisorException;
import io.nubo.shared.events.compute.AgentReport;
import io.nubo.shared.events.compute.MigrateInstance;
import io.nubo.shared.events.compute.MigrationDestination;
import io.nubo.shared.events.compute.PowerState;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The source side of a cold migration (Nova's {@code resize_instance} with the same flavor): the guest is powered
 * off and written to the destination ({@link ColdMigrationFiles}); the stopped guest and its files stay here until
 * the confirm. The report's power state is the guest's before the move, which the destination restores. On failure
 * what was written on the destination is removed and the guest started again if it ran, so the instance is as it
 * was. A redelivery finds the guest off: it writes again and answers with the power state it finds (off).
 */
public final class MigrateDisksHandler implements CommandHandler<MigrateInstance> {

    public static final String OPERATION = "migrate_disks";
    private static final Logger log = LoggerFactory.getLogger(MigrateDisksHandler.class);

    private final ColdMigrationFiles files;
    private final Reports reports;

    public MigrateDisksHandler(io.nubo.computeagent.hypervisor.Hypervisor hypervisor,
                               io.nubo.computeagent.disk.InstanceStorage storage,
                               io.nubo.computeagent.disk.QemuImg qemuImg, java.time.Duration shutdownTimeout,
                               Reports reports) {
        this.files = new ColdMigrationFiles(hypervisor, storage, qemuImg, shutdownTimeout);
        this.reports = reports;
    }

    @Override
    public Class<MigrateInstance> command() {
        return MigrateInstance.class;
    }

    @Override
    public String operation(MigrateInstance command) {
        return OPERATION;
    }

    @Override
    public AgentReport handle(MigrateInstance c) {
        MigrationDestination to = c.destination();
        if (to == null || to.host() == null || to.instancesDir() == null) {
            throw new IllegalArgumentException("the migration of instance " + c.instanceId()
                    + " names no destination host and instances directory");
        }
        Guest guest = files.hypervisor().find(GuestNames.domainName(c.instanceId())).orElseThrow(() ->
                new HypervisorException("instance " + c.instanceId() + " has no guest on host " + reports.host()));
        DestinationLayout layout = new DestinationLayout(files.storage().dir(c.instanceId()),
                Path.of(to.instancesDir()).resolve(c.instanceId()));
        if (layout.destinationDir().equals(layout.sourceDir())) {
            throw new IllegalArgumentException("host " + to.host() + " has the same instances directory as host "
                    + reports.host() + ": a cold migration between them would overwrite the instance's files");
        }
        boolean running = files.powerOff(guest);
        try {
            files.write(guest, layout);
        } catch (RuntimeException e) {
            ConfigDrive.removeTree(layout.destinationDir());
            if (running) {
                try {
                    guest.start();
                } catch (RuntimeException again) {
                    e.addSuppressed(again);
                    log.warn("Instance {} could not be started again on host {}: {}", c.instanceId(),
                            reports.host(), again.getMessage());
                }
            }
            throw new IllegalStateException("the migration of instance " + c.instanceId() + " to host " + to.host()
                    + " failed: " + e.getMessage() + "; the instance stays on host " + reports.host(), e);
        }
        return reports.succeeded(c, OPERATION, running ? PowerState.RUNNING : PowerState.SHUTDOWN);
    }
}
