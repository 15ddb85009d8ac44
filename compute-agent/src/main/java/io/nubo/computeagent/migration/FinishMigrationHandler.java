package io.nubo.computeagent.migration;

import io.nubo.computeagent.command.CommandHandler;
import io.nubo.computeagent.command.Reports;
import io.nubo.computeagent.design.GuestNames;
import io.nubo.computeagent.disk.InstanceStorage;
import io.nubo.computeagent.domain.DomainXmlParser;
import io.nubo.computeagent.hypervisor.Guest;
import io.nubo.computeagent.hypervisor.Hypervisor;
import io.nubo.shared.events.compute.AgentReport;
import io.nubo.shared.events.compute.FinishMigration;
import io.nubo.shared.events.compute.PowerState;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The destination side of a cold migration (Nova's {@code finish_resize}): the guest the source wrote here is
 * defined and started when it ran before (its volumes' secrets and NIC bridges were prepared by
 * {@link PreLiveMigrationHandler}). On failure the guest and files here are removed; the source still has its copy.
 */
public final class FinishMigrationHandler implements CommandHandler<FinishMigration> {

    public static final String OPERATION = "migrate";

    private final Hypervisor hypervisor;
    private final InstanceStorage storage;
    private final Reports reports;
    private final DomainXmlParser parser = new DomainXmlParser();

    public FinishMigrationHandler(Hypervisor hypervisor, InstanceStorage storage, Reports reports) {
        this.hypervisor = hypervisor;
        this.storage = storage;
        this.reports = reports;
    }

    @Override
    public Class<FinishMigration> command() {
        return FinishMigration.class;
    }

    @Override
    public String operation(FinishMigration command) {
        return OPERATION;
    }

    @Override
    public AgentReport handle(FinishMigration c) {
        Optional<Guest> here = hypervisor.find(GuestNames.domainName(c.instanceId()));
        Path definition = storage.dir(c.instanceId()).resolve(ColdMigrationFiles.DEFINITION);
        try {
            Guest g;
            if (here.isPresent()) {
                g = here.get(); // a redelivery: defined already
            } else {
                String xml;
                try {
                    xml = Files.readString(definition);
                } catch (IOException e) {
                    throw new IllegalStateException("host " + reports.host() + " has no files of instance "
                            + c.instanceId() + " from host " + c.source() + ": " + e.getMessage(), e);
                }
                g = hypervisor.define(parser.domain(xml));
            }
            if (c.powerOn() && !g.active()) {
                g.start();
            }
            return reports.succeeded(c, OPERATION, c.powerOn() ? PowerState.RUNNING : PowerState.SHUTDOWN);
        } catch (RuntimeException e) {
            try {
                new ColdMigrationFiles(hypervisor, storage, null, java.time.Duration.ZERO)
                        .removeHere(c.instanceId(), GuestNames.domainName(c.instanceId()));
            } catch (RuntimeException undo) {
                e.addSuppressed(undo);
            }
            throw new IllegalStateException("host " + reports.host() + " could not take instance " + c.instanceId()
                    + ": " + e.getMessage() + "; it stays on host " + c.source(), e);
        }
    }
}
