package io.nubo.computeagent.realguest;

import static org.assertj.core.api.Assertions.assertThat;

import io.nubo.computeagent.hypervisor.LibvirtHypervisor;
import io.nubo.computeagent.support.AgentFixture;
import io.nubo.computeagent.support.Commands;
import io.nubo.computeagent.support.LocalImageService;
import io.nubo.shared.events.compute.ComputeCommand;
import io.nubo.shared.events.compute.ImageSpec;
import io.nubo.shared.events.compute.InstanceReport;
import io.nubo.shared.events.compute.InstanceReport.Outcome;
import io.nubo.testsupport.LibvirtTestHost;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

/**
 * One real-guest test class's host: libvirt's {@code qemu:///system}, a work directory qemu can reach, Nubo's test
 * guest as images, and the agent's command side on them. {@link #close} closes libvirt and removes the directory.
 */
final class RealGuestHost implements AutoCloseable {

    /** A generous bound, not a timing: emulated guests on a busy 2-core machine take from seconds to minutes. */
    static final Duration BOOT = Duration.ofSeconds(300);

    final Path guestDir;
    final Path work;
    final LibvirtHypervisor hypervisor;
    final LocalImageService images = new LocalImageService();
    final AgentFixture agent;

    private RealGuestHost(Path guestDir, Path work, LibvirtHypervisor hypervisor) {
        this.guestDir = guestDir;
        this.work = work;
        this.hypervisor = hypervisor;
        this.agent = new AgentFixture(hypervisor, "qemu", work, images);
    }

    /** @param workPrefix the work directory's name prefix under {@code /var/tmp} (which test left it, if any) */
    static RealGuestHost open(String workPrefix) throws Exception {
        Path guestDir = LibvirtTestHost.require();
        // qemu runs as its own user: the instances directory must be reachable by it (a JUnit temp dir is not)
        Path work = Files.createTempDirectory(Path.of("/var/tmp"), workPrefix,
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        try {
            return new RealGuestHost(guestDir, work, LibvirtHypervisor.open(LibvirtTestHost.URI));
        } catch (RuntimeException e) {
            delete(work);
            throw e;
        }
    }

    /** The test guest's qcow2 disk as image {@code img-qcow2}, booted from its disk. */
    ImageSpec qcow2() {
        return Commands.image("img-qcow2", "qcow2", addQcow2(), Map.of());
    }

    /** The test guest's qcow2 disk as image {@code img-qcow2}, booted by its kernel and initrd (aki/ari images). */
    ImageSpec kernelBoot() {
        images.add("aki-test", "aki", guestDir.resolve("vmlinuz"));
        images.add("ari-test", "ari", guestDir.resolve("initrd.img"));
        return Commands.image("img-qcow2", "qcow2", addQcow2(), Map.of("kernel_id", "aki-test",
                "ramdisk_id", "ari-test", "os_command_line", "console=ttyS0"));
    }

    private String addQcow2() {
        return images.add("img-qcow2", "qcow2", guestDir.resolve("test-guest.qcow2"));
    }

    /** The agent's report on {@code command}, whatever its outcome. */
    InstanceReport dispatch(ComputeCommand command) {
        return (InstanceReport) agent.dispatcher.dispatch(command);
    }

    /** The agent's report on {@code command}, which must have succeeded. */
    InstanceReport succeeds(ComputeCommand command) {
        InstanceReport r = dispatch(command);
        assertThat(r.outcome()).as(command + ": " + r.faultMessage()).isEqualTo(Outcome.SUCCEEDED);
        return r;
    }

    /** The guest's console log once it shows {@code marker}, within {@link #BOOT}. */
    String awaitConsole(String instanceId, String marker) throws Exception {
        return agent.awaitConsole(instanceId, marker, BOOT);
    }

    @Override
    public void close() throws IOException {
        try {
            hypervisor.close();
        } finally {
            delete(work);
        }
    }

    private static void delete(Path dir) throws IOException {
        try (Stream<Path> all = Files.walk(dir)) {
            all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
