package io.nubo.computeagent.design;

import io.nubo.computeagent.domain.DiskDevice;
import java.util.List;

/**
 * The guest disks that live in Ceph (agent {@code images.type=rbd}): RBD image names in {@code pool} (null for a
 * disk the guest does not have or that is a local file), the monitors qemu reaches and the cephx login.
 */
public record RbdPlacement(String pool, List<DiskDevice.Host> monitors, DiskDevice.Auth auth, String root,
                           String ephemeral, String swap) {

    public RbdPlacement {
        monitors = monitors == null ? List.of() : List.copyOf(monitors);
    }

    /** {@code <source protocol='rbd' name='pool/image'>} for one of the guest's images. */
    public DiskDevice.NetworkSource source(String image) {
        return new DiskDevice.NetworkSource("rbd", pool + "/" + image, monitors, auth);
    }

    public RbdPlacement withDisks(String root, String ephemeral, String swap) {
        return new RbdPlacement(pool, monitors, auth, root, ephemeral, swap);
    }
}
