package io.nubo.compute.migration;

import io.nubo.compute.error.ComputeError;
import io.nubo.compute.host.ComputeHost;
import io.nubo.compute.host.HostStore;
import io.nubo.compute.scheduler.Scheduler;
import io.nubo.compute.server.Instance;
import io.nubo.compute.server.ServerLifecycle;
import io.nubo.compute.server.ServerService;
import io.nubo.compute.server.state.ServerOperation;
import io.nubo.compute.wire.Access;
import io.nubo.compute.wire.Caller;
import io.nubo.compute.wire.ComputePolicy;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * {@code os-migrateLive} (Nova's {@code compute/api.py live_migrate} with the conductor's pre-checks, synchronous as
 * at 2.1): the instance must be ACTIVE or PAUSED with no task; the destination is the named host, checked (it
 * exists, is enabled and up, is not the source, takes live migrations, offers the source's CPU, has room), or the
 * scheduler's choice among the other hosts; the destination's room is claimed, the task set to {@code migrating},
 * a migration row made ({@code queued}) and the destination's agent asked to prepare ({@link LiveMigrationSteps}),
 * all in one transaction. Every refusal comes before anything moves. {@link MigrationReports} applies what the agents report afterwards.
 */
@Service
public class LiveMigrations {

    private final ServerService servers;
    private final ServerLifecycle lifecycle;
    private final Scheduler scheduler;
    private final HostStore hosts;
    private final MigrationStore store;
    private final LiveMigrationSteps steps;
    private final Access access;
    private final Clock clock;

    LiveMigrations(ServerService servers, ServerLifecycle lifecycle, Scheduler scheduler, HostStore hosts,
                   MigrationStore store, LiveMigrationSteps steps, Access access, Clock clock) {
        this.servers = servers;
        this.lifecycle = lifecycle;
        this.scheduler = scheduler;
        this.hosts = hosts;
        this.store = store;
        this.steps = steps;
        this.access = access;
        this.clock = clock;
    }

    /**
     * The request's fields: {@code host} null lets the scheduler choose; {@code blockMigration} null is 2.25's
     * {@code auto} (a block migration unless the instance's disks are shared: volumes only); {@code force} (2.30,
     * with a named host) bypasses the scheduler's filters: a disabled host is taken.
     */
    public record Request(String host, Boolean blockMigration, boolean diskOverCommit, boolean force) {
    }

    /** Starts the live migration; returns the migration's uuid. */
    @Transactional
    public String start(Caller caller, String serverId, Request r) {
        access.check(ComputePolicy.SERVER_MIGRATE_LIVE, caller);
        Instance i = servers.get(caller, serverId);
        lifecycle.requireAllowed(i, ServerOperation.LIVE_MIGRATE);
        ComputeHost source = hosts.byName(i.host()).orElseThrow(() -> ComputeError.BAD_REQUEST.exception(
                "Compute host " + i.host() + " could not be found."));
        boolean localDisks = i.imageId() != null && !i.imageId().isBlank();
        boolean block = r.blockMigration() == null ? localDisks : r.blockMigration();
        if (!block && localDisks) {
            throw ComputeError.BAD_REQUEST.exception(source.host() + " is not on shared storage: Shared storage"
                    + " live-migration requires either shared storage or boot-from-volume with no local disks.");
        }
        ComputeHost dest = r.host() == null ? chosen(i, source) : named(i, source, r.host(), r.force());
        String actionId = lifecycle.begin(i, ServerOperation.LIVE_MIGRATE, caller);
        Instant now = clock.instant();
        long disk = (long) i.flavor().diskGb() + i.flavor().ephemeralGb();
        Migration m = new Migration(0, UUID.randomUUID().toString(), i.id(), MigrationType.LIVE_MIGRATION,
                MigrationStatus.QUEUED, source.host(), source.host(), dest.host(), dest.host(), dest.hostIp(),
                i.flavor().id(), i.flavor().id(), actionId, i.flavor().vcpus(), i.flavor().ramMb(), disk, true,
                null, null, null, null, null, null, null, caller.userId(), caller.projectId(), now, now);
        store.insert(m);
        steps.prepare(caller, i, m, block);
        return m.uuid();
    }

    /** What the instance needs on a destination; {@code zone} the one it must stay in, or null for any. */
    private static Scheduler.Request need(Instance i, String zone) {
        return new Scheduler.Request(i.flavor().vcpus(), i.flavor().ramMb(),
                (long) i.flavor().diskGb() + i.flavor().ephemeralGb(), zone, null, Set.of(), Set.of(),
                java.util.Map.of());
    }

    /** No host named: the scheduler's choice among the hosts that are not the source, claimed. */
    private ComputeHost chosen(Instance i, ComputeHost source) {
        Scheduler.Placement p = scheduler.place(need(i, i.requestedZone()), h -> h.host().equals(source.host())
                ? Optional.of("is the instance's current host") : destinationProblem(source, h));
        if (!p.placed()) {
            throw ComputeError.BAD_REQUEST.exception(p.noValidHostReason());
        }
        return hosts.byName(p.host()).orElseThrow();
    }

    /**
     * A named host (2.1 bypasses the scheduler's choice, not its checks): Nova's 400s, then the claim. Forced (2.30),
     * the scheduler's filters are bypassed too (a disabled host is taken); up, CPU and room are still checked, as
     * Nova's conductor checks them.
     */
    private ComputeHost named(Instance i, ComputeHost source, String name, boolean force) {
        ComputeHost dest = hosts.byName(name).orElseThrow(() -> ComputeError.BAD_REQUEST.exception(
                "Compute host " + name + " could not be found."));
        if (dest.host().equals(source.host())) {
            throw ComputeError.BAD_REQUEST.exception("Unable to migrate instance (" + i.id() + ") to current host ("
                    + source.host() + ").");
        }
        if ((dest.disabled() && !force) || !scheduler.isUp(dest)) {
            throw ComputeError.BAD_REQUEST.exception("Compute service of " + dest.host()
                    + " is unavailable at this time.");
        }
        Optional<String> cpu = CpuCompatibility.incompatibility(source, dest);
        if (cpu.isPresent()) {
            throw ComputeError.BAD_REQUEST.exception("Unacceptable CPU info: " + cpu.get() + ".");
        }
        destinationProblem(source, dest).ifPresent(why -> {
            throw ComputeError.BAD_REQUEST.exception("Migration pre-check error: host " + dest.host() + " " + why
                    + ".");
        });
        Scheduler.Placement p = force ? scheduler.claimForced(dest.host(), need(i, null))
                : scheduler.claimOn(dest.host(), need(i, null));
        if (!p.placed()) {
            throw ComputeError.BAD_REQUEST.exception("Migration pre-check error: Unable to migrate " + i.id()
                    + " to " + dest.host() + ": the host " + p.noValidHostReason() + ".");
        }
        return dest;
    }

    /** Why {@code h} cannot take a live migration from {@code source} apart from room, or empty. */
    private static Optional<String> destinationProblem(ComputeHost source, ComputeHost h) {
        if (h.migrationLibvirtUri() == null || h.instancesDir() == null) {
            return Optional.of("takes no live migrations (its agent reports no migration address)");
        }
        return CpuCompatibility.incompatibility(source, h).map(why -> "cannot take the guest: " + why);
    }
}
