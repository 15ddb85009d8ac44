package io.nubo.blockstorage.backend;

import java.util.Locale;

/**
 * Image disk formats a volume can be made from or uploaded as, with qemu-img's name for each. The format is always
 * given to qemu-img, never probed: a raw image whose first bytes look like a qcow2 header (with a backing file
 * naming a host file) must stay raw bytes.
 */
public enum DiskFormat {
    RAW("raw"), QCOW2("qcow2"), VMDK("vmdk"), VDI("vdi"), VHD("vpc"), VHDX("vhdx"),
    /** Glance's iso is raw bytes to qemu (Cinder copies it as such) */
    ISO("raw");

    private final String qemu;

    DiskFormat(String qemu) {
        this.qemu = qemu;
    }

    public String qemu() {
        return qemu;
    }

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The format for Glance's {@code disk_format}, or null if a volume cannot hold it (ami, aki, ari, ploop). */
    public static DiskFormat fromGlance(String diskFormat) {
        for (DiskFormat f : values()) {
            if (f.wire().equals(diskFormat)) {
                return f;
            }
        }
        return null;
    }
}
