package io.nubo.objectstore.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The blob store contract against a real single-node Ceph, started by {@code scripts/ceph-single-node.sh}
 * (memstore, about 6 s). Skipped, saying why, only when Ceph's daemons are not installed
 * ({@code scripts/install-deps.sh --ceph} installs them).
 */
class RadosBlobStoreTest extends BlobStoreContractTest {

    private static final Path SCRIPT = locate();
    private static Path dir;
    private static RadosBlobStore store;

    @BeforeAll
    static void startCeph() throws Exception {
        boolean installed = Files.isExecutable(Path.of("/usr/bin/ceph-mon"))
                && Files.isExecutable(Path.of("/usr/bin/ceph-osd"));
        // CI installs Ceph (scripts/test.sh runs install-deps.sh --ceph): there a missing Ceph is a failure, not a skip
        if (!installed && "true".equals(System.getenv("CI"))) {
            throw new IllegalStateException("Ceph is not installed although CI=true (scripts/install-deps.sh --ceph)");
        }
        Assumptions.assumeTrue(installed,
                "Ceph is not installed (scripts/install-deps.sh --ceph): the RADOS driver's contract test is skipped");
        dir = Files.createTempDirectory("nubo-ceph");
        ProcessBuilder start = new ProcessBuilder(SCRIPT.toString(), "start", dir.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT);
        // a free port, not Ceph's default 3300, which a developer's own cluster may hold
        try (java.net.ServerSocket probe = new java.net.ServerSocket(0, 1,
                java.net.InetAddress.getLoopbackAddress())) {
            start.environment().putIfAbsent("CEPH_MON_PORT", Integer.toString(probe.getLocalPort()));
        }
        Process p = start.start();
        String conf = new String(p.getInputStream().readAllBytes()).trim();
        if (!p.waitFor(200, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException("scripts/ceph-single-node.sh start failed; logs in " + dir);
        }
        // small stripes, so that a few KiB already span several RADOS objects
        store = new RadosBlobStore(conf, "admin", "objects", 4096);
    }

    @AfterAll
    static void stopCeph() throws Exception {
        if (store != null) {
            store.close();
        }
        if (dir != null) {
            new ProcessBuilder(SCRIPT.toString(), "stop", dir.toString()).inheritIO().start().waitFor(60,
                    TimeUnit.SECONDS);
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

    private static Path locate() {
        Path p = Path.of("").toAbsolutePath();
        while (p != null && !Files.exists(p.resolve("scripts/ceph-single-node.sh"))) {
            p = p.getParent();
        }
        return p == null ? Path.of("scripts/ceph-single-node.sh") : p.resolve("scripts/ceph-single-node.sh");
    }
}
