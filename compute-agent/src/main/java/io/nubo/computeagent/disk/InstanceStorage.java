package io.nubo.computeagent.disk;

import io.nubo.computeagent.design.BootSource;
import io.nubo.computeagent.design.GuestFiles;
import io.nubo.computeagent.design.RbdPlacement;
import io.nubo.shared.events.compute.FlavorSpec;
import io.nubo.shared.events.compute.ImageSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Locale;
import java.util.Optional;

/**
 * Each instance's directory under the instances directory, as Nova lays it out: {@code disk} (a qcow2 overlay on
 * the cached base image), {@code disk.eph0} (ext4, label {@code ephemeral0}), {@code disk.swap} ({@code mkswap}),
 * {@code disk.config} (the config drive), {@code kernel} and {@code ramdisk} (copies of the cached images) and
 * {@code console.log} (written by virtlogd). Deleting an instance removes the directory; the image cache stays.
 *
 * <p>With {@link RbdImages} ({@code images.type=rbd}) the root, ephemeral and swap disks are RBD images
 * {@code <instance>_disk}, {@code _disk.eph0}, {@code _disk.swap} instead, as Nova's rbd image backend makes them:
 * the root a copy-on-write clone of the image's snapshot when the image service keeps the image as a raw image in
 * RBD in this cluster (nothing downloaded), else the cached base imported; an ISO root (a CD-ROM), kernel, ramdisk,
 * config drive and console log stay local files. Deleting removes the instance's RBD images too.
 */
public final class InstanceStorage {

    private static final long GIB = 1L << 30;

    private final Path instancesDir;
    private final ImageCache cache;
    private final QemuImg qemuImg;
    private final ConfigDrive configDrive;
    private final BootCheck bootCheck;
    private final RbdImages rbd;

    public InstanceStorage(Path instancesDir, ImageCache cache, QemuImg qemuImg) {
        this(instancesDir, cache, qemuImg, null);
    }

    /** @param rbd where the disks live when they live in Ceph; null for files */
    public InstanceStorage(Path instancesDir, ImageCache cache, QemuImg qemuImg, RbdImages rbd) {
        this.rbd = rbd;
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
        boolean rbdRoot = rbd != null && image != null && !(boot instanceof BootSource.Cdrom);
        Path root = image == null || rbdRoot ? null : root(dir, flavor, image, boot);
        String rbdRootName = rbdRoot ? rbdRoot(instanceId, flavor, image, boot) : null;
        Path eph = null;
        Path swap = null;
        String rbdEph = null;
        String rbdSwap = null;
        if (flavor.ephemeralGb() > 0) {
            Path local = formatted(dir.resolve("disk.eph0"), flavor.ephemeralGb() * GIB, "ephemeral");
            if (rbd == null) {
                eph = local;
            } else {
                rbdEph = imported(local, instanceId + "_disk.eph0");
            }
        }
        if (flavor.swapMb() > 0) {
            Path local = formatted(dir.resolve("disk.swap"), flavor.swapMb() * (1L << 20), "swap");
            if (rbd == null) {
                swap = local;
            } else {
                rbdSwap = imported(local, instanceId + "_disk.swap");
            }
        }
        Path config = null;
        if (drive != null) {
            config = dir.resolve("disk.config");
            configDrive.build(drive, config);
        }
        RbdPlacement placement = rbd == null ? null : new RbdPlacement(rbd.pool(), rbd.monitors(), rbd.auth(),
                rbdRootName, rbdEph, rbdSwap);
        return new GuestFiles(root, eph, swap, config, kernel, ramdisk, dir.resolve("console.log"), placement);
    }

    /**
     * What a rebuild keeps of the guest's disks around its {@code fresh} root: ephemeral, swap and config drive as
     * they are, files or RBD images.
     */
    public GuestFiles kept(String instanceId, GuestFiles fresh) {
        Path dir = dir(instanceId);
        RbdPlacement placement = fresh.rbd() == null ? null : fresh.rbd().withDisks(fresh.rbd().root(),
                rbdExisting(instanceId + "_disk.eph0"), rbdExisting(instanceId + "_disk.swap"));
        return new GuestFiles(fresh.root(), existing(dir.resolve("disk.eph0")), existing(dir.resolve("disk.swap")),
                existing(dir.resolve("disk.config")), fresh.kernel(), fresh.ramdisk(), fresh.consoleLog(), placement);
    }

    private static Path existing(Path p) {
        return Files.exists(p) ? p : null;
    }

    private String rbdExisting(String name) {
        return rbd.size(name).isPresent() ? name : null;
    }

