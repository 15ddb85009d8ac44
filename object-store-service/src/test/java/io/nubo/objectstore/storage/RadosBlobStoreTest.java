package io.nubo.objectstore.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.nubo.testsupport.SingleNodeCeph;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The blob store contract against a real single-node Ceph, started by {@code scripts/ceph-single-node.sh}
 * (memstore, about 6 s). Skipped, saying why, only when Ceph's daemons are not installed
 * ({@code scripts/install-deps.sh --ceph} installs them).
 */
@Tag("integration")
class RadosBlobStoreTest extends BlobStoreContractTest {

    private static SingleNodeCeph ceph;
    private static RadosBlobStore store;

    @BeforeAll
    static void startCeph() throws Exception {
        ceph = SingleNodeCeph.start("objects");
        // small stripes, so that a few KiB already span several RADOS objects
        store = new RadosBlobStore(ceph.conf(), "admin", "objects", 4096);
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
    protected BlobStore store() {
        return store;
    }

    /** Stripes of blobs whose head is missing (a write that did not finish). */
    @Override
    protected long leftovers() throws IOException {
        String[] objects = store.objects();
        return Arrays.stream(objects).filter(o -> o.contains("."))
                .filter(o -> Arrays.stream(objects).noneMatch(h -> h.equals(o.substring(0, o.indexOf('.')))))
                .count();
    }

    @Test
    void aLargeBlobIsStripedAndReadsBackAcrossStripes() throws IOException {
        byte[] data = new byte[4096 * 5 + 123];
        new Random(7).nextBytes(data);
        StoredBlob b = store.write(new ByteArrayInputStream(data), data.length);
        assertThat(b.size()).isEqualTo(data.length);
        assertThat(Arrays.stream(store.objects()).filter(o -> o.startsWith(b.key() + ".")).count()).isEqualTo(6);
        try (var in = store.read(b.key(), 0, -1)) {
            assertThat(in.readAllBytes()).isEqualTo(data);
        }
        try (var in = store.read(b.key(), 4000, 5000)) {
            assertThat(in.readAllBytes()).isEqualTo(Arrays.copyOfRange(data, 4000, 9000));
        }
        store.delete(b.key());
        assertThat(Arrays.stream(store.objects()).filter(o -> o.startsWith(b.key()))).isEmpty();
    }
}
