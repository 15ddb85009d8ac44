package io.nubo.computeagent.realguest;

import static org.assertj.core.api.Assertions.assertThat;

import io.nubo.computeagent.disk.QemuImg;
import io.nubo.computeagent.disk.RbdImages;
import io.nubo.computeagent.domain.DiskDevice;
import io.nubo.computeagent.hypervisor.Guest;
import io.nubo.computeagent.hypervisor.LibvirtHypervisor;
import io.nubo.computeagent.support.AgentFixture;
import io.nubo.computeagent.support.Commands;
import io.nubo.computeagent.support.LocalImageService;
import io.nubo.shared.events.compute.DeleteInstance;
import io.nubo.shared.events.compute.ImageSpec;
import io.nubo.shared.events.compute.InstanceReport;
import io.nubo.shared.events.compute.InstanceReport.Outcome;
import io.nubo.shared.events.compute.SnapshotInstance;
import io.nubo.testsupport.LibvirtTestHost;
import io.nubo.testsupport.SingleNodeCeph;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Instance disks in Ceph ({@code images.type=rbd}) on a real single-node cluster and real qemu: the test guest boots
 * from a copy-on-write clone of an image kept in RBD as the image service's {@code RbdImageStore} keeps it
 * ({@code images/<id>@snap}, protected; location {@code rbd://<fsid>/images/<id>/snap}), with ephemeral and swap in
 * RBD and the config drive a local file; nothing is downloaded; cloning a big image takes as long as a small one; an
 * image that is not in RBD is imported; after delete no RBD image, secret or domain of the guest is left.
 */
@org.junit.jupiter.api.Tag("integration")
class RbdRootDiskTest {

    static final Duration BOOT = Duration.ofSeconds(300);
    static final long GIB = 1L << 30;
    static Path guestDir;
    static Path work;
    static SingleNodeCeph ceph;
    static RbdImages rbd;
    static String secretUuid;
    static LibvirtHypervisor hypervisor;
    static LocalImageService images;
    static AgentFixture agent;
    static Set<String> secretsBefore;
    static long smallBytes;
    static long bigBytes;

    @BeforeAll
    static void start() throws Exception {
        guestDir = LibvirtTestHost.require();
        ceph = SingleNodeCeph.start("images vms");
        work = Files.createTempDirectory(Path.of("/var/tmp"), "nubo-rbd-test",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        secretUuid = UUID.randomUUID().toString();
        rbd = new RbdImages(ceph.conf(), "admin", "vms", secretUuid);
        hypervisor = LibvirtHypervisor.open(LibvirtTestHost.URI);
        secretsBefore = secrets();
        Path raw = work.resolve("test-guest.raw");
        sh("qemu-img", "convert", "-O", "raw", guestDir.resolve("test-guest.qcow2").toString(), raw.toString());
        smallBytes = Files.size(raw);
        // the same guest followed by 256 MiB of data that is really there (not a sparse hole): ten times the size
        Path big = work.resolve("big.raw");
        sh("bash", "-c", "cat " + raw + " > " + big + " && head -c 256M /dev/urandom >> " + big);
        bigBytes = Files.size(big);
        images = new LocalImageService();
        images.addAt("img-small", "raw", smallBytes, storeInRbd("img-small", raw));
        images.addAt("img-big", "raw", bigBytes, storeInRbd("img-big", big));
        Files.delete(big);
        images.add("img-file", "qcow2", guestDir.resolve("test-guest.qcow2"));
        agent = new AgentFixture(hypervisor, "qemu", work, images, rbd);
    }

    /** As the image service's RbdImageStore writes an image: layering only, a protected snapshot {@code snap}. */
    static String storeInRbd(String id, Path data) throws Exception {
        sh("rbd", "-c", ceph.conf(), "import", "--image-feature", "layering", data.toString(), "images/" + id);
        sh("rbd", "-c", ceph.conf(), "snap", "create", "images/" + id + "@snap");
        sh("rbd", "-c", ceph.conf(), "snap", "protect", "images/" + id + "@snap");
        return "rbd://" + rbd.fsid() + "/images/" + id + "/snap";
    }

    @AfterAll
    static void stop() throws Exception {
        try {
            if (hypervisor != null) {
                for (Guest g : hypervisor.guests()) {
                    if (g.definition().disks().stream().anyMatch(d -> String.valueOf(d.source()).contains("vms/"))
                            && g.definition().metadata() != null) {
                        agent.dispatcher.dispatch(new DeleteInstance(g.definition().metadata().instanceId(),
                                "host-1", "cleanup"));
                    }
                }
                if (secretUuid != null) {
                    hypervisor.undefineSecret(secretUuid);
                }
                hypervisor.close();
            }
            if (rbd != null) {
                rbd.close();
            }
        } finally {
            if (ceph != null) {
                ceph.close();
            }
            if (work != null) {
                try (Stream<Path> all = Files.walk(work)) {
                    all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                }
            }
        }
    }

    @Test
    void bootsFromACloneOfTheImagesSnapDownloadsNothingAndLeavesNothingAfterDelete() throws Exception {
        String id = UUID.randomUUID().toString();
        ImageSpec image = Commands.image("img-small", "raw", null, Map.of());
        int downloads = images.downloads.get();
        InstanceReport r = (InstanceReport) agent.dispatcher.dispatch(Commands.spawn(id, Commands.flavor(1, 1, 64),
                image, true, List.of()));
        assertThat(r.outcome()).as(String.valueOf(r.faultMessage())).isEqualTo(Outcome.SUCCEEDED);

        String console = awaitConsole(id, "NUBO-TEST-GUEST: ready");
        assertThat(console).contains("NUBO-TEST-GUEST: booted")
                .containsPattern("block vda sectors=2097152 ")
                .containsPattern("block vdb sectors=2097152 type=ext4 label=ephemeral0")
                .containsPattern("block vdc sectors=131072 type=swap")
                .containsPattern("block sr0 .*type=iso9660 label=config-2")
                .contains("config-drive /dev/sr0 uuid=" + id);
        assertThat(rbdCli("info", "vms/" + id + "_disk")).contains("parent: images/img-small@snap");
        assertThat(rbdCli("children", "images/img-small@snap")).contains("vms/" + id + "_disk");
        assertThat(rbd.instanceImages(id)).containsExactlyInAnyOrder(id + "_disk", id + "_disk.eph0",
                id + "_disk.swap");
        assertThat(images.downloads).as("nothing downloaded").hasValue(downloads);
        assertThat(cached()).as("the image cache stays empty").isEmpty();
        assertThat(Files.list(agent.storage.dir(id)).map(p -> p.getFileName().toString()).toList())
                .contains("disk.config").doesNotContain("disk", "disk.eph0", "disk.swap");
        Guest guest = hypervisor.guests().stream().filter(g -> g.name().equals("nubo-" + id)).findFirst().orElseThrow();
        DiskDevice root = guest.definition().disks().get(0);
        assertThat(root.source()).isEqualTo(new DiskDevice.NetworkSource("rbd", "vms/" + id + "_disk", rbd.monitors(),
                new DiskDevice.Auth("admin", "ceph", secretUuid)));
        assertThat(secrets()).containsAll(secretsBefore).contains(secretUuid);

        // createImage of an RBD root: qemu-img reads it through rbd: and the image service gets a qcow2
        InstanceReport snap = (InstanceReport) agent.dispatcher.dispatch(new SnapshotInstance(id, "host-1", "s1",
                "snap-rbd", "qcow2", "user-token"));
        assertThat(snap.outcome()).as(String.valueOf(snap.faultMessage())).isEqualTo(Outcome.SUCCEEDED);
        Path uploaded = work.resolve("snap-rbd.qcow2");
        Files.write(uploaded, images.uploads.get("snap-rbd"));
        QemuImg.Info info = new QemuImg().info(uploaded);
        assertThat(info.format()).isEqualTo("qcow2");
        assertThat(info.virtualSize()).isEqualTo(GIB);

        InstanceReport deleted = (InstanceReport) agent.dispatcher.dispatch(new DeleteInstance(id, "host-1", "d1"));
        assertThat(deleted.outcome()).as(String.valueOf(deleted.faultMessage())).isEqualTo(Outcome.SUCCEEDED);
        assertThat(hypervisor.guests()).noneMatch(g -> g.name().equals("nubo-" + id));
        assertThat(rbd.instanceImages(id)).isEmpty();
        assertThat(rbdCli("ls", "vms")).doesNotContain(id);
        assertThat(rbdCli("children", "images/img-small@snap")).doesNotContain(id);
        assertThat(Files.exists(agent.storage.dir(id))).isFalse();
        // the host's cephx secret is the host's (images.rbd-secret-uuid), not the guest's: it stays, nothing else
        Set<String> left = secrets();
        left.removeAll(secretsBefore);
        assertThat(left).containsExactly(secretUuid);
    }

    @Test
    void cloningTakesNoLongerForABigImage() throws Exception {
        assertThat(bigBytes).isGreaterThan(10 * smallBytes);
        int downloads = images.downloads.get();
        // warm: the first clone pays for opening the pool's metadata
        timePrepare("img-small");
        long small = Math.min(timePrepare("img-small"), timePrepare("img-small"));
        long big = Math.min(timePrepare("img-big"), timePrepare("img-big"));
        System.out.printf("RBD root disk: clone of a %d MiB image %d ms, of a %d MiB image %d ms%n",
                smallBytes >> 20, small, bigBytes >> 20, big);
        // a copy of 10x the data would take about 10x as long; a clone copies nothing
        assertThat(big).isLessThan(2 * small + 1000);
        assertThat(images.downloads).hasValue(downloads);
        assertThat(cached()).isEmpty();
    }

    private static long timePrepare(String imageId) {
        String id = UUID.randomUUID().toString();
        long t0 = System.nanoTime();
        agent.storage.prepare(id, Commands.flavor(1, 0, 0), Commands.image(imageId, "raw", null, Map.of()), null);
        long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
        assertThat(rbd.size(id + "_disk")).contains(GIB);
        agent.storage.remove(id);
        assertThat(rbd.instanceImages(id)).as("a live migration's source removes its files, not the shared disks")
                .containsExactly(id + "_disk");
        agent.storage.delete(id);
        assertThat(rbd.instanceImages(id)).isEmpty();
        return ms;
    }

    @Test
    void anImageThatIsNotInRbdIsImportedIntoThePool() throws Exception {
        String id = UUID.randomUUID().toString();
        ImageSpec image = Commands.image("img-file", "qcow2", images.show("img-file").hashValue(), Map.of());
        int before = images.downloads.get();
        // an agent of its own (its own image cache), so that the other tests' cache stays empty
        AgentFixture importing = new AgentFixture(hypervisor, "qemu", Files.createDirectories(work.resolve("import")),
                images, rbd);
        InstanceReport r = (InstanceReport) importing.dispatcher.dispatch(Commands.spawn(id, Commands.flavor(1, 0, 0),
                image, false, List.of()));
        assertThat(r.outcome()).as(String.valueOf(r.faultMessage())).isEqualTo(Outcome.SUCCEEDED);
        assertThat(awaitConsole(importing, id, "NUBO-TEST-GUEST: ready")).containsPattern("block vda sectors=2097152 ");
        assertThat(images.downloads.get() - before).isEqualTo(1);
        assertThat(rbdCli("info", "vms/" + id + "_disk")).doesNotContain("parent:");
        importing.dispatcher.dispatch(new DeleteInstance(id, "host-1", "d2"));
        assertThat(rbd.instanceImages(id)).isEmpty();
        assertThat(hypervisor.guests()).noneMatch(g -> g.name().equals("nubo-" + id));
    }

    private static List<String> cached() throws Exception {
        Path base = agent.storage.cache().dir();
        if (!Files.exists(base)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(base)) {
            return files.map(p -> p.getFileName().toString()).toList();
        }
    }

    static String awaitConsole(String id, String marker) throws Exception {
        return awaitConsole(agent, id, marker);
    }

    static String awaitConsole(AgentFixture on, String id, String marker) throws Exception {
        Path log = on.storage.consoleLog(id);
        long deadline = System.nanoTime() + BOOT.toNanos();
        String text = "";
        while (System.nanoTime() < deadline) {
            if (Files.exists(log)) {
                text = Files.readString(log, StandardCharsets.ISO_8859_1);
                if (text.contains(marker)) {
                    return text;
                }
            }
            Thread.sleep(200);
        }
        throw new AssertionError("no '" + marker + "' on the console of " + id + " within " + BOOT + ":\n" + text);
    }

    static Set<String> secrets() throws Exception {
        return new TreeSet<>(Arrays.stream(sh("virsh", "-c", LibvirtTestHost.URI, "secret-list").split("\\s+"))
                .filter(s -> s.matches("[0-9a-f]{8}-[0-9a-f-]{27}")).toList());
    }

    static String rbdCli(String... args) throws Exception {
        String[] cmd = new String[args.length + 3];
        cmd[0] = "rbd";
        cmd[1] = "-c";
        cmd[2] = ceph.conf();
        System.arraycopy(args, 0, cmd, 3, args.length);
        return sh(cmd);
    }

    static String sh(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed: " + out);
        }
        return out;
    }
}
