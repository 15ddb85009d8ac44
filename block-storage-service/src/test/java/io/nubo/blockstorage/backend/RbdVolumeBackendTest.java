package io.nubo.blockstorage.backend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.ceph.rados.IoCTX;
import com.ceph.rados.Rados;
import com.ceph.rbd.Rbd;
import com.ceph.rbd.RbdImage;
import io.nubo.shared.nativecall.NativeStackExecutor;

import io.nubo.shared.events.compute.VolumeConnection;
import io.nubo.testsupport.SingleNodeCeph;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The contract against a real single-node Ceph ({@link SingleNodeCeph}) with a {@code volumes} pool; the connection
 * is proven by qemu's RBD driver reading the image by the name and monitor the connection gives.
 */
@org.junit.jupiter.api.Tag("integration")
class RbdVolumeBackendTest extends VolumeBackendContract {

    private static SingleNodeCeph ceph;
    private static RbdVolumeBackend backend;

    @BeforeAll
    static void start() throws Exception {
        ceph = SingleNodeCeph.start("volumes");
        Path work = Files.createTempDirectory("nubo-rbd-volumes");
        // small chunks: a few MiB already take many librbd calls
        // the keyring goes out with each connection (Cinder's rbd_keyring_conf), as compute hosts need it here
        backend = new RbdVolumeBackend(ceph.conf(), "admin", "volumes", "5b0bd2b6-5f2b-4c9f-a1a3-3d8d0e7f1c11",
                Path.of(ceph.conf()).resolveSibling("client.admin.keyring").toString(), 64 * 1024, work);
    }

    @AfterAll
    static void stop() throws Exception {
        if (backend != null) {
            backend.close();
        }
        if (ceph != null) {
            ceph.close();
        }
    }

    @Override
    protected VolumeBackend backend() {
        return backend;
    }

    @Override
    protected String expectedDriverVolumeType() {
        return "rbd";
    }

    @Override
    protected String[] qemuSource(VolumeConnection c) {
        // no ceph.conf: the monitor and the key come from the connection alone, as a compute host gets them
        java.util.regex.Matcher key = java.util.regex.Pattern.compile("(?m)^\\s*key\\s*=\\s*(\\S+)")
                .matcher(c.data().get("keyring"));
        assertThat(key.find()).as("the connection's keyring holds the key").isTrue();
        return new String[] {"rbd:" + c.data().get("name") + ":id=" + c.data().get("auth_username")
                + ":mon_host=" + c.data().get("hosts") + "\\:" + c.data().get("ports") + ":key=" + key.group(1)
                + ":auth_supported=cephx", "raw"};
    }

    /**
     * A raw image kept as the image service's rbd store keeps it (an RBD image with a protected snapshot
     * {@code snap}, location {@code rbd://<fsid>/<pool>/<image>/snap}) becomes a volume as a copy-on-write clone:
     * the volume holds the image's bytes at its own size, later writes to it do not reach the image, and an image
     * elsewhere (another cluster, an unprotected snapshot, qcow2) is refused so the caller copies the bytes.
     */
    @Test
    void aRawImageInThisClusterIsClonedCopyOnWrite() throws Exception {
        String image = "image-" + id();
        byte[] data = random((int) (1 * MIB + 77), 9);
        NativeStackExecutor nat = new NativeStackExecutor("rbd-test", 1, NativeStackExecutor.NATIVE_STACK_BYTES);
        Rados rados = nat.call(() -> new Rados("admin"));
        String fsid;
        try {
            IoCTX io = nat.call(() -> {
                rados.confReadFile(new java.io.File(ceph.conf()));
                rados.connect();
                return rados.ioCtxCreate("volumes");
            });
            fsid = nat.call(rados::clusterFsid);
            nat.run(() -> {
                Rbd rbd = new Rbd(io);
                rbd.create(image, 2 * MIB, 1L, 22);
                RbdImage img = rbd.open(image);
                img.write(data, 0, data.length);
                img.snapCreate("snap");
                img.snapCreate("loose");
                img.snapProtect("snap");
                rbd.close(img);
                return null;
            });
            String location = "rbd://" + fsid + "/volumes/" + image + "/snap";
            String v = id();
            assertThat(backend.cloneImage(v, location, DiskFormat.RAW, 3 * MIB)).isTrue();
            assertHolds(v, data, 3 * MIB);
            String w = id();
            assertThatThrownBy(() -> backend.cloneImage(w, location, DiskFormat.RAW, MIB))
                    .isInstanceOf(ImageTooLargeException.class);
            assertThat(backend.imageNames()).doesNotContain("volume-" + w);
            assertThat(backend.cloneImage(w, location, DiskFormat.QCOW2, 3 * MIB)).isFalse();
            assertThat(backend.cloneImage(w, "rbd://other-fsid/volumes/" + image + "/snap", DiskFormat.RAW,
                    3 * MIB)).isFalse();
            assertThat(backend.cloneImage(w, "rbd://" + fsid + "/volumes/" + image + "/loose", DiskFormat.RAW,
                    3 * MIB)).isFalse();
            assertThat(backend.cloneImage(w, "rbd://" + fsid + "/nopool/" + image + "/snap", DiskFormat.RAW,
                    3 * MIB)).isFalse();
            assertThat(backend.cloneImage(w, "file:///tmp/x", DiskFormat.RAW, 3 * MIB)).isFalse();
            assertThat(backend.imageNames()).doesNotContain("volume-" + w);
            // writes to the clone stay in the clone
            byte[] other = random(4096, 10);
            writeRaw(v, other);
            byte[] parent = nat.call(() -> {
                Rbd rbd = new Rbd(io);
                RbdImage img = rbd.open(image, "snap");
                byte[] buf = new byte[4096];
                img.read(0, buf, buf.length);
                rbd.close(img);
                return buf;
            });
            assertThat(parent).isEqualTo(java.util.Arrays.copyOf(data, 4096));
            backend.delete(v);
            assertThat(backend.imageNames()).doesNotContain("volume-" + v);
            nat.run(() -> {
                Rbd rbd = new Rbd(io);
                RbdImage img = rbd.open(image);
                img.snapUnprotect("snap");
                img.snapRemove("snap");
                img.snapRemove("loose");
                rbd.close(img);
                rbd.remove(image);
                rados.ioCtxDestroy(io);
                return null;
            });
        } finally {
            nat.run(() -> {
                rados.shutDown();
                return null;
            });
            nat.close();
        }
    }

    @Test
    void volumesAreNamedAsCindersAndNothingIsLeftAfterDeletes() throws Exception {
        String v = id();
        String s = id();
        backend.create(v, 2 * MIB);
        backend.createSnapshot(v, s);
        String c = id();
        backend.createFromSnapshot(v, s, c, 2 * MIB);
        assertThat(backend.imageNames()).contains("volume-" + v, "volume-" + c);
        backend.deleteSnapshot(v, s);
        backend.delete(v);
        backend.delete(c);
        assertThat(backend.imageNames()).doesNotContain("volume-" + v, "volume-" + c);
    }
}
