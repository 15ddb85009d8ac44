package io.nubo.computeagent.realguest;

import static io.nubo.computeagent.realguest.RealGuestHost.sh;
import static org.assertj.core.api.Assertions.assertThat;

import io.nubo.computeagent.disk.QemuImg;
import io.nubo.computeagent.disk.RbdImages;
import io.nubo.computeagent.domain.DiskDevice;
import io.nubo.computeagent.hypervisor.Guest;
import io.nubo.computeagent.support.AgentFixture;
import io.nubo.computeagent.support.Commands;
import io.nubo.shared.events.compute.DeleteInstance;
import io.nubo.shared.events.compute.ImageSpec;
import io.nubo.shared.events.compute.InstanceReport;
import io.nubo.shared.events.compute.InstanceReport.Outcome;
import io.nubo.shared.events.compute.SnapshotInstance;
import io.nubo.testsupport.LibvirtTestHost;
import io.nubo.testsupport.SingleNodeCeph;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
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

    static final long GIB = 1L << 30;
    static SingleNodeCeph ceph;
    static RbdImages rbd;
    static final String secretUuid = UUID.randomUUID().toString();
    static RealGuestHost host;
    static Set<String> secretsBefore;
    static long smallBytes;
    static long bigBytes;

    @BeforeAll
    static void start() throws Exception {
        host = RealGuestHost.open("nubo-rbd-test", () -> {
            ceph = SingleNodeCeph.start("images vms");
            return rbd = new RbdImages(ceph.conf(), "admin", "vms", secretUuid);
        });
        secretsBefore = secrets();
        Path raw = host.work.resolve("test-guest.raw");
        sh("qemu-img", "convert", "-O", "raw", host.guestDir.resolve("test-guest.qcow2").toString(), raw.toString());
        smallBytes = Files.size(raw);
        // the same guest followed by 256 MiB of data that is really there (not a sparse hole): ten times the size
        Path big = host.work.resolve("big.raw");
        sh("bash", "-c", "cat " + raw + " > " + big + " && head -c 256M /dev/urandom >> " + big);
        bigBytes = Files.size(big);
        host.images.addAt("img-small", "raw", smallBytes, storeInRbd("img-small", raw));
        host.images.addAt("img-big", "raw", bigBytes, storeInRbd("img-big", big));
        Files.delete(big);
        host.images.add("img-file", "qcow2", host.guestDir.resolve("test-guest.qcow2"));
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
            if (host != null) {
                host.deleteGuestsLeft();
                // the host's cephx secret outlives its guests (images.rbd-secret-uuid): this test removes it
                host.hypervisor.undefineSecret(secretUuid);
                host.close();
            }
            if (rbd != null) {
                rbd.close();
            }
        } finally {
            if (ceph != null) {
                ceph.close();
            }
        }
    }

    @Test
    void bootsFromACloneOfTheImagesSnapDownloadsNothingAndLeavesNothingAfterDelete() throws Exception {
        String id = UUID.randomUUID().toString();
        ImageSpec image = Commands.image("img-small", "raw", null, Map.of());
        int downloads = host.images.downloads.get();
        host.succeeds(Commands.spawn(id, Commands.flavor(1, 1, 64), image, true, List.of()));

        String console = host.awaitConsole(id, "NUBO-TEST-GUEST: ready");
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
        assertThat(host.images.downloads).as("nothing downloaded").hasValue(downloads);
        assertThat(cached()).as("the image cache stays empty").isEmpty();
        assertThat(Files.list(host.agent.storage.dir(id)).map(p -> p.getFileName().toString()).toList())
                .contains("disk.config").doesNotContain("disk", "disk.eph0", "disk.swap");
        Guest guest = host.hypervisor.guests().stream().filter(g -> g.name().equals("nubo-" + id)).findFirst()
                .orElseThrow();
        DiskDevice root = guest.definition().disks().get(0);
        assertThat(root.source()).isEqualTo(new DiskDevice.NetworkSource("rbd", "vms/" + id + "_disk", rbd.monitors(),
                new DiskDevice.Auth("admin", "ceph", secretUuid)));
        assertThat(secrets()).containsAll(secretsBefore).contains(secretUuid);

        // createImage of an RBD root: qemu-img reads it through rbd: and the image service gets a qcow2
        host.succeeds(new SnapshotInstance(id, "host-1", "s1", "snap-rbd", "qcow2", "user-token"));
        Path uploaded = host.work.resolve("snap-rbd.qcow2");
        Files.write(uploaded, host.images.uploads.get("snap-rbd"));
        QemuImg.Info info = new QemuImg().info(uploaded);
        assertThat(info.format()).isEqualTo("qcow2");
        assertThat(info.virtualSize()).isEqualTo(GIB);

        host.succeeds(new DeleteInstance(id, "host-1", "d1"));
        assertThat(host.hypervisor.guests()).noneMatch(g -> g.name().equals("nubo-" + id));
        assertThat(rbd.instanceImages(id)).isEmpty();
        assertThat(rbdCli("ls", "vms")).doesNotContain(id);
        assertThat(rbdCli("children", "images/img-small@snap")).doesNotContain(id);
        assertThat(Files.exists(host.agent.storage.dir(id))).isFalse();
        // the host's cephx secret is the host's (images.rbd-secret-uuid), not the guest's: it stays, nothing else
        Set<String> left = secrets();
        left.removeAll(secretsBefore);
        assertThat(left).containsExactly(secretUuid);
    }

    @Test
    void cloningTakesNoLongerForABigImage() throws Exception {
        assertThat(bigBytes).isGreaterThan(10 * smallBytes);
        int downloads = host.images.downloads.get();
        // warm: the first clone pays for opening the pool's metadata
        timePrepare("img-small");
        long small = Math.min(timePrepare("img-small"), timePrepare("img-small"));
        long big = Math.min(timePrepare("img-big"), timePrepare("img-big"));
        System.out.printf("RBD root disk: clone of a %d MiB image %d ms, of a %d MiB image %d ms%n",
                smallBytes >> 20, small, bigBytes >> 20, big);
        // a copy of 10x the data would take about 10x as long; a clone copies nothing
        assertThat(big).isLessThan(2 * small + 1000);
        assertThat(host.images.downloads).hasValue(downloads);
        assertThat(cached()).isEmpty();
    }

    private static long timePrepare(String imageId) {
        String id = UUID.randomUUID().toString();
        long t0 = System.nanoTime();
        host.agent.storage.prepare(id, Commands.flavor(1, 0, 0), Commands.image(imageId, "raw", null, Map.of()), null);
        long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
        assertThat(rbd.size(id + "_disk")).contains(GIB);
        host.agent.storage.remove(id);
        assertThat(rbd.instanceImages(id)).as("a live migration's source removes its files, not the shared disks")
                .containsExactly(id + "_disk");
        host.agent.storage.delete(id);
        assertThat(rbd.instanceImages(id)).isEmpty();
        return ms;
    }

    @Test
    void anImageThatIsNotInRbdIsImportedIntoThePool() throws Exception {
        String id = UUID.randomUUID().toString();
        ImageSpec image = Commands.image("img-file", "qcow2", host.images.show("img-file").hashValue(), Map.of());
        int before = host.images.downloads.get();
        // an agent of its own (its own image cache), so that the other tests' cache stays empty
        AgentFixture importing = new AgentFixture(host.hypervisor, "qemu",
                Files.createDirectories(host.work.resolve("import")), host.images, rbd);
        try {
            InstanceReport r = (InstanceReport) importing.dispatcher.dispatch(Commands.spawn(id,
                    Commands.flavor(1, 0, 0), image, false, List.of()));
            assertThat(r.outcome()).as(String.valueOf(r.faultMessage())).isEqualTo(Outcome.SUCCEEDED);
            assertThat(importing.awaitConsole(id, "NUBO-TEST-GUEST: ready", RealGuestHost.BOOT))
                    .containsPattern("block vda sectors=2097152 ");
            assertThat(host.images.downloads.get() - before).isEqualTo(1);
            assertThat(rbdCli("info", "vms/" + id + "_disk")).doesNotContain("parent:");
        } finally {
            // its instance directory is not the host agent's: RealGuestHost's clean-up would not find this guest
            importing.dispatcher.dispatch(new DeleteInstance(id, "host-1", "d2"));
        }
        assertThat(rbd.instanceImages(id)).isEmpty();
        assertThat(host.hypervisor.guests()).noneMatch(g -> g.name().equals("nubo-" + id));
    }

    private static List<String> cached() throws Exception {
        Path base = host.agent.storage.cache().dir();
        if (!Files.exists(base)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(base)) {
            return files.map(p -> p.getFileName().toString()).toList();
        }
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
}
