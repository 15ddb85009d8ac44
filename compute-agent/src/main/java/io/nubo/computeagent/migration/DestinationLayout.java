package io.nubo.computeagent.migration;

import io.nubo.computeagent.domain.DiskDevice;
import io.nubo.computeagent.domain.DomainDefinition;
import io.nubo.computeagent.domain.OsBoot;
import io.nubo.computeagent.domain.SerialConsole;
import java.nio.file.Path;
import java.util.List;

/**
 * Where a migrating guest's files are on the destination: the same names under the destination's instance
 * directory. {@link #definition} is the guest's domain with every path inside the source's instance directory
 * moved there (disks, kernel, ramdisk, console log); volumes on the network and anything else stay as they are.
 */
record DestinationLayout(Path sourceDir, Path destinationDir) {

    Path moved(Path p) {
        return p.startsWith(sourceDir) ? destinationDir.resolve(sourceDir.relativize(p)) : p;
    }

    private String moved(String p) {
        return p == null ? null : moved(Path.of(p)).toString();
    }

    DomainDefinition definition(DomainDefinition d) {
        OsBoot os = d.os();
        OsBoot.KernelBoot k = os.kernel();
        OsBoot movedOs = k == null ? os : new OsBoot(os.arch(), os.machine(),
                new OsBoot.KernelBoot(moved(k.kernel()), moved(k.initrd()), k.cmdline()), os.bootOrder());
        List<DiskDevice> disks = d.disks().stream().map(this::moved).toList();
        SerialConsole console = d.console() == null ? null : new SerialConsole(moved(d.console().logFile()));
        return new DomainDefinition(d.type(), d.name(), d.uuid(), d.memoryMib(), d.vcpus(), movedOs, d.cpu(),
                d.features(), d.clockOffset(), d.lifecycle(), d.metadata(), disks, d.interfaces(), console);
    }

    private DiskDevice moved(DiskDevice disk) {
        if (!(disk.source() instanceof DiskDevice.FileSource f)) {
            return disk;
        }
        return new DiskDevice(disk.device(), disk.driverFormat(), disk.cache(),
                new DiskDevice.FileSource(moved(f.path())), disk.targetDev(), disk.targetBus(), disk.readOnly(),
                disk.serial());
    }

    /** The guest's disks whose files are in the source's instance directory. */
    List<DiskDevice> localDisks(DomainDefinition d) {
        return d.disks().stream().filter(disk -> disk.source() instanceof DiskDevice.FileSource f
                && Path.of(f.path()).startsWith(sourceDir)).toList();
    }
}
