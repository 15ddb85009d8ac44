package io.nubo.compute.migration;

import io.nubo.compute.error.ComputeError;
import io.nubo.compute.error.ComputeException;
import io.nubo.compute.flavor.Flavor;
import io.nubo.compute.flavor.FlavorService;
import io.nubo.compute.image.ImageClient;
import io.nubo.compute.quota.QuotaResource;
import io.nubo.compute.quota.QuotaService;
import io.nubo.compute.scheduler.Scheduler;
import io.nubo.compute.server.Instance;
import io.nubo.compute.server.ServerLifecycle;
import io.nubo.compute.server.ServerService;
import io.nubo.compute.server.state.ServerOperation;
import io.nubo.compute.wire.Caller;
import io.nubo.shared.events.compute.ConfirmResize;
import io.nubo.shared.events.compute.FlavorSpec;
import io.nubo.shared.events.compute.ImageSpec;
import io.nubo.shared.events.compute.ResizeInstance;
import io.nubo.shared.events.compute.RevertResize;
import io.nubo.shared.outbox.EventPublisher;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Nova's resize, confirmResize and revertResize ({@code compute/api.py}), on the instance's own host (Nova's
 * {@code allow_resize_to_same_host}, {@code nubo.compute.allow-resize-to-same-host}, on by default: Nubo moves no
 * guest to another host in a resize, so with it off every resize is refused as Nova's scheduler would refuse one
 * with no other host). The resize checks the flavor (another one, a disk no smaller, the quota for the growth), claims
 * the new flavor on the host beside the old one (both are held while the resize can still be reverted, as Nova's
 * placement holds both allocations), makes a {@code resize} migration row ({@code queued}) and sends the command.
 * {@link ResizeReports} applies the answers: the flavor swap, the claims, the row's status.
 */
@Service
public class Resizes {

    private final ServerService servers;
    private final ServerLifecycle lifecycle;
    private final FlavorService flavors;
    private final ImageClient images;
    private final QuotaService quotas;
    private final Scheduler scheduler;
    private final MigrationStore store;
    private final ResizeStore resizes;
    private final EventPublisher publisher;
    private final Clock clock;
    private final boolean sameHost;

    Resizes(ServerService servers, ServerLifecycle lifecycle, FlavorService flavors, ImageClient images,
            QuotaService quotas, Scheduler scheduler, MigrationStore store, ResizeStore resizes,
            EventPublisher publisher, Clock clock,
            @Value("${nubo.compute.allow-resize-to-same-host:true}") boolean sameHost) {
        this.servers = servers;
        this.lifecycle = lifecycle;
        this.flavors = flavors;
        this.images = images;
        this.quotas = quotas;
        this.scheduler = scheduler;
        this.store = store;
        this.resizes = resizes;
        this.publisher = publisher;
        this.clock = clock;
        this.sameHost = sameHost;
    }

    /** What an instance holds on its host with {@code f} (a volume-backed one no local root disk). */
    static long localDisk(Instance i, FlavorSpec f) {
        return (i.imageId() == null || i.imageId().isBlank() ? 0L : f.diskGb()) + f.ephemeralGb();
    }

