package io.nubo.computeagent.command;

import io.nubo.computeagent.domain.DiskDevice;
import io.nubo.computeagent.hypervisor.Guest;
import io.nubo.computeagent.hypervisor.Hypervisor;
import io.nubo.shared.events.compute.AgentReport;
import io.nubo.shared.events.compute.DetachVolume;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Unplugs a volume, found by its id in the disk's {@code <serial>}; a volume not attached is already detached. A
 * running guest releases the disk when it answers the unplug request (ACPI), which libvirt does not wait for: the
 * handler waits until the disk is gone from the live definition, asking again every few seconds (a guest still
 * booting ignores the first request, as Nova's detach retries know), so block storage may end the connection (an
 * iSCSI export, say) only once qemu let go of it. The CHAP secret Nubo defined for an iSCSI volume goes with it.
 */
public final class DetachVolumeHandler implements CommandHandler<DetachVolume> {

    private static final Logger log = LoggerFactory.getLogger(DetachVolumeHandler.class);
    static final Duration RELEASE_TIMEOUT = Duration.ofSeconds(150);
    /** how often the unplug request is sent again while the guest holds on (Nova's detach retries) */
    static final Duration ASK_AGAIN = Duration.ofSeconds(5);

    private final Hypervisor hypervisor;
    private final Reports reports;

    public DetachVolumeHandler(Hypervisor hypervisor, Reports reports) {
        this.hypervisor = hypervisor;
        this.reports = reports;
    }

    @Override
    public Class<DetachVolume> command() {
        return DetachVolume.class;
    }

    @Override
    public String operation(DetachVolume command) {
        return "detach_volume";
    }

    @Override
    public AgentReport handle(DetachVolume c) {
        Guest g = Guests.require(hypervisor, c.instanceId());
        Optional<DiskDevice> disk = find(g, c.volumeId());
        if (disk.isPresent()) {
            boolean live = g.active();
            g.detach(disk.get(), live);
            if (live) {
                awaitRelease(g, disk.get(), c.volumeId());
            }
            if (disk.get().source() instanceof DiskDevice.NetworkSource net && net.auth() != null
                    && VolumeDisks.chapSecretUuid(c.volumeId()).equals(net.auth().secretUuid())) {
                hypervisor.undefineSecret(net.auth().secretUuid());
            }
        }
        return reports.succeeded(c, "detach_volume", g.powerState());
    }

    private static Optional<DiskDevice> find(Guest g, String volumeId) {
        return g.definition().disks().stream().filter(d -> volumeId.equals(d.serial())).findFirst();
    }

    private static void awaitRelease(Guest g, DiskDevice disk, String volumeId) {
        long deadline = System.nanoTime() + RELEASE_TIMEOUT.toNanos();
        long askAgain = System.nanoTime() + ASK_AGAIN.toNanos();
        while (find(g, volumeId).isPresent()) {
            if (System.nanoTime() > askAgain && g.active()) {
                askAgain = System.nanoTime() + ASK_AGAIN.toNanos();
                try {
                    g.requestLiveDetach(disk);
                } catch (RuntimeException e) {
                    // libvirt says an unplug is in progress, or the disk went meanwhile: keep waiting
                    log.debug("asking again to unplug {}: {}", volumeId, e.getMessage());
                }
            }
            if (System.nanoTime() > deadline || !g.active()) {
                if (g.active()) {
                    throw new IllegalStateException("the guest did not release volume " + volumeId + " within "
                            + RELEASE_TIMEOUT.toSeconds() + " s (it may not answer ACPI unplug requests)");
                }
                return;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the guest to release " + volumeId, e);
            }
        }
    }
}
