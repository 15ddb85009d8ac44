package io.nubo.computeagent.migration;

import io.nubo.computeagent.command.CommandHandler;
import io.nubo.computeagent.command.Reports;
import io.nubo.computeagent.command.VolumeDisks;
import io.nubo.computeagent.design.GuestNames;
import io.nubo.computeagent.disk.InstanceStorage;
import io.nubo.computeagent.disk.QemuImg;
import io.nubo.computeagent.domain.DiskDevice;
import io.nubo.computeagent.domain.DomainDefinition;
import io.nubo.computeagent.hypervisor.Guest;
import io.nubo.computeagent.hypervisor.Hypervisor;
import io.nubo.computeagent.hypervisor.HypervisorException;
import io.nubo.computeagent.hypervisor.JobProgress;
import io.nubo.computeagent.hypervisor.MigrationRequest;
import io.nubo.shared.events.compute.AgentReport;
import io.nubo.shared.events.compute.LiveMigrateInstance;
import io.nubo.shared.events.compute.MigrationDestination;
import io.nubo.shared.events.compute.MigrationProgress;
import io.nubo.shared.events.compute.PowerState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The source side of a live migration (Nova's {@code live_migration} on the source compute): prepares the
 * destination's instance directory, lets libvirt move the running guest peer to peer (with its local disks over
 * NBD in a block migration), reports progress meanwhile, and removes the source's files once the guest runs on
 * the destination. On failure libvirt keeps the guest running here; the prepared files on the destination are
 * removed and the report says why and that the instance still runs here. The destination agent takes the guest
 * over by its lifecycle event ({@code RESUMED/MIGRATED}) and, after a restart, by its reconcile. The destination's
 * agent has prepared before ({@link PreLiveMigrationHandler}); a block migration copies only the local disks, and
 * after the move the CHAP secrets of the guest's iSCSI volumes are removed here. A command delivered again after this
 * agent died during the move waits for libvirtd's job to end, then answers from where it left the guest.
 */
public final class LiveMigrationHandler implements CommandHandler<LiveMigrateInstance> {

    public static final String OPERATION = "live_migration";
    private static final Logger log = LoggerFactory.getLogger(LiveMigrationHandler.class);
    private static final Duration JOB_WAIT = Duration.ofMinutes(10);

    private final Hypervisor hypervisor;
    private final InstanceStorage storage;
    private final DestinationFiles files;
    private final Reports reports;
    private final Consumer<MigrationProgress> progress;
    private final Duration progressInterval;

    /** {@code progress} receives the reports sent while the move runs (the agent publishes each at once). */
    public LiveMigrationHandler(Hypervisor hypervisor, InstanceStorage storage, QemuImg qemuImg, Reports reports,
                                Consumer<MigrationProgress> progress, Duration progressInterval) {
        this.hypervisor = hypervisor;
        this.storage = storage;
        this.files = new DestinationFiles(qemuImg);
        this.reports = reports;
        this.progress = progress;
        this.progressInterval = progressInterval;
    }

    @Override
    public Class<LiveMigrateInstance> command() {
        return LiveMigrateInstance.class;
    }

    @Override
    public String operation(LiveMigrateInstance command) {
        return OPERATION;
    }

    @Override
    public AgentReport handle(LiveMigrateInstance c) {
        MigrationDestination to = c.destination();
        if (to == null || to.host() == null || to.libvirtUri() == null || to.instancesDir() == null) {
            throw new IllegalArgumentException("the live migration of instance " + c.instanceId()
                    + " names no destination host, libvirt URI and instances directory");
        }
        DestinationLayout layout = new DestinationLayout(storage.dir(c.instanceId()),
                Path.of(to.instancesDir()).resolve(c.instanceId()));
        Optional<Guest> found = hypervisor.find(GuestNames.domainName(c.instanceId()));
        if (found.isPresent() && awaitedJob(found.get())) {
            // a move this agent began before it restarted, which libvirtd carried on: see where it left the guest
            found = hypervisor.find(GuestNames.domainName(c.instanceId()));
        }
        if (found.isEmpty()) {
            if (Files.exists(layout.destinationDir())) {
                // a redelivery after the move was done (the agent stopped before its report went out, or during
                // the move, which libvirtd finished on its own): the guest is defined here until the move
                // succeeds (it is persistent, and undefined by the move itself), so what is left here is no one's
                storage.remove(c.instanceId());
                return reports.succeeded(c, OPERATION, PowerState.RUNNING);
            }
            throw new HypervisorException("instance " + c.instanceId() + " has no guest on host " + reports.host());
        }
        Guest guest = found.get();
        PowerState power = guest.powerState();
        if (power != PowerState.RUNNING && power != PowerState.PAUSED) {
            throw new IllegalStateException("instance " + c.instanceId() + " is " + power
                    + " on host " + reports.host() + ": only a running or paused instance migrates live");
        }
        DomainDefinition here = guest.migratableDefinition();
        List<DiskDevice> local = layout.localDisks(here).stream().filter(d -> !d.readOnly()).toList();
        if (!local.isEmpty() && !c.blockMigration()) {
            throw new IllegalArgumentException("instance " + c.instanceId() + " has local disks ("
                    + String.join(", ", local.stream().map(DiskDevice::targetDev).toList())
                    + ") that are not on shared storage: only a block migration moves them");
        }
        long t0 = System.nanoTime();
        progress.accept(progress(c, "preparing", null, t0));
        files.prepare(here, layout);
        long prepared = System.nanoTime();
        MigrationRequest request = new MigrationRequest(to.libvirtUri(), to.migrationUri(),
                layout.xml(guest.migratableXml()), c.blockMigration(), local.stream().map(DiskDevice::targetDev).toList(),
                !fileVolumes(here, layout).isEmpty());
        try (ProgressReporter reporter = new ProgressReporter(guest, progressInterval,
                job -> progress.accept(progress(c, "copying", job, t0)))) {
            guest.migrate(request);
        } catch (HypervisorException e) {
            throw failed(c, guest, layout, e, power);
        }
        long moved = System.nanoTime();
        storage.remove(c.instanceId());
        releaseSecrets(here);
        log.info("Live migration of instance {} to host {}: prepared in {} ms, libvirt moved it in {} ms, the "
                + "source's files removed in {} ms", c.instanceId(), to.host(), (prepared - t0) / 1_000_000,
                (moved - prepared) / 1_000_000, (System.nanoTime() - moved) / 1_000_000);
        // libvirt keeps a paused guest paused on the destination
        return reports.succeeded(c, OPERATION, power);
    }

