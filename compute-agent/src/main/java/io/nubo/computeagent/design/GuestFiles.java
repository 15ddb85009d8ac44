package io.nubo.computeagent.design;

import java.nio.file.Path;

/**
 * The files the agent prepared for one guest (null when the guest does not get one).
 *
 * @param root       the root disk: a qcow2 overlay on the cached image (for an ISO, attached as the CD-ROM)
 * @param kernel     for a direct kernel boot, the cached kernel image
 * @param ramdisk    for a direct kernel boot, the cached ramdisk image, or null
 * @param rbd        the disks that are RBD images instead of files ({@code images.type=rbd}), or null
 */
public record GuestFiles(Path root, Path ephemeral, Path swap, Path configDrive, Path kernel, Path ramdisk,
                         Path consoleLog, RbdPlacement rbd) {

    /** Every disk a local file. */
    public GuestFiles(Path root, Path ephemeral, Path swap, Path configDrive, Path kernel, Path ramdisk,
                      Path consoleLog) {
        this(root, ephemeral, swap, configDrive, kernel, ramdisk, consoleLog, null);
    }
}