    /**
     * The root disk in RBD: Nova's {@code Rbd.clone} when the image service holds the image as a raw RBD snapshot
     * in this cluster (a qcow2 in RBD cannot be a raw disk's parent), else the cached base imported (Nova's
     * {@code import_image}). Whatever an interrupted spawn left under the name goes first.
     */
    private String rbdRoot(String instanceId, FlavorSpec flavor, ImageSpec image, BootSource boot) {
        String name = instanceId + "_disk";
        rbd.remove(name);
        long size = flavor.diskGb() > 0 ? flavor.diskGb() * GIB : 0;
        ImageService.ImageRecord record = cache.images().show(image.id());
        Optional<RbdImages.Location> clonable = "raw".equalsIgnoreCase(record.diskFormat())
                ? record.locations().stream().map(RbdImages.Location::parse).flatMap(Optional::stream)
                .filter(rbd::sameCluster).findFirst() : Optional.empty();
        if (clonable.isPresent()) {
            if (size > 0 && size < record.size()) {
                throw smallerThanImage(flavor, image, record.size());
            }
            rbd.cloneFrom(clonable.get(), name, size);
            return name;
        }
        Path base = cache.fetch(image.id(), image.osHashAlgo(), image.osHashValue());
        QemuImg.Info info = qemuImg.info(base);
        checkFormat(image, info);
        if (!(boot instanceof BootSource.Kernel)) {
            bootCheck.require(image.id(), base, info.format(), false);
        }
        if (size > 0 && size < info.virtualSize()) {
            throw smallerThanImage(flavor, image, info.virtualSize());
        }
        rbd.importFrom(base, info.format(), name, size);
        return name;
    }

    /** Imports a local disk into RBD as {@code name}, and removes the local file. */
    private String imported(Path local, String name) {
        try {
            rbd.remove(name);
            rbd.importFrom(local, "qcow2", name, 0);
            return name;
        } finally {
            try {
                Files.deleteIfExists(local);
            } catch (IOException ignored) {
                // removed with the directory
            }
        }
    }

    private static DiskException smallerThanImage(FlavorSpec flavor, ImageSpec image, long imageBytes) {
        return new DiskException("flavor " + flavor.name() + "'s disk (" + flavor.diskGb() + " GiB) is smaller "
                + "than image " + image.id() + " (" + imageBytes + " bytes)");
    }

    private static void checkFormat(ImageSpec image, QemuImg.Info info) {
        String declared = image.diskFormat() == null ? null : image.diskFormat().toLowerCase(Locale.ROOT);
        String expected = "iso".equals(declared) || "raw".equals(declared) ? "raw" : declared;
        if (expected != null && !expected.equals(info.format()) && ("qcow2".equals(expected) || "raw".equals(expected))) {
            throw new DiskException("image " + image.id() + " is not bootable: its data is " + info.format()
                    + ", not " + image.diskFormat() + " as its disk_format says");
        }
    }

    private Path root(Path dir, FlavorSpec flavor, ImageSpec image, BootSource boot) {
        Path base = cache.fetch(image.id(), image.osHashAlgo(), image.osHashValue());
        QemuImg.Info info = qemuImg.info(base);
        checkFormat(image, info);
        if (!(boot instanceof BootSource.Kernel)) {
            bootCheck.require(image.id(), base, info.format(), boot instanceof BootSource.Cdrom);
        }
        long size = 0;
        if (flavor.diskGb() > 0 && !(boot instanceof BootSource.Cdrom)) {
            size = flavor.diskGb() * GIB;
            if (size < info.virtualSize()) {
                throw smallerThanImage(flavor, image, info.virtualSize());
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

    /**
     * Removes the instance's local files, its directory. Its RBD images stay: they are shared storage, which a guest
     * that moved live to another host still uses.
     */
    public void remove(String instanceId) {
        ConfigDrive.removeTree(dir(instanceId));
    }

    /** Removes everything the agent made for the instance: its directory and its RBD images with their snapshots. */
    public void delete(String instanceId) {
        remove(instanceId);
        if (rbd != null) {
            rbd.instanceImages(instanceId).forEach(rbd::remove);
        }
    }

    /**
     * The root disk as {@code qemu-img} names it (a file, or {@code rbd:pool/image:...}), or null when the instance
     * has none (booted from a volume).
     */
    public String rootSource(String instanceId) {
        if (rbd != null && rbd.size(instanceId + "_disk").isPresent()) {
            return rbd.qemuName(instanceId + "_disk");
        }
        Path file = rootDisk(instanceId);
        return Files.exists(file) ? file.toString() : null;
    }

    /** The Ceph pool the disks live in, or null when they are files. */
    public RbdImages rbd() {
        return rbd;
    }

    public Path instancesDir() {
        return instancesDir;
    }

    public ImageCache cache() {
        return cache;
    }
}
