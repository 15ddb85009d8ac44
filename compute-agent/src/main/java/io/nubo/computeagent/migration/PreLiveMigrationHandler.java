package io.nubo.computeagent.migration;

import io.nubo.computeagent.command.CommandHandler;
import io.nubo.computeagent.command.NicPlumbing;
import io.nubo.computeagent.command.Reports;
import io.nubo.computeagent.command.VolumeDisks;
import io.nubo.computeagent.domain.SecretDefinition;
import io.nubo.computeagent.hypervisor.Hypervisor;
import io.nubo.shared.events.compute.AgentReport;
import io.nubo.shared.events.compute.PrepareLiveMigration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The destination side before a live migration (Nova's {@code pre_live_migration}): every attached volume is
 * connected here the way an attach connects it (the libvirt secret of an iSCSI CHAP login or of a cephx key the
 * connection brings is defined; an RBD volume whose secret must already be on the host is refused without it), and
 * every NIC's network gets its bridge here. On failure the secrets it defined go again, so a refused destination
 * keeps nothing of the instance. Bridges stay: they are the network's, shared by its guests on this host.
 */
public final class PreLiveMigrationHandler implements CommandHandler<PrepareLiveMigration> {

    public static final String OPERATION = "pre_live_migration";
    private static final Logger log = LoggerFactory.getLogger(PreLiveMigrationHandler.class);

    private final Hypervisor hypervisor;
    private final NicPlumbing nics;
    private final Reports reports;

    public PreLiveMigrationHandler(Hypervisor hypervisor, NicPlumbing nics, Reports reports) {
        this.hypervisor = hypervisor;
        this.nics = nics;
        this.reports = reports;
    }

    @Override
    public Class<PrepareLiveMigration> command() {
        return PrepareLiveMigration.class;
    }

    @Override
    public String operation(PrepareLiveMigration command) {
        return OPERATION;
    }

    @Override
    public AgentReport handle(PrepareLiveMigration c) {
        List<String> defined = new ArrayList<>();
        try {
            for (PrepareLiveMigration.MigratingVolume v : c.volumes()) {
                // the target name is the guest's business: the definition the source sends keeps its own
                VolumeDisks.VolumeDisk plan = VolumeDisks.plan(v.volumeId(), v.connection(), "vdb");
                VolumeDisks.withSecret(hypervisor, v.volumeId(), plan);
                if (plan.secret() != null && plan.secret().usage() == SecretDefinition.Usage.ISCSI) {
                    defined.add(plan.secret().uuid());
                }
            }
            nics.prepare(c.nics());
        } catch (RuntimeException e) {
            for (String uuid : defined) {
                try {
                    hypervisor.undefineSecret(uuid);
                } catch (RuntimeException again) {
                    log.warn("Secret {} defined for instance {} could not be removed again: {}", uuid,
                            c.instanceId(), again.getMessage());
                }
            }
            throw new IllegalStateException("host " + reports.host() + " cannot take instance " + c.instanceId()
                    + ": " + e.getMessage(), e);
        }
        return reports.succeeded(c, OPERATION, null);
    }
}
