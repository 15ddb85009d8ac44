package io.nubo.computeagent.migration;

import io.nubo.computeagent.domain.DiskDevice;
import io.nubo.computeagent.domain.DomainDefinition;
import io.nubo.computeagent.domain.MigratableXml;
import java.nio.file.Path;
import java.util.List;

/**
 * Where a migrating guest's files are on the destination: the same names under the destination's instance
 * directory. {@link #xml} is the guest's domain with every path inside the source's instance directory moved there
 * (disks, kernel, ramdisk, console log); volumes and anything else stay as they are.
 */
record DestinationLayout(Path sourceDir, Path destinationDir) {

    Path moved(Path p) {
        return p.startsWith(sourceDir) ? destinationDir.resolve(sourceDir.relativize(p)) : p;
    }

    private String moved(String p) {
        return p == null ? null : moved(Path.of(p)).toString();
    }

    /** The guest's migratable XML with every path inside the source's instance directory moved there. */
    String xml(String migratable) {
        return MigratableXml.withPathsMoved(migratable, p -> {
            try {
                return Path.of(p).startsWith(sourceDir) ? moved(p) : p;
            } catch (java.nio.file.InvalidPathException e) {
                return p;
            }
        });
    }

    /** The guest's disks whose files are in the source's instance directory. */
    List<DiskDevice> localDisks(DomainDefinition d) {
        return d.disks().stream().filter(disk -> disk.source() instanceof DiskDevice.FileSource f
                && Path.of(f.path()).startsWith(sourceDir)).toList();
    }
}
