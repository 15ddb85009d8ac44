package io.nubo.blockstorage.backend;

import static org.assertj.core.api.Assertions.assertThat;

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
