package io.nubo.computeagent.migration;

import io.nubo.computeagent.command.VolumeDisks;
import io.nubo.computeagent.disk.ConfigDrive;
import io.nubo.computeagent.disk.DiskException;
import io.nubo.computeagent.disk.InstanceStorage;
import io.nubo.computeagent.disk.QemuImg;
import io.nubo.computeagent.domain.DiskDevice;
import io.nubo.computeagent.domain.DomainDefinition;
import io.nubo.computeagent.hypervisor.Guest;
import io.nubo.computeagent.hypervisor.Hypervisor;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The files of a cold migration, shared by its handlers. The source writes the guest into the destination's
 * instance directory: each local disk converted by {@code qemu-img convert} into a standalone image of its format
 * (the backing chain flattened, so the destination needs no image cache entry), the kernel, ramdisk and console
 * log copied, and the guest's definition with every path moved there ({@value #DEFINITION}), which the destination's
 * agent defines. The destination's instances directory must be reachable from the source agent at the path its
 * host reports, as for a block live migration ({@link DestinationFiles}): one machine's hosts, or a directory both
 * mount.
 */
final class ColdMigrationFiles {

    static final String DEFINITION = "migrated-domain.xml";
    private static final Logger log = LoggerFactory.getLogger(ColdMigrationFiles.class);

    private final Hypervisor hypervisor;
    private final InstanceStorage storage;
    private final QemuImg qemuImg;
    private final Duration shutdownTimeout;

    ColdMigrationFiles(Hypervisor hypervisor, InstanceStorage storage, QemuImg qemuImg, Duration shutdownTimeout) {
        this.hypervisor = hypervisor;
        this.storage = storage;
        this.qemuImg = qemuImg;
        this.shutdownTimeout = shutdownTimeout;
    }

    Hypervisor hypervisor() {
        return hypervisor;
    }

    InstanceStorage storage() {
        return storage;
    }

    /** Writes the (powered off) guest's files and definition into {@code layout}'s destination directory. */
    void write(Guest guest, DestinationLayout layout) {
        DomainDefinition here = guest.migratableDefinition();
        for (DiskDevice d : here.disks()) {
            boolean local = layout.localDisks(here).contains(d);
            if (!local && d.serial() == null && !(d.source() instanceof DiskDevice.FileSource)) {
                throw new IllegalStateException("disk " + d.targetDev() + " of instance " + here.name()
                        + " is neither a local file nor a volume: a cold migration moves only local disks");
            }
        }
        Path dir = layout.destinationDir();
        ConfigDrive.removeTree(dir);
        DestinationFiles.makeDir(dir);
        for (DiskDevice disk : layout.localDisks(here)) {
            Path from = Path.of(((DiskDevice.FileSource) disk.source()).path());
            String format = disk.driverFormat() == null ? "raw" : disk.driverFormat();
            qemuImg.convert(from, layout.moved(from), format, false);
        }
        DestinationFiles.copyBootAndConsole(here, layout);
        try {
            Files.writeString(dir.resolve(DEFINITION), layout.xml(guest.migratableXml()), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new DiskException("cannot write the definition of instance " + here.name() + " on the"
                    + " destination: " + e.getMessage(), e);
        }
    }

    /** Powers the guest off (cleanly, then by force); true if it ran. */
    boolean powerOff(Guest g) {
        boolean running = g.active();
        if (!running) {
            return false;
        }
        try {
            g.shutdown();
        } catch (RuntimeException e) {
            log.info("Guest {} did not take the shutdown request: {}", g.name(), e.getMessage());
        }
        long deadline = System.nanoTime() + shutdownTimeout.toNanos();
        while (g.active() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        if (g.active()) {
            g.destroy();
        }
        return true;
    }

    /**
     * Removes the instance's guest and files from this host: what a confirm does on the source and a revert on the
     * destination (the secrets of its iSCSI volumes with it; its RBD images, if any, are shared and stay).
     */
    void removeHere(String instanceId, String domainName) {
        hypervisor.find(domainName).ifPresent(g -> {
            java.util.List<String> secrets = VolumeDisks.secretsOwnedBy(g.definition());
            if (g.active()) {
                g.destroy();
            }
            g.undefine();
            for (String uuid : secrets) {
                try {
                    hypervisor.undefineSecret(uuid);
                } catch (RuntimeException e) {
                    log.warn("Secret {} of instance {} could not be removed: {}", uuid, instanceId, e.getMessage());
                }
            }
        });
        storage.remove(instanceId);
    }
}
