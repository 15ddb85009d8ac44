package io.nubo.computeagent.disk;

import com.ceph.rados.IoCTX;
import com.ceph.rados.Rados;
import com.ceph.rbd.Rbd;
import com.ceph.rbd.RbdException;
import com.ceph.rbd.RbdImage;
import io.nubo.computeagent.domain.DiskDevice;
import io.nubo.shared.nativecall.NativeStackExecutor;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Instance disks as RBD images in one Ceph pool (Nova's rbd image backend, {@code images_type=rbd}), through librbd
 * ({@code com.ceph:rados}) on this driver's own large-stack threads: {@code <instance>_disk} is a copy-on-write
 * clone of an image's protected snapshot when the image is in the same cluster, else the cached base image imported
 * with {@code qemu-img convert} (which speaks {@code rbd:} through qemu-block-extra and turns qcow2 into raw on the
 * way); {@code _disk.eph0} and {@code _disk.swap} are imported the same way. Guests reach the images with qemu's own
 * RBD client ({@code <source protocol='rbd'>}), logged in with the host's cephx libvirt secret.
 */
public final class RbdImages implements AutoCloseable {

    private static final long LAYERING = 1L;
    private static final int ENOENT = 2;

    private final String pool;
    private final String user;
    private final String confFile;
    private final String secretUuid;
    private final NativeStackExecutor ceph = new NativeStackExecutor("agent-rbd", 4,
            NativeStackExecutor.NATIVE_STACK_BYTES);
    private final Rados rados;
    private final IoCTX io;
    private final Rbd rbd;
    private final String fsid;
    private final List<DiskDevice.Host> monitors;
    private final String keyringFile;

    /** A parsed {@code rbd://<fsid>/<pool>/<image>/<snapshot>} location (Glance's rbd store, Nubo's image service). */
    public record Location(String fsid, String pool, String image, String snapshot) {

        public static Optional<Location> parse(String url) {
            if (url == null || !url.startsWith("rbd://")) {
                return Optional.empty();
            }
            String[] p = url.substring("rbd://".length()).split("/");
            if (p.length != 4 || java.util.Arrays.stream(p).anyMatch(s -> !s.matches("[A-Za-z0-9_.-]{1,100}"))) {
                return Optional.empty();
            }
            return Optional.of(new Location(p[0], p[1], p[2], p[3]));
        }
    }

    /** @param secretUuid the libvirt secret that holds {@code user}'s cephx key, for the guests' {@code <auth>} */
    public RbdImages(String confFile, String user, String pool, String secretUuid) {
        this.secretUuid = secretUuid;
        this.pool = pool;
        this.user = user;
        this.confFile = confFile;
        try {
            this.rados = ceph.call(() -> new Rados(user));
        } catch (IOException e) {
            ceph.close();
            throw new DiskException("cannot load librados: " + e.getMessage(), e);
        }
        try {
            this.io = ceph.call(() -> {
                rados.confReadFile(new File(confFile));
                rados.connect();
                return rados.ioCtxCreate(pool);
            });
            this.fsid = ceph.call(rados::clusterFsid);
            this.rbd = ceph.call(() -> new Rbd(io));
            this.monitors = monitors(ceph.call(() -> rados.confGet("mon_host")));
            this.keyringFile = ceph.call(() -> rados.confGet("keyring"));
        } catch (IOException | RuntimeException e) {
            try {
                ceph.run(() -> {
                    rados.shutDown();
                    return null;
                });
            } catch (IOException | RuntimeException ignored) {
                // the handle is of no use either way
            }
            ceph.close();
            throw new DiskException("cannot reach Ceph pool " + pool + " as client." + user + " with " + confFile
                    + ": " + e.getMessage(), e);
        }
    }

    public String pool() {
        return pool;
    }

    public String user() {
        return user;
    }

    public String fsid() {
        return fsid;
    }

    /** {@code <auth username><secret type='ceph' uuid/>}: the host's cephx login, shared by its guests. */
    public DiskDevice.Auth auth() {
        return new DiskDevice.Auth(user, "ceph", secretUuid);
    }

    /** The monitors qemu's RBD client connects to ({@code <host>} elements), from the cluster's {@code mon_host}. */
    public List<DiskDevice.Host> monitors() {
        return monitors;
    }

    /** The text of the keyring file ceph.conf names for this user (it holds the cephx key), or null if unreadable. */
    public String keyring() {
        for (String f : keyringFile == null ? new String[0] : keyringFile.split(",")) {
            Path p = Path.of(f.trim());
            if (Files.isReadable(p)) {
                try {
                    return Files.readString(p);
                } catch (IOException e) {
                    // try the next one
                }
            }
        }
        return null;
    }

    /** True when an {@code rbd://} location is a snapshot in this cluster, so it can be cloned instead of copied. */
    public boolean sameCluster(Location l) {
        return fsid.equals(l.fsid());
    }

    /** Clones {@code parent} copy-on-write into {@code name} in this pool, grown to {@code sizeBytes} if larger. */
    public void cloneFrom(Location parent, String name, long sizeBytes) {
        try {
            ceph.run(() -> {
                IoCTX parentIo = rados.ioCtxCreate(parent.pool());
                try {
                    new Rbd(parentIo).clone(parent.image(), parent.snapshot(), io, name, LAYERING, 0);
                } finally {
                    rados.ioCtxDestroy(parentIo);
                }
                return null;
            });
            growTo(name, sizeBytes);
        } catch (IOException | RuntimeException e) {
            remove(name);
            throw new DiskException("cannot clone RBD snapshot " + parent.pool() + "/" + parent.image() + "@"
                    + parent.snapshot() + " into " + pool + "/" + name + ": " + e.getMessage(), e);
        }
    }

    /** Writes a local disk ({@code format} qcow2 or raw) into a new raw RBD image {@code name} of at least its size. */
    public void importFrom(Path file, String format, String name, long sizeBytes) {
        try {
            Tools.run("import disk " + file.getFileName() + " into RBD", List.of("qemu-img", "convert", "-q", "-f",
                    format, "-O", "raw", file.toString(), qemuName(name)), 3600);
            growTo(name, sizeBytes);
        } catch (IOException | RuntimeException e) {
            remove(name);
            throw e instanceof DiskException d ? d : new DiskException("cannot import " + file.getFileName()
                    + " into RBD image " + pool + "/" + name + ": " + e.getMessage(), e);
        }
    }

    /** {@code rbd:<pool>/<name>:id=<user>:conf=<file>}: how qemu-img names the image. */
    public String qemuName(String name) {
        return "rbd:" + pool + "/" + name + ":id=" + user + ":conf=" + confFile;
    }

    /** The image's size in bytes, or empty when there is no such image. */
    public Optional<Long> size(String name) {
        try {
            return ceph.call(() -> {
                RbdImage image = openOrNull(name);
                if (image == null) {
                    return Optional.<Long>empty();
                }
                try {
                    return Optional.of(image.stat().size);
                } finally {
                    rbd.close(image);
                }
            });
        } catch (IOException e) {
            throw new DiskException("cannot read RBD image " + pool + "/" + name + ": " + e.getMessage(), e);
        }
    }

    /** The images of one instance ({@code <instance>_...}), as Nova's {@code _cleanup_rbd} finds them. */
    public List<String> instanceImages(String instanceId) {
        try {
            String prefix = instanceId + "_";
            return ceph.call(() -> List.of(rbd.list())).stream().filter(n -> n.startsWith(prefix)).toList();
        } catch (IOException e) {
            throw new DiskException("cannot list RBD pool " + pool + ": " + e.getMessage(), e);
        }
    }

    /** Removes the image and its snapshots; nothing happens when there is no such image. */
    public void remove(String name) {
        try {
            ceph.run(() -> {
                RbdImage image = openOrNull(name);
                if (image == null) {
                    return null;
                }
                try {
                    for (var snap : image.snapList()) {
                        if (image.snapIsProtected(snap.name)) {
                            image.snapUnprotect(snap.name);
                        }
                        image.snapRemove(snap.name);
                    }
                } finally {
                    rbd.close(image);
                }
                try {
                    rbd.remove(name);
                } catch (RbdException e) {
                    if (Math.abs(e.getReturnValue()) != ENOENT) {
                        throw e;
                    }
                }
                return null;
            });
        } catch (IOException e) {
            throw new DiskException("cannot remove RBD image " + pool + "/" + name + ": " + e.getMessage(), e);
        }
    }

    private void growTo(String name, long sizeBytes) throws IOException {
        ceph.run(() -> {
            RbdImage image = rbd.open(name);
            try {
                if (sizeBytes > image.stat().size) {
                    image.resize(sizeBytes);
                }
            } finally {
                rbd.close(image);
            }
            return null;
        });
    }

    private RbdImage openOrNull(String name) throws RbdException {
        try {
            return rbd.open(name);
        } catch (RbdException e) {
            if (Math.abs(e.getReturnValue()) == ENOENT) {
                return null;
            }
            throw e;
        }
    }

    /**
     * {@code mon_host} as qemu wants it: one host and port per monitor. Ceph writes it as {@code a,b}, {@code a b},
     * or address vectors {@code [v2:ip:3300,v1:ip:6789]}; a monitor's first address is kept (qemu's client speaks
     * both protocols).
     */
    static List<DiskDevice.Host> monitors(String monHost) {
        Map<String, DiskDevice.Host> byHost = new LinkedHashMap<>();
        if (monHost == null) {
            return List.of();
        }
        for (String entry : monHost.replace("[", " ").replace("]", " ").split("[\\s,;]+")) {
            String a = entry.replaceFirst("^v[12]:", "").replaceFirst("/\\d+$", "");
            if (a.isBlank()) {
                continue;
            }
            int colon = a.lastIndexOf(':');
            String host = colon > 0 && a.indexOf(':') == colon ? a.substring(0, colon) : a;
            String port = colon > 0 && a.indexOf(':') == colon ? a.substring(colon + 1) : null;
            byHost.putIfAbsent(host, new DiskDevice.Host(host, port));
        }
        return new ArrayList<>(byHost.values());
    }

    @Override
    public void close() {
        try {
            ceph.run(() -> {
                rados.ioCtxDestroy(io);
                rados.shutDown();
                return null;
            });
        } catch (IOException | RuntimeException e) {
            // shutting down: nothing left to do with the handle
        } finally {
            ceph.close();
        }
    }
}
