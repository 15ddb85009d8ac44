package io.nubo.computeagent.domain;

import java.util.List;
import java.util.Objects;

/**
 * {@code <disk>}: a disk or CD-ROM. The disk's {@code type} attribute follows from its {@link DiskSource}.
 *
 * @param driverFormat {@code qcow2} or {@code raw} ({@code <driver name='qemu' type=.../>})
 * @param cache        {@code <driver cache=...>}, or null for the hypervisor's default
 * @param serial       {@code <serial>} (Nova puts the volume id there), or null
 */
public record DiskDevice(Kind device, String driverFormat, String cache, DiskSource source, String targetDev,
                         String targetBus, boolean readOnly, String serial) implements DeviceSpec {

    public DiskDevice {
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(targetDev, "targetDev");
        Objects.requireNonNull(targetBus, "targetBus");
    }

    public enum Kind {
        DISK, CDROM;

        public String xml() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** Where the disk's data is: {@code <source file>}, {@code <source dev>} or {@code <source protocol>}. */
    public sealed interface DiskSource permits FileSource, BlockSource, NetworkSource {
    }

    public record FileSource(String path) implements DiskSource {
    }

    public record BlockSource(String dev) implements DiskSource {
    }

    /**
     * {@code <disk type='network'>}: qemu's own iSCSI initiator or RBD client.
     *
     * @param auth cephx or CHAP credentials held in a libvirt secret, or null
     */
    public record NetworkSource(String protocol, String name, List<Host> hosts, Auth auth) implements DiskSource {
        public NetworkSource {
            hosts = hosts == null ? List.of() : List.copyOf(hosts);
        }
    }

    /** {@code <host name port/>}; port may be null. */
    public record Host(String name, String port) {
    }

    /** {@code <auth username><secret type uuid/></auth>}: {@code secretType} is {@code ceph} or {@code iscsi}. */
    public record Auth(String username, String secretType, String secretUuid) {
    }
}
