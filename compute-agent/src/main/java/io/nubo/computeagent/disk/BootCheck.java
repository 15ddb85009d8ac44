package io.nubo.computeagent.disk;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Refuses an image the firmware cannot boot before a guest sits forever at "No bootable device": a disk needs the
 * BIOS boot signature (0x55 0xAA at byte 510 of its first sector), a CD-ROM an El Torito boot record (sector 17).
 */
final class BootCheck {

    private static final int CD_SECTOR = 2048;
    private final QemuImg qemuImg;

    BootCheck(QemuImg qemuImg) {
        this.qemuImg = qemuImg;
    }

    void require(String imageId, Path base, String format, boolean cdrom) {
        int bytes = cdrom ? 18 * CD_SECTOR : 512;
        byte[] head;
        Path tmp = null;
        try {
            if ("raw".equals(format)) {
                try (var in = Files.newInputStream(base)) {
                    head = in.readNBytes(bytes);
                }
            } else {
                tmp = Files.createTempFile(base.getParent(), "head", ".raw");
                Files.delete(tmp);
                qemuImg.head(base, format, tmp, bytes);
                head = Files.readAllBytes(tmp);
            }
        } catch (IOException e) {
            throw new DiskException("cannot read image " + imageId + ": " + e.getMessage(), e);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // a temp file in the cache directory
                }
            }
        }
        if (cdrom) {
            byte[] id = "EL TORITO SPECIFICATION".getBytes(StandardCharsets.US_ASCII);
            int at = 17 * CD_SECTOR + 7;
            if (head.length < at + id.length || !Arrays.equals(head, at, at + id.length, id, 0, id.length)) {
                throw new DiskException("image " + imageId + " is not bootable: the ISO has no El Torito boot record");
            }
        } else if (head.length < 512 || (head[510] & 0xff) != 0x55 || (head[511] & 0xff) != 0xaa) {
            throw new DiskException("image " + imageId + " is not bootable: its first sector has no boot signature "
                    + "(is it a disk image with a boot loader?)");
        }
    }
}