    /**
     * The guest's writable file disks outside its instance directory that are volumes (the volume id in their
     * serial) with host caching off: block storage's connection names the same path for every host it connects
     * (the destination's preparation had its own), so both hosts reach the same file, which libvirt cannot tell on
     * a local filesystem. Only when every writable disk is copied, on the network or such a volume does the move
     * go ahead without libvirt's check; any other file disk keeps it.
     */
    static List<DiskDevice> fileVolumes(DomainDefinition here, DestinationLayout layout) {
        List<DiskDevice> local = layout.localDisks(here);
        List<DiskDevice> volumes = new java.util.ArrayList<>();
        for (DiskDevice d : here.disks()) {
            if (d.readOnly() || local.contains(d) || !(d.source() instanceof DiskDevice.FileSource)) {
                continue;
            }
            if (d.serial() == null || !"none".equals(d.cache())) {
                return List.of();
            }
            volumes.add(d);
        }
        return volumes;
    }

    /** Waits (up to {@link #JOB_WAIT}) while the guest has a job under way; true if it had one. */
    private static boolean awaitedJob(Guest guest) {
        long deadline = System.nanoTime() + JOB_WAIT.toNanos();
        boolean had = false;
        while (System.nanoTime() < deadline) {
            JobProgress job;
            try {
                job = guest.job();
            } catch (RuntimeException e) {
                return had;
            }
            if (job == null) {
                return had;
            }
            had = true;
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return had;
            }
        }
        throw new IllegalStateException("guest " + guest.name() + " still has a job under way after " + JOB_WAIT);
    }

    /**
     * The guest runs on the destination: the secrets this host defined for its iSCSI volumes' CHAP logins are no
     * longer used here (the destination defined its own before the move). Best effort: the move is done.
     */
    private void releaseSecrets(DomainDefinition here) {
        for (String uuid : VolumeDisks.secretsOwnedBy(here)) {
            try {
                hypervisor.undefineSecret(uuid);
            } catch (RuntimeException e) {
                log.warn("Secret {} of migrated instance {} could not be removed from host {}: {}", uuid,
                        here.name(), reports.host(), e.getMessage());
            }
        }
    }

    private HypervisorException failed(LiveMigrateInstance c, Guest guest, DestinationLayout layout,
                                       HypervisorException cause, PowerState before) {
        String where;
        boolean stillHere = false;
        try {
            stillHere = guest.active();
            where = stillHere ? "; the instance still runs on host " + reports.host()
                    : "; the instance is no longer running on host " + reports.host();
        } catch (HypervisorException e) {
            where = "; host " + reports.host() + " cannot tell whether it still runs (" + e.getMessage() + ")";
        }
        if (stillHere) {
            // only then is nothing on the destination in use; otherwise its files may be the guest's now
            files.remove(layout);
            resumeIfForced(guest, before);
        }
        return new HypervisorException("live migration of instance " + c.instanceId() + " to host "
                + c.destination().host() + " failed: " + cause.getMessage() + where, cause, false);
    }

    /** A guest a force-complete paused ({@link LiveMigrationJobHandler}) runs again once the move has failed. */
    private void resumeIfForced(Guest guest, PowerState before) {
        try {
            if (before == PowerState.RUNNING && guest.powerState() == PowerState.PAUSED) {
                guest.unpause();
            }
        } catch (HypervisorException e) {
            log.warn("Guest {} stays paused on host {} after its failed live migration: {}", guest.name(),
                    reports.host(), e.getMessage());
        }
    }

    private MigrationProgress progress(LiveMigrateInstance c, String phase,
                                       JobProgress job, long t0) {
        long elapsed = (System.nanoTime() - t0) / 1_000_000;
        return new MigrationProgress(c.instanceId(), reports.host(), c.actionId(), c.destination().host(), phase,
                job == null ? 0 : job.dataTotal(), job == null ? 0 : job.dataProcessed(),
                job == null ? 0 : job.dataRemaining(), elapsed, reports.now());
    }
}
