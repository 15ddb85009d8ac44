package io.nubo.computeagent.migration;

import io.nubo.computeagent.disk.ConfigDrive;
import io.nubo.computeagent.disk.DiskException;
import io.nubo.computeagent.disk.QemuImg;
import io.nubo.computeagent.domain.DiskDevice;
import io.nubo.computeagent.domain.DomainDefinition;
import io.nubo.computeagent.domain.OsBoot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Makes the destination's instance directory before the move (Nova's {@code pre_live_migration}): the writable
 * local disks as empty images of the same size and format, which libvirt's block migration fills over NBD while
 * the guest runs; the read-only ones (config drive, an ISO root) as standalone copies, since block migration
 * copies only what the guest writes to; the kernel and ramdisk of a direct boot; the console log so far.
 * The destination's instances directory must be reachable from the source agent at the path the command names
 * (one machine's two hosts, or an instances directory both hosts mount).
 */
final class DestinationFiles {

    private final QemuImg qemuImg;

    DestinationFiles(QemuImg qemuImg) {
        this.qemuImg = qemuImg;
    }

    void prepare(DomainDefinition here, DestinationLayout layout) {
        makeDir(layout.destinationDir());
        for (DiskDevice disk : layout.localDisks(here)) {
            Path from = Path.of(((DiskDevice.FileSource) disk.source()).path());
            Path to = layout.moved(from);
            String format = disk.driverFormat() == null ? "raw" : disk.driverFormat();
            if (disk.readOnly()) {
                qemuImg.convert(from, to, format, true);
            } else {
                qemuImg.create(format, to, qemuImg.info(from, true).virtualSize());
            }
        }
        copyBootAndConsole(here, layout);
    }

    /** Makes the destination's instance directory (readable by qemu's user). */
    static void makeDir(Path dir) {
        try {
            Files.createDirectories(dir);
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        } catch (IOException e) {
            throw new DiskException("cannot create the instance directory " + dir + " for the destination: "
                    + e.getMessage(), e);
        }
    }

    /** Copies the kernel and ramdisk of a direct boot and the console log so far. */
    static void copyBootAndConsole(DomainDefinition here, DestinationLayout layout) {
        OsBoot.KernelBoot k = here.os().kernel();
        if (k != null) {
            copy(k.kernel(), layout);
            copy(k.initrd(), layout);
        }
        if (here.console() != null && Files.exists(Path.of(here.console().logFile()))) {
            copy(here.console().logFile(), layout);
        }
    }

    /** After a failed move: the destination never ran the guest, so nothing there is worth keeping. */
    void remove(DestinationLayout layout) {
        ConfigDrive.removeTree(layout.destinationDir());
    }

    private static void copy(String file, DestinationLayout layout) {
        if (file == null) {
            return;
        }
        Path from = Path.of(file);
        try {
            Files.copy(from, layout.moved(from), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new DiskException("cannot copy " + from.getFileName() + " to the destination: " + e.getMessage(), e);
        }
    }
}
