package io.nubo.computeagent.command;

import io.nubo.computeagent.disk.DiskException;
import io.nubo.computeagent.disk.ImageService;
import io.nubo.computeagent.disk.InstanceStorage;
import io.nubo.computeagent.disk.QemuImg;
import io.nubo.computeagent.hypervisor.Guest;
import io.nubo.computeagent.hypervisor.Hypervisor;
import io.nubo.shared.events.compute.AgentReport;
import io.nubo.shared.events.compute.SnapshotInstance;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * createImage: {@code qemu-img convert} of the root disk (its whole chain, read shared while the guest runs) into
 * the image's disk format, uploaded to the image record the API created, as the user who asked (with the agent's
 * own token as the service token). When anything fails the image is deleted, so it does not stay queued.
 */
public final class SnapshotHandler implements CommandHandler<SnapshotInstance> {

    private static final Logger log = LoggerFactory.getLogger(SnapshotHandler.class);
    private static final Set<String> FORMATS = Set.of("qcow2", "raw", "vmdk", "vdi", "vhdx");

    private final Hypervisor hypervisor;
    private final InstanceStorage storage;
    private final QemuImg qemuImg;
    private final ImageService images;
    private final Reports reports;

    public SnapshotHandler(Hypervisor hypervisor, InstanceStorage storage, QemuImg qemuImg, ImageService images,
                           Reports reports) {
        this.hypervisor = hypervisor;
        this.storage = storage;
        this.qemuImg = qemuImg;
        this.images = images;
        this.reports = reports;
    }

    @Override
    public Class<SnapshotInstance> command() {
        return SnapshotInstance.class;
    }

    @Override
    public String operation(SnapshotInstance command) {
        return "snapshot";
    }

    @Override
    public AgentReport handle(SnapshotInstance c) {
        try {
            return snapshot(c);
        } catch (RuntimeException e) {
            discard(c, e);
            throw e;
        }
    }

    private AgentReport snapshot(SnapshotInstance c) {
        String format = c.diskFormat() == null ? "qcow2" : c.diskFormat().toLowerCase(Locale.ROOT);
        if (!FORMATS.contains(format)) {
            throw new IllegalArgumentException("cannot snapshot to disk format " + c.diskFormat() + " (one of "
                    + FORMATS + ")");
        }
        Guest g = Guests.require(hypervisor, c.instanceId());
        // an RBD root is read with qemu-img's rbd: driver too: see rootSource and the README on why not an RBD clone
        String root = storage.rootSource(c.instanceId());
        if (root == null) {
            throw new DiskException("instance " + c.instanceId() + " has no root disk to snapshot");
        }
        Path out = storage.dir(c.instanceId()).resolve("snapshot-" + c.imageId() + "." + format);
        try {
            qemuImg.convert(root, out, format, g.active());
            images.upload(c.imageId(), out, c.userToken());
        } finally {
            try {
                Files.deleteIfExists(out);
            } catch (IOException ignored) {
                // removed with the instance directory
            }
        }
        return reports.succeeded(c, "snapshot", g.powerState());
    }

    /** Nova's {@code delete_image_on_error}: a failed snapshot leaves no image queued for ever. */
    private void discard(SnapshotInstance c, RuntimeException cause) {
        try {
            images.delete(c.imageId(), c.userToken());
        } catch (RuntimeException e) {
            cause.addSuppressed(e);
            log.warn("Instance {}: the failed snapshot's image {} could not be deleted: {}", c.instanceId(),
                    c.imageId(), e.getMessage());
        }
    }
}
