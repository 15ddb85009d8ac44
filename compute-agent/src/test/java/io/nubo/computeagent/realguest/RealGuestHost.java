package io.nubo.computeagent.realguest;

import static org.assertj.core.api.Assertions.assertThat;

import io.nubo.computeagent.design.GuestNames;
import io.nubo.computeagent.disk.RbdImages;
import io.nubo.computeagent.hypervisor.Guest;
import io.nubo.computeagent.hypervisor.LibvirtHypervisor;
import io.nubo.computeagent.support.AgentFixture;
import io.nubo.computeagent.support.Commands;
import io.nubo.computeagent.support.LocalImageService;
import io.nubo.shared.events.compute.ComputeCommand;
import io.nubo.shared.events.compute.DeleteInstance;
import io.nubo.shared.events.compute.ImageSpec;
import io.nubo.shared.events.compute.InstanceReport;
import io.nubo.shared.events.compute.InstanceReport.Outcome;
import io.nubo.testsupport.LibvirtTestHost;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * One real-guest test class's host: libvirt's {@code qemu:///system}, a work directory qemu can reach, Nubo's test
 * guest as images, and the agent's command side on them. {@link #close} deletes the guests its agent left, closes
 * libvirt and removes the directory.
 */
final class RealGuestHost implements AutoCloseable {

    /** A generous bound, not a timing: emulated guests on a busy 2-core machine take from seconds to minutes. */
    static final Duration BOOT = Duration.ofSeconds(300);

    final Path guestDir;
    final Path work;
    final LibvirtHypervisor hypervisor;
    final LocalImageService images = new LocalImageService();
    final AgentFixture agent;

    private RealGuestHost(Path guestDir, Path work, LibvirtHypervisor hypervisor, RbdImages rbd) {
        this.guestDir = guestDir;
        this.work = work;
        this.hypervisor = hypervisor;
        this.agent = new AgentFixture(hypervisor, "qemu", work, images, rbd);
    }

    /** @param workPrefix the work directory's name prefix under {@code /var/tmp} (which test left it, if any) */
    static RealGuestHost open(String workPrefix) throws Exception {
        return open(workPrefix, () -> null);
    }

    /**
     * @param rbd the Ceph pool the agent's instance disks go to ({@code images.type=rbd}), or null for files; asked
     *            for once libvirt is known to be there (without it the test class is skipped before any cluster starts)
     */
    static RealGuestHost open(String workPrefix, Callable<RbdImages> rbd) throws Exception {
        Path guestDir = LibvirtTestHost.require();
        // qemu runs as its own user: the instances directory must be reachable by it (a JUnit temp dir is not)
        Path work = Files.createTempDirectory(Path.of("/var/tmp"), workPrefix,
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        try {
            RbdImages pool = rbd.call();
            return new RealGuestHost(guestDir, work, LibvirtHypervisor.open(LibvirtTestHost.URI), pool);
        } catch (Exception e) {
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

    /** An 8 MiB file in {@link #work} that starts with {@code marker}, as a volume the guest prints the head of. */
    Path volumeFile(String fileName, String marker) throws IOException {
        Path f = work.resolve(fileName);
        byte[] bytes = new byte[8 << 20];
        byte[] m = marker.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(m, 0, bytes, 0, m.length);
        Files.write(f, bytes);
        return f;
    }

    /**
     * Deletes, through the agent, every guest with an instance directory in {@link #work}: what a test left (not
     * another test's or host's guests, which libvirt lists too). The tests name their instances by UUID.
     */
    void deleteGuestsLeft() {
        for (Guest g : hypervisor.guests()) {
            String id = GuestNames.instanceId(g.name());
            if (id != null && id.matches("[0-9a-f-]{36}") && Files.exists(agent.storage.dir(id))) {
                dispatch(new DeleteInstance(id, "host-1", "cleanup"));
            }
        }
    }

    @Override
    public void close() throws IOException {
        try {
            deleteGuestsLeft();
        } finally {
            try {
                hypervisor.close();
            } finally {
                delete(work);
            }
        }
    }

    /** Runs {@code command}, its output, or an IllegalStateException with it when it fails or hangs. */
    static String sh(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        // a bound against a hang, not a timing: an rbd import of a few hundred MiB on a busy machine takes a while
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed: " + out);
        }
        return out;
    }

    private static void delete(Path dir) throws IOException {
        try (Stream<Path> all = Files.walk(dir)) {
            all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
