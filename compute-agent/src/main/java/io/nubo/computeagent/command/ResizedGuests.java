package io.nubo.computeagent.command;

import io.nubo.computeagent.design.GuestFiles;
import io.nubo.computeagent.design.GuestRequest;
import io.nubo.computeagent.disk.ConfigDrive;
import io.nubo.computeagent.disk.DiskException;
import io.nubo.computeagent.disk.QemuImg;
import io.nubo.computeagent.domain.DiskDevice;
import io.nubo.computeagent.domain.DomainDefinition;
import io.nubo.computeagent.domain.NuboMetadata;
import io.nubo.computeagent.hypervisor.Guest;
import io.nubo.shared.events.compute.FlavorSpec;
import io.nubo.shared.events.compute.ImageSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;

/**
 * What resize, revert and confirm share on one host (Nova's same-host resize): the disks as they were before the
 * resize are kept in the instance directory's {@code resize-orig/} (a copy of the root overlay; the ephemeral and
 * swap disks moved there when the new flavor changes their size) until a confirm deletes them or a revert puts
 * them back; the guest is defined again from the flavor through the designer, its volumes and ports carried over.
 */
final class ResizedGuests {

    static final String KEPT = "resize-orig";
    private static final String COMPLETE = ".complete";
    private static final long GIB = 1L << 30;
    private static final String ROOT = "disk";
    private static final String EPHEMERAL = "disk.eph0";
    private static final String SWAP = "disk.swap";

    private final GuestBuilder builder;
    private final QemuImg qemuImg;
    private final Duration shutdownTimeout;

    ResizedGuests(GuestBuilder builder, QemuImg qemuImg, Duration shutdownTimeout) {
        this.builder = builder;
        this.qemuImg = qemuImg;
        this.shutdownTimeout = shutdownTimeout;
    }

    Guest guest(String instanceId) {
        return Guests.require(builder.hypervisor(), instanceId);
    }

    /** Powers the guest off cleanly; true when it was running (and is to run again afterwards). */
    boolean powerOff(Guest g) {
        boolean running = g.active();
        Guests.shutdownCleanly(g, shutdownTimeout);
        return running;
    }

    Path kept(String instanceId) {
        return builder.storage().dir(instanceId).resolve(KEPT);
    }

    /** Keeps the disks as they are for a revert (once: a redelivered command finds them kept already). */
    void keepAside(String instanceId, FlavorSpec from, FlavorSpec to) {
        Path dir = builder.storage().dir(instanceId);
        Path kept = kept(instanceId);
        if (Files.exists(kept.resolve(COMPLETE))) {
            return;
        }
        try {
            Files.createDirectories(kept);
            if (Files.exists(dir.resolve(ROOT))) {
                Files.copy(dir.resolve(ROOT), kept.resolve(ROOT), StandardCopyOption.REPLACE_EXISTING);
            }
            if (from.ephemeralGb() != to.ephemeralGb()) {
                moveIfThere(dir.resolve(EPHEMERAL), kept.resolve(EPHEMERAL));
            }
            if (from.swapMb() != to.swapMb()) {
                moveIfThere(dir.resolve(SWAP), kept.resolve(SWAP));
            }
            Files.createFile(kept.resolve(COMPLETE));
        } catch (IOException e) {
            throw new DiskException("cannot keep the disks of instance " + instanceId + " for a revert: "
                    + e.getMessage(), e);
        }
    }

    /** The disks for {@code to}: the root overlay grown, ephemeral and swap made where they changed size. */
    void resizeDisks(String instanceId, FlavorSpec from, FlavorSpec to) {
        Path root = builder.storage().rootDisk(instanceId);
        if (to.diskGb() > 0 && Files.exists(root)) {
            long want = to.diskGb() * GIB;
            if (qemuImg.info(root).virtualSize() < want) {
                qemuImg.resize(root, want);
            }
        }
        int eph = from.ephemeralGb() != to.ephemeralGb() ? to.ephemeralGb() : 0;
        int swap = from.swapMb() != to.swapMb() ? to.swapMb() : 0;
        if (eph > 0 || swap > 0) {
            builder.storage().prepare(instanceId, new FlavorSpec(to.id(), to.name(), to.vcpus(), to.ramMb(), 0, eph,
                    swap, to.extraSpecs()), null, null);
        }
    }

    /** Puts the kept disks back (a disk the old flavor did not have is removed) and forgets them. */
    void restoreDisks(String instanceId, FlavorSpec old) {
        Path dir = builder.storage().dir(instanceId);
        Path kept = kept(instanceId);
        if (!Files.exists(kept.resolve(COMPLETE))) {
            throw new DiskException("instance " + instanceId + " has no disks kept from before its resize");
        }
        try {
            moveIfThere(kept.resolve(ROOT), dir.resolve(ROOT));
            for (String name : List.of(EPHEMERAL, SWAP)) {
                boolean had = name.equals(EPHEMERAL) ? old.ephemeralGb() > 0 : old.swapMb() > 0;
                if (Files.exists(kept.resolve(name))) {
                    moveIfThere(kept.resolve(name), dir.resolve(name));
                } else if (!had) {
                    Files.deleteIfExists(dir.resolve(name));
                }
            }
        } catch (IOException e) {
            throw new DiskException("cannot put back the disks of instance " + instanceId + ": " + e.getMessage(), e);
        }
        dropKept(instanceId);
    }

    void dropKept(String instanceId) {
        ConfigDrive.removeTree(kept(instanceId));
    }

    /**
     * Defines the (powered off) guest again for {@code flavor}: the designer's domain on the files in the instance
     * directory, then the volumes and ports it had. {@code image} null: the guest boots from its volume on vda.
     */
    Guest redefine(String instanceId, Guest g, FlavorSpec flavor, ImageSpec image) {
        DomainDefinition old = g.definition();
        NuboMetadata m = old.metadata();
        Path dir = builder.storage().dir(instanceId);
        DiskDevice rootVolume = image != null ? null : old.disks().stream()
                .filter(d -> "vda".equals(d.targetDev()) && d.serial() != null).findFirst()
                .orElseThrow(() -> new DiskException("the guest " + g.name() + " boots from no volume on vda"));
        GuestFiles files = new GuestFiles(image == null ? null : existing(dir.resolve(ROOT)),
                existing(dir.resolve(EPHEMERAL)), existing(dir.resolve(SWAP)), existing(dir.resolve("disk.config")),
                existing(dir.resolve("kernel")), existing(dir.resolve("ramdisk")), dir.resolve("console.log"));
        GuestRequest request = new GuestRequest(instanceId, m == null ? null : m.displayName(),
                m == null ? null : m.projectId(), m == null ? null : m.userId(), flavor, image, List.of(), rootVolume);
        Guest fresh = builder.define(request, files);
        for (DiskDevice volume : old.disks()) {
            if (volume.serial() != null && volume != rootVolume) {
                fresh.attach(volume, false);
            }
        }
        for (var nic : old.interfaces()) {
            fresh.attach(nic, false);
        }
        return fresh;
    }

    private static void moveIfThere(Path from, Path to) throws IOException {
        if (Files.exists(from)) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static Path existing(Path p) {
        return Files.exists(p) ? p : null;
    }
}
