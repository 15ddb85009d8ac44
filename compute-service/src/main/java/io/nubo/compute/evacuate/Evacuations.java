package io.nubo.compute.evacuate;

import io.nubo.compute.error.ComputeError;
import io.nubo.compute.host.ComputeHost;
import io.nubo.compute.host.HostStore;
import io.nubo.compute.image.ImageClient;
import io.nubo.compute.migration.EvacuationRecords;
import io.nubo.compute.migration.Migration;
import io.nubo.compute.migration.MigrationStatus;
import io.nubo.compute.scheduler.Scheduler;
import io.nubo.compute.server.GuestRespawn;
import io.nubo.compute.server.Instance;
import io.nubo.compute.server.ServerLifecycle;
import io.nubo.compute.server.state.ServerOperation;
import io.nubo.compute.server.state.TaskState;
import io.nubo.compute.wire.Caller;
import io.nubo.shared.events.compute.ImageSpec;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Nova's evacuate ({@code compute/api.py evacuate}, the conductor's {@code rebuild_instance} and the destination's
 * rebuild with {@code evacuate=True}): a named host must exist (404) and not be the server's own (400); the server
 * must be ACTIVE, STOPPED or ERROR with no task (409); its host's compute service must be down, forced down or its
 * heartbeat stale (else Nova's 400 "Compute service of HOST is still in use."). Then, in one transaction: the task
 * {@code rebuilding}, an {@code evacuate} action, an {@code evacuation} migration {@code accepted}; the destination
 * (a named host: forced, as below 2.29 or with 2.29's {@code force}, only up and with room, the scheduler's filters
 * bypassed; else checked by the scheduler's filters; or the scheduler's choice among the other hosts) claimed, the migration {@code pre-migrating}, the source's claim given back, the server
 * placed there, task {@code rebuild_spawning}, and the spawn sent ({@link GuestRespawn}: ports bound, volumes
 * connected for the destination) from the server's image (its local disk died with the host) or its root volume.
 * No host: the migration {@code error}, the server ERROR on its dead host with Nova's "No valid host" fault.
 * {@link EvacuationReports} applies the answers and cleans up the source when it returns.
 */
@Service
class Evacuations {

    private final ServerLifecycle lifecycle;
    private final HostStore hosts;
    private final Scheduler scheduler;
    private final EvacuationRecords records;
    private final ImageClient images;
    private final GuestRespawn respawn;
    private final Clock clock;

    Evacuations(ServerLifecycle lifecycle, HostStore hosts, Scheduler scheduler, EvacuationRecords records,
                ImageClient images, GuestRespawn respawn, Clock clock) {
        this.lifecycle = lifecycle;
        this.hosts = hosts;
        this.scheduler = scheduler;
        this.records = records;
        this.images = images;
        this.respawn = respawn;
        this.clock = clock;
    }

    static long localDisk(Instance i) {
        return (i.imageId() == null || i.imageId().isBlank() ? 0L : i.flavor().diskGb()) + i.flavor().ephemeralGb();
    }

    @Transactional
    public void evacuate(Caller caller, Instance i, String host, boolean force) {
        if (host != null && hosts.byName(host).isEmpty()) {
            throw ComputeError.NOT_FOUND.exception("Compute host " + host + " not found.");
        }
        if (host != null && host.equals(i.host())) {
            throw ComputeError.BAD_REQUEST.exception("The target host can't be the same one.");
        }
        lifecycle.requireAllowed(i, ServerOperation.EVACUATE);
        ComputeHost source = hosts.byName(i.host()).orElseThrow(() -> ComputeError.HOST_NOT_FOUND.exception(
                i.host()));
        if (scheduler.isUp(source)) {
            throw ComputeError.BAD_REQUEST.exception("Compute service of " + source.host() + " is still in use.");
        }
        // the image is read before anything moves: one that is gone is Nova's 400, nothing changed
        ImageSpec image = i.imageId() == null || i.imageId().isBlank() ? null : images.find(caller, i.imageId());
        String actionId = lifecycle.begin(i, ServerOperation.EVACUATE, caller);
        Scheduler.Request need = new Scheduler.Request(i.flavor().vcpus(), i.flavor().ramMb(), localDisk(i),
                host == null ? i.requestedZone() : null, null, Set.of(), Set.of(), Map.of());
        Scheduler.Placement p = host == null
                ? scheduler.place(need, h -> h.host().equals(source.host())
                        ? Optional.of("is the instance's current host") : Optional.empty())
                : force ? scheduler.claimForced(host, need) : scheduler.claimOn(host, need);
        Migration m = records.accepted(i, p.placed() ? p.host() : host, actionId, localDisk(i), caller);
        if (!p.placed()) {
            String why = host == null ? p.noValidHostReason()
                    : "No valid host was found. " + host + " " + p.noValidHostReason() + ".";
            records.transition(m, MigrationStatus.ERROR, why);
            lifecycle.failed(i, ServerOperation.EVACUATE, actionId, why, null, clock.instant());
            return;
        }
        records.transition(m, MigrationStatus.PRE_MIGRATING, null);
        if (i.claimed()) {
            scheduler.release(source.host(), i.flavor().vcpus(), i.flavor().ramMb(), localDisk(i));
        }
        lifecycle.placed(i, p.host(), p.zone());
        lifecycle.advance(i, actionId, TaskState.REBUILDING, TaskState.REBUILD_SPAWNING);
        respawn.spawnOn(caller, i, p.host(), p.zone(), image, actionId);
    }
}
