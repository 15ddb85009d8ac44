package io.nubo.computeagent.design;

import io.nubo.shared.events.compute.ImageSpec;
import java.util.Locale;
import java.util.Map;

/** How an image boots, from its disk format and properties (Nova's rules: {@code kernel_id} wins, then iso). */
public sealed interface BootSource permits BootSource.Kernel, BootSource.Disk, BootSource.Cdrom {

    /**
     * Direct kernel boot: {@code kernel_id} (an {@code aki} image), {@code ramdisk_id} (an {@code ari} image) or null,
     * {@code os_command_line} or null. The root disk, if the image has data of its own, is still attached.
     */
    record Kernel(String kernelImageId, String ramdiskImageId, String commandLine) implements BootSource {
    }

    /** The root disk is a qcow2 overlay on the cached image; the firmware boots it. */
    record Disk() implements BootSource {
    }

    /** An {@code iso} image: the root device is a CD-ROM and boots first. */
    record Cdrom() implements BootSource {
    }

    static BootSource of(ImageSpec image) {
        Map<String, String> p = image.properties() == null ? Map.of() : image.properties();
        String kernel = blankToNull(p.get("kernel_id"));
        if (kernel != null) {
            return new Kernel(kernel, blankToNull(p.get("ramdisk_id")), blankToNull(p.get("os_command_line")));
        }
        String format = image.diskFormat() == null ? "" : image.diskFormat().toLowerCase(Locale.ROOT);
        return "iso".equals(format) ? new Cdrom() : new Disk();
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
