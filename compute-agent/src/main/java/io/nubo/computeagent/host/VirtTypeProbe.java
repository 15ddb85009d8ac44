package io.nubo.computeagent.host;

import io.nubo.computeagent.domain.DiskDevice;
import io.nubo.computeagent.domain.DomainDefinition;
import io.nubo.computeagent.domain.Features;
import io.nubo.computeagent.domain.LifecycleActions;
import io.nubo.computeagent.domain.OsBoot;
import io.nubo.computeagent.domain.SerialConsole;
import io.nubo.computeagent.hypervisor.Guest;
import io.nubo.computeagent.hypervisor.Hypervisor;
import io.nubo.computeagent.hypervisor.HypervisorException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Chooses between {@code kvm} and {@code qemu}. {@code /dev/kvm} answering is not enough: under broken nested
 * virtualisation a KVM guest spins without printing a line. So the probe boots a KVM guest and waits for its first
 * line on the serial log; silence, or a failure to start, means {@code qemu}, with a warning. The guest is the host's
 * own Linux kernel when {@code /boot} has one (it must print {@code Linux version}): a boot sector alone is not
 * proof, because under our machines' broken nested KVM real-mode code prints its marker while a kernel entering
 * long mode spins silently. Without a kernel the probe falls back to {@link BootSector}.
 * The operator may force either ({@code nubo.agent.virt-type}); libvirt's test driver is always {@code test}.
 */
public final class VirtTypeProbe {

    private static final Logger log = LoggerFactory.getLogger(VirtTypeProbe.class);
    static final String PROBE_NAME = "probe-nubo-kvm";

    private final Hypervisor hypervisor;
    private final Path workDir;
    private final Duration timeout;

    public VirtTypeProbe(Hypervisor hypervisor, Path workDir, Duration timeout) {
        this.hypervisor = hypervisor;
        this.workDir = workDir;
        this.timeout = timeout;
    }

    /** @param configured {@code auto}, {@code kvm} or {@code qemu} */
    public String choose(String configured) {
        if ("TEST".equalsIgnoreCase(hypervisor.connectionType())) {
            return "test";
        }
        String wanted = configured == null ? "auto" : configured.toLowerCase(Locale.ROOT);
        if (wanted.equals("kvm") || wanted.equals("qemu")) {
            log.info("Virtualisation type {} (configured)", wanted);
            return wanted;
        }
        if (!Files.exists(Path.of("/dev/kvm"))) {
            log.warn("No /dev/kvm on this host: guests run under software emulation (qemu), which is slow");
            return "qemu";
        }
        long t0 = System.nanoTime();
        String why = probeKvm();
        if (why == null) {
            log.info("KVM works here (probe guest printed in {} ms): guests run on kvm",
                    (System.nanoTime() - t0) / 1_000_000);
            return "kvm";
        }
        log.warn("KVM does not work on this host ({}): guests run under software emulation (qemu). Set "
                + "nubo.agent.virt-type=kvm to force KVM.", why);
        return "qemu";
    }

    /** Null when a KVM guest printed its marker in time, else why not. */
    String probeKvm() {
        Path dir = workDir.resolve("probe");
        Path disk = dir.resolve("boot-sector.raw");
        Path console = dir.resolve("console.log");
        Guest guest = null;
        try {
            Files.createDirectories(dir);
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
            Files.write(disk, BootSector.image());
            Files.deleteIfExists(console);
            hypervisor.find(PROBE_NAME).ifPresent(VirtTypeProbe::remove);
            Path kernel = hostKernel();
            String marker = kernel != null ? KERNEL_MARKER : BootSector.MARKER;
            // transient and auto-destroyed: a spinning KVM guest never outlives the agent
            guest = hypervisor.startTransient(kernel != null ? kernelDomain(kernel, console) : domain(disk, console));
            long deadline = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < deadline) {
                if (Files.exists(console) && Files.readString(console, StandardCharsets.ISO_8859_1)
                        .contains(marker)) {
                    return null;
                }
                Thread.sleep(50);
            }
            return "a KVM guest " + (kernel != null ? "(kernel " + kernel + ") " : "") + "printed nothing in "
                    + timeout.toMillis() + " ms";
        } catch (HypervisorException e) {
            return "a KVM guest did not start: " + e.getMessage();
        } catch (IOException e) {
            return "cannot write the probe guest: " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        } finally {
            if (guest != null) {
                remove(guest);
            }
            try {
                Files.deleteIfExists(disk);
                Files.deleteIfExists(console);
                Files.deleteIfExists(dir);
            } catch (IOException ignored) {
                // a few bytes left in the agent's work directory
            }
        }
    }

    static final String KERNEL_MARKER = "Linux version";

    /** The newest readable {@code /boot/vmlinuz-*}, or null. */
    static Path hostKernel() {
        try (var files = Files.list(Path.of("/boot"))) {
            return files.filter(f -> f.getFileName().toString().startsWith("vmlinuz-") && Files.isReadable(f))
                    .max(java.util.Comparator.comparing(Path::toString)).orElse(null);
        } catch (IOException e) {
            return null;
        }
    }

    static DomainDefinition kernelDomain(Path kernel, Path console) {
        return new DomainDefinition("kvm", PROBE_NAME, null, 128, 1,
                new OsBoot("x86_64", "pc", new OsBoot.KernelBoot(kernel.toString(), null,
                        "console=ttyS0 panic=-1"), List.of()), null, new Features(true, true),
                null, new LifecycleActions("destroy", "destroy", "destroy"), null,
                List.of(), List.of(), new SerialConsole(console.toString()));
    }

    static DomainDefinition domain(Path disk, Path console) {
        return new DomainDefinition("kvm", PROBE_NAME, null, 16, 1,
                new OsBoot("x86_64", "pc", null, List.of(OsBoot.BootDevice.HD)), null, new Features(false, false),
                null, new LifecycleActions("destroy", "destroy", "destroy"), null,
                List.of(new DiskDevice(DiskDevice.Kind.DISK, "raw", null, new DiskDevice.FileSource(disk.toString()),
                        "hda", "ide", false, null)), List.of(), new SerialConsole(console.toString()));
    }

    private static void remove(Guest g) {
        try {
            if (g.active()) {
                g.destroy();
            }
            if (!g.active() && g.definition() != null) {
                g.undefine();
            }
        } catch (HypervisorException e) {
            log.debug("removing the probe guest: {}", e.getMessage());
        }
    }
}
