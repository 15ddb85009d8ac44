package io.nubo.computeagent.disk;

import io.nubo.computeagent.design.BootSource;
import io.nubo.computeagent.design.GuestFiles;
import io.nubo.shared.events.compute.FlavorSpec;
import io.nubo.shared.events.compute.ImageSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Locale;

/**
 * Each instance's directory under the instances directory, as Nova lays it out: {@code disk} (a qcow2 overlay on
 * the cached base image), {@code disk.eph0} (ext4, label {@code ephemeral0}), {@code disk.swap} ({@code mkswap}),
 * {@code disk.config} (the config drive), {@code kernel} and {@code ramdisk} (copies of the cached images) and
 * {@code console.log} (written by virtlogd). Deleting an instance removes the directory; the image cache stays.
 */
public final class InstanceStorage {

    private static final long GIB = 1L << 30;

    private final Path instancesDir;
    private final ImageCache cache;
    private final QemuImg qemuImg;
    private final ConfigDrive configDrive;
    private final BootCheck bootCheck;

    public InstanceStorage(Path instancesDir, ImageCache cache, QemuImg qemuImg) {
        this.instancesDir = instancesDir;
        this.cache = cache;
        this.qemuImg = qemuImg;
        this.configDrive = new ConfigDrive();
        this.bootCheck = new BootCheck(qemuImg);
    }

    public Path dir(String instanceId) {
        if (instanceId == null || !instanceId.matches("[A-Za-z0-9-]+")) {
            throw new DiskException("instance id " + instanceId + " is not valid");
        }
        return instancesDir.resolve(instanceId);
    }

    public Path consoleLog(String instanceId) {
        return dir(instanceId).resolve("console.log");
    }

    public Path rootDisk(String instanceId) {
        return dir(instanceId).resolve("disk");
    }

    /**
     * Makes every file the guest needs; {@code drive} is the config drive's content, or null for none; {@code image}
     * null for a guest booted from a volume (no root disk file, no kernel).
     */
    public GuestFiles prepare(String instanceId, FlavorSpec flavor, ImageSpec image, ConfigDrive.Content drive) {
        Path dir = dir(instanceId);
        try {
            Files.createDirectories(dir);
            Files.setPosixFilePermissions(instancesDir, PosixFilePermissions.fromString("rwxr-xr-x"));
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        } catch (IOException e) {
            throw new DiskException("cannot create the instance directory " + dir + ": " + e.getMessage(), e);
        }
        BootSource boot = image == null ? null : BootSource.of(image);
        Path kernel = null;
        Path ramdisk = null;
        if (boot instanceof BootSource.Kernel k) {
            kernel = copy(fetchNamed("kernel", k.kernelImageId()), dir.resolve("kernel"));
            if (k.ramdiskImageId() != null) {
                ramdisk = copy(fetchNamed("ramdisk", k.ramdiskImageId()), dir.resolve("ramdisk"));
            }
        }
        Path root = image == null ? null : root(dir, flavor, image, boot);
        Path eph = flavor.ephemeralGb() > 0 ? formatted(dir.resolve("disk.eph0"), flavor.ephemeralGb() * GIB,
                "ephemeral") : null;
        Path swap = flavor.swapMb() > 0 ? formatted(dir.resolve("disk.swap"), flavor.swapMb() * (1L << 20), "swap")
                : null;
        Path config = null;
        if (drive != null) {
            config = dir.resolve("disk.config");
            configDrive.build(drive, config);
        }
        return new GuestFiles(root, eph, swap, config, kernel, ramdisk, dir.resolve("console.log"));
    }

    private Path root(Path dir, FlavorSpec flavor, ImageSpec image, BootSource boot) {
        Path base = cache.fetch(image.id(), image.osHashAlgo(), image.osHashValue());
        QemuImg.Info info = qemuImg.info(base);
        String declared = image.diskFormat() == null ? null : image.diskFormat().toLowerCase(Locale.ROOT);
        String expected = "iso".equals(declared) || "raw".equals(declared) ? "raw" : declared;
        if (expected != null && !expected.equals(info.format()) && ("qcow2".equals(expected) || "raw".equals(expected))) {
            throw new DiskException("image " + image.id() + " is not bootable: its data is " + info.format()
                    + ", not " + image.diskFormat() + " as its disk_format says");
        }
        if (!(boot instanceof BootSource.Kernel)) {
            bootCheck.require(image.id(), base, info.format(), boot instanceof BootSource.Cdrom);
        }
        long size = 0;
        if (flavor.diskGb() > 0 && !(boot instanceof BootSource.Cdrom)) {
            size = flavor.diskGb() * GIB;
            if (size < info.virtualSize()) {
                throw new DiskException("flavor " + flavor.name() + "'s disk (" + flavor.diskGb() + " GiB) is smaller "
                        + "than image " + image.id() + " (" + info.virtualSize() + " bytes)");
            }
        }
        Path disk = dir.resolve("disk");
        qemuImg.overlay(base, info.format(), disk, size);
        return disk;
    }

    private Path fetchNamed(String what, String imageId) {
        try {
            return cache.fetch(imageId, null, null);
        } catch (ImageService.ImageNotFoundException e) {
            throw new DiskException("the image's " + what + " image " + imageId + " does not exist", e);
        }
    }

    private static Path copy(Path from, Path to) {
        try {
            Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING);
            return to;
        } catch (IOException e) {
            throw new DiskException("cannot copy " + from.getFileName() + " into the instance directory: "
                    + e.getMessage(), e);
        }
    }

    /** A qcow2 disk of {@code size} bytes holding an empty ext4 (label ephemeral0) or a swap signature. */
    private Path formatted(Path target, long size, String kind) {
        Path raw = target.resolveSibling(target.getFileName() + ".raw");
        try {
            qemuImg.create("raw", raw, size);
            if ("swap".equals(kind)) {
                String mkswap = Tools.find("mkswap");
                if (mkswap != null) {
                    Tools.run("format the swap disk", java.util.List.of(mkswap, "-q", raw.toString()), 60);
                }
            } else {
                String mkfs = Tools.find("mkfs.ext4");
                if (mkfs != null) {
                    Tools.run("format the ephemeral disk", java.util.List.of(mkfs, "-F", "-q", "-L", "ephemeral0",
                            "-E", "nodiscard", raw.toString()), 120);
                }
            }
            qemuImg.convert(raw, target, "qcow2", false);
            return target;
        } finally {
            try {
                Files.deleteIfExists(raw);
            } catch (IOException ignored) {
                // removed with the directory
            }
        }
    }

    /** Removes everything the agent made for the instance. */
    public void remove(String instanceId) {
        ConfigDrive.removeTree(dir(instanceId));
    }

    public Path instancesDir() {
        return instancesDir;
    }

    public ImageCache cache() {
        return cache;
    }
}
