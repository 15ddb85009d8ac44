package io.nubo.image.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.ceph.rbd.RbdImage;
import io.nubo.testsupport.SingleNodeCeph;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The image store contract against a real single-node Ceph ({@link SingleNodeCeph}) with an {@code images} pool,
 * plus what makes RBD worth having: the protected snapshot that Nova and Cinder clone copy-on-write. Skipped, saying
 * why, only when Ceph's daemons are not installed; with {@code CI=true} a missing Ceph is a failure.
 */
@Tag("integration")
class RbdImageStoreTest extends ImageStoreContract {

    private static SingleNodeCeph ceph;
    private static RbdImageStore store;

    @BeforeAll
    static void startCeph() throws Exception {
        ceph = SingleNodeCeph.start("images");
        // small chunks, so that a few MiB already take many resizes and writes
        store = new RbdImageStore("rbd", ceph.conf(), "admin", "images", 64 * 1024);
    }

    @AfterAll
    static void stopCeph() throws Exception {
        if (store != null) {
            store.close();
        }
        if (ceph != null) {
            ceph.close();
        }
    }

    @Override
    protected ImageStore store() {
        return store;
    }

    @Override
    protected boolean anythingStoredFor(String imageId) throws Exception {
        return store.imageNames().contains(imageId);
    }

    @Test
    void theLocationIsGlancesAndTheSnapshotIsProtectedSoItClonesCopyOnWrite() throws Exception {
        byte[] data = new byte[200_000];
        new Random(11).nextBytes(data);
        String id = UUID.randomUUID().toString();
        ImageStore.StoredObject o = store.write(id, new ByteArrayInputStream(data));
        assertThat(o.location()).isEqualTo("rbd://" + store.fsid() + "/images/" + id + "/snap");
        assertThat(store.fsid()).matches("[0-9a-f-]{36}");
        try (RbdImage image = store.rbd().openReadOnly(id)) {
            assertThat(image.snapIsProtected("snap")).isTrue();
            assertThat(image.stat().size).isEqualTo(data.length);
        }

        // what Nova and Cinder do with the location: clone the snapshot, layering, copy-on-write
        String child = "child-" + id;
        store.rbd().clone(id, "snap", store.ioContext(), child, 1L, 0);
        try (RbdImage parent = store.rbd().openReadOnly(id)) {
            assertThat(parent.listChildren("snap")).anyMatch(c -> c.endsWith(child));
        }
        try (RbdImage clone = store.rbd().openReadOnly(child)) {
            // copy-on-write: the clone has no data objects of its own, its bytes are read from the parent's
            String prefix = new String(clone.stat().block_name_prefix, StandardCharsets.US_ASCII).trim();
            assertThat(prefix).startsWith("rbd_data.");
            assertThat(store.ioContext().listObjects()).noneMatch(obj -> obj.startsWith(prefix + "."));
            byte[] back = new byte[data.length];
            assertThat(clone.read(0, back, back.length)).isEqualTo(data.length);
            assertThat(back).isEqualTo(data);
        }

        assertThatThrownBy(() -> store.delete(o.location())).isInstanceOf(ImageInUseException.class)
                .hasMessageContaining("is in use").hasMessageContaining(child);
        assertThat(store.exists(o.location())).isTrue();
        try (var in = store.read(o.location(), 100, 1000)) {
            assertThat(in.readAllBytes()).isEqualTo(Arrays.copyOfRange(data, 100, 1100));
        }

        store.rbd().remove(child);
        store.delete(o.location());
        assertThat(store.exists(o.location())).isFalse();
        assertThat(store.imageNames()).doesNotContain(id, child);
    }

    @Test
    void aSecondWriteForTheSameImageFailsAndLeavesTheFirstAlone() throws Exception {
        String id = UUID.randomUUID().toString();
        ImageStore.StoredObject first = store.write(id, new ByteArrayInputStream(new byte[] {1, 2, 3}));
        assertThatThrownBy(() -> store.write(id, new ByteArrayInputStream(new byte[] {4, 5})))
                .isInstanceOf(java.io.IOException.class).hasMessageContaining("already exists");
        try (var in = store.read(first.location(), 0, -1)) {
            assertThat(in.readAllBytes()).containsExactly(1, 2, 3);
        }
        store.delete(first.location());
    }

    /**
     * The all-in-one runs with {@code -Xss512k}; there, librados loaded and connected straight from such a thread
     * killed the JVM ("irrecoverable stack overflow"). Here the libraries are already loaded by {@code @BeforeAll},
     * so this only shows that a small-stack caller works; the crash itself was reproduced and its fix checked with
     * {@code ./nubo up} (see the README).
     */
    @Test
    void worksFromThreadsWithSmallStacks() throws Exception {
        byte[] data = new byte[300_000];
        new Random(5).nextBytes(data);
        AtomicReference<Object> result = new AtomicReference<>();
        Thread t = new Thread(null, () -> {
            try (RbdImageStore small = new RbdImageStore("rbd", ceph.conf(), "admin", "images", 64 * 1024)) {
                ImageStore.StoredObject o = small.write(UUID.randomUUID().toString(), new ByteArrayInputStream(data));
                try (var in = small.read(o.location(), 0, -1)) {
                    result.set(in.readAllBytes());
                }
                small.delete(o.location());
                assertThat(small.exists(o.location())).isFalse();
            } catch (Throwable e) {
                result.set(e);
            }
        }, "small-stack", 256 * 1024);
        t.start();
        t.join();
        assertThat(result.get()).isEqualTo(data);
    }

    @Test
    void locationsOfAnotherPoolOrClusterAreRefused() {
        assertThatThrownBy(() -> store.read("rbd://" + store.fsid() + "/volumes/x/snap", 0, -1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.delete("rbd://00000000-0000-0000-0000-000000000000/images/x/snap"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
