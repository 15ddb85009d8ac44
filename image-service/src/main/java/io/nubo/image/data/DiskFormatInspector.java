package io.nubo.image.data;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Looks at the first bytes of image data and checks them against the declared {@code disk_format}, as Glance's
 * format inspector does since the qcow2 smuggling advisories (OSSN-0093, CVE-2024-32498): a hypervisor that is
 * handed a qcow2 file can be made to read its backing file or external data file from the host, so
 * <ul>
 *   <li>data that is qcow2 must be declared {@code qcow2}, and must have neither a backing file nor an external
 *       data file;</li>
 *   <li>data declared {@code qcow2} must be qcow2;</li>
 *   <li>data declared {@code raw} must not be one of the recognised container formats (qcow2, vmdk, vhdx, vdi);</li>
 *   <li>a format recognised as something other than the declared one is refused.</li>
 * </ul>
 * Data whose format is not recognised is accepted for the other disk formats (ami, ari, aki, vhd, vmdk, vhdx, vdi,
 * iso, ploop), as Glance did before its inspector: unrecognised data cannot be probed into a dangerous format.
 * It also reads the virtual size of qcow2 data.
 */
final class DiskFormatInspector {

    /** How much of the start of the data the inspector needs. */
    static final int HEAD_BYTES = 4096;

    /** What the data is: the recognised format (null if none), its virtual size, or why it is refused. */
    record Inspection(String detected, Long virtualSize, String refusal) {
    }

    private DiskFormatInspector() {
    }

    static Inspection inspect(String declared, byte[] head, int length, long size) {
        String detected = detect(head, length);
        if ("qcow2".equals(detected)) {
            ByteBuffer b = ByteBuffer.wrap(head, 0, length).order(ByteOrder.BIG_ENDIAN);
            if (length < 104) {
                return new Inspection(detected, null, "The qcow2 header is truncated.");
            }
            int version = b.getInt(4);
            long backingOffset = b.getLong(8);
            long virtualSize = b.getLong(24);
            if (!"qcow2".equals(declared)) {
                return new Inspection(detected, null, "Image content is qcow2 but disk_format is " + declared + ".");
            }
            if (backingOffset != 0) {
                return new Inspection(detected, null, "QCOW2 images with a backing file are not allowed.");
            }
            if (version >= 3 && (b.getLong(72) & 0x4) != 0) {
                return new Inspection(detected, null, "QCOW2 images with an external data file are not allowed.");
            }
            return new Inspection(detected, virtualSize, null);
        }
        if ("qcow2".equals(declared)) {
            return new Inspection(detected, null, "Image content is not qcow2"
                    + (detected == null ? "" : " (it is " + detected + ")") + " but disk_format is qcow2.");
        }
        if (detected != null && !detected.equals(declared)) {
            return new Inspection(detected, null, "Image content is " + detected + " but disk_format is " + declared
                    + ".");
        }
        return new Inspection(detected, "raw".equals(declared) ? Long.valueOf(size) : null, null);
    }

    private static String detect(byte[] h, int n) {
        if (starts(h, n, 0, new byte[] {'Q', 'F', 'I', (byte) 0xfb})) {
            return "qcow2";
        }
        if (starts(h, n, 0, "KDMV".getBytes(StandardCharsets.US_ASCII))
                || starts(h, n, 0, "# Disk DescriptorFile".getBytes(StandardCharsets.US_ASCII))) {
            return "vmdk";
        }
        if (starts(h, n, 0, "vhdxfile".getBytes(StandardCharsets.US_ASCII))) {
            return "vhdx";
        }
        if (starts(h, n, 0x40, new byte[] {0x7f, 0x10, (byte) 0xda, (byte) 0xbe})) {
            return "vdi";
        }
        return null;
    }

    private static boolean starts(byte[] h, int n, int at, byte[] magic) {
        if (n < at + magic.length) {
            return false;
        }
        for (int i = 0; i < magic.length; i++) {
            if (h[at + i] != magic[i]) {
                return false;
            }
        }
        return true;
    }
}