    /** Starts the resize; returns the migration's uuid. */
    @Transactional
    public String resize(Caller caller, String serverId, String flavorRef) {
        Instance i = servers.get(caller, serverId);
        Flavor flavor = flavors.usable(flavorRef, caller.projectId(), caller.admin()).orElseThrow(
                () -> ComputeError.BAD_REQUEST.exception("Unable to locate requested flavor."));
        lifecycle.requireAllowed(i, ServerOperation.RESIZE);
        if (i.locked() && !caller.admin()) {
            throw ComputeError.LOCKED.exception(i.id());
        }
        FlavorSpec from = i.flavor();
        FlavorSpec to = flavor.spec();
        if (to.id().equals(from.id())) {
            throw ComputeError.BAD_REQUEST.exception("When resizing, instances must change flavor!");
        }
        boolean volumeBacked = i.imageId() == null || i.imageId().isBlank();
        if (!volumeBacked && to.diskGb() < from.diskGb()) {
            throw ComputeError.BAD_REQUEST.exception("Resizing to a smaller disk flavor is not allowed.");
        }
        if (!volumeBacked && to.diskGb() == 0 && from.diskGb() > 0) {
            throw ComputeError.BAD_REQUEST.exception("Resizing to a smaller disk flavor is not allowed.");
        }
        Map<QuotaResource, Integer> growth = new EnumMap<>(QuotaResource.class);
        if (to.vcpus() > from.vcpus()) {
            growth.put(QuotaResource.CORES, to.vcpus() - from.vcpus());
        }
        if (to.ramMb() > from.ramMb()) {
            growth.put(QuotaResource.RAM, to.ramMb() - from.ramMb());
        }
        if (!growth.isEmpty()) {
            quotas.reserve(i.projectId(), i.projectId(), i.userId(), growth);
        }
        if (!sameHost) {
            throw ComputeError.BAD_REQUEST.exception("No valid host was found. The instance's host " + i.host()
                    + " is the only one a resize may use here, and allow_resize_to_same_host is off.");
        }
        ImageSpec image = volumeBacked ? null : image(caller, i);
        long disk = localDisk(i, to);
        Scheduler.Placement p = scheduler.claimOn(i.host(), new Scheduler.Request(to.vcpus(), to.ramMb(), disk, null,
                null, Set.of(), Set.of(), Map.of()));
        if (!p.placed()) {
            throw ComputeError.BAD_REQUEST.exception("No valid host was found. Host " + i.host() + " "
                    + p.noValidHostReason() + ".");
        }
        String actionId = lifecycle.begin(i, ServerOperation.RESIZE, caller);
        Instant now = clock.instant();
        Migration m = new Migration(0, UUID.randomUUID().toString(), i.id(), MigrationType.RESIZE,
                MigrationStatus.QUEUED, i.host(), i.host(), i.host(), i.host(), null, from.id(), to.id(), actionId,
                to.vcpus(), to.ramMb(), disk, true, null, null, null, null, null, null, null, caller.userId(),
                caller.projectId(), now, now);
        store.insert(m);
        resizes.insert(resizes.idOf(m.uuid()), from, to);
        publisher.publish(new ResizeInstance(i.id(), i.host(), actionId, to, from, image), i.id(), i.projectId());
        return m.uuid();
    }

    @Transactional
    public void confirm(Caller caller, String serverId) {
        Instance i = servers.get(caller, serverId);
        finished(i, "confirmResize");
        String actionId = lifecycle.begin(i, ServerOperation.CONFIRM_RESIZE, caller);
        publisher.publish(new ConfirmResize(i.id(), i.host(), actionId), i.id(), i.projectId());
    }

    @Transactional
    public void revert(Caller caller, String serverId) {
        Instance i = servers.get(caller, serverId);
        Migration m = finished(i, "revertResize");
        ResizeStore.Flavors f = resizes.flavors(m.id()).orElseThrow(() -> ComputeError.BAD_REQUEST.exception(
                "Instance " + i.id() + " has no record of the flavor it had before its resize."));
        String actionId = lifecycle.begin(i, ServerOperation.REVERT_RESIZE, caller);
        ImageSpec image = i.imageId() == null || i.imageId().isBlank() ? null : image(caller, i);
        publisher.publish(new RevertResize(i.id(), i.host(), actionId, f.oldFlavor(), image), i.id(),
                i.projectId());
    }

    /** The instance's resize waiting for a confirm or a revert; Nova's 409s (wrong state) and 400 (no migration). */
    private Migration finished(Instance i, String action) {
        ServerOperation op = action.equals("confirmResize") ? ServerOperation.CONFIRM_RESIZE
                : ServerOperation.REVERT_RESIZE;
        lifecycle.requireAllowed(i, op);
        List<Migration> found = store.list(new MigrationStore.Filter(null, MigrationStatus.FINISHED.wire(), i.id(),
                MigrationType.RESIZE.wire(), null));
        if (found.isEmpty()) {
            throw ComputeError.BAD_REQUEST.exception("Instance has not been resized.");
        }
        return found.get(0);
    }

    /** The image the instance was booted from, as the image service has it (or as the instance recorded it). */
    private ImageSpec image(Caller caller, Instance i) {
        try {
            return images.find(caller, i.imageId());
        } catch (ComputeException gone) {
            Map<String, String> props = new java.util.HashMap<>();
            if (i.kernelId() != null) {
                props.put("kernel_id", i.kernelId());
            }
            if (i.ramdiskId() != null) {
                props.put("ramdisk_id", i.ramdiskId());
            }
            return new ImageSpec(i.imageId(), null, null, null, 0, 0, 0, null, null, props, List.of());
        }
    }
}
