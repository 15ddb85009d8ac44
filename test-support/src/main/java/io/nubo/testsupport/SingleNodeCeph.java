package io.nubo.testsupport;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * A throw-away single-node Ceph (memstore) from {@code scripts/ceph-single-node.sh} on a free loopback port, for the
 * storage drivers' tests (the object store's RADOS driver, the image service's RBD store). {@link #start} skips the
 * calling test class, saying why,
 * only when Ceph's daemons are not installed ({@code scripts/install-deps.sh --ceph}); with {@code CI=true} that is
 * a failure instead.
 */
public final class SingleNodeCeph implements AutoCloseable {

    private static final Path SCRIPT = locate();
    private final Path dir;
    private final String conf;

    private SingleNodeCeph(Path dir, String conf) {
        this.dir = dir;
        this.conf = conf;
    }

    /** Starts a cluster with {@code pools} (space separated); call from {@code @BeforeAll}. */
    public static SingleNodeCeph start(String pools) throws Exception {
        boolean installed = Files.isExecutable(Path.of("/usr/bin/ceph-mon"))
                && Files.isExecutable(Path.of("/usr/bin/ceph-osd"));
        // CI installs Ceph (scripts/test.sh runs install-deps.sh --ceph): there a missing Ceph is a failure, not a skip
        if (!installed && "true".equals(System.getenv("CI"))) {
            throw new IllegalStateException("Ceph is not installed although CI=true (scripts/install-deps.sh --ceph)");
        }
        Assumptions.assumeTrue(installed,
                "Ceph is not installed (scripts/install-deps.sh --ceph): the Ceph-backed tests are skipped");
        Path dir = Files.createTempDirectory("nubo-ceph");
        ProcessBuilder start = new ProcessBuilder(SCRIPT.toString(), "start", dir.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT);
        start.environment().put("CEPH_POOLS", pools);
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
        return new SingleNodeCeph(dir, conf);
    }

    /** The path of the cluster's ceph.conf (it names the admin keyring). */
    public String conf() {
        return conf;
    }

    /** Stops the daemons this cluster started and removes its directory (kept if a daemon would not stop). */
    @Override
    public void close() throws Exception {
        Process stop = new ProcessBuilder(SCRIPT.toString(), "stop", dir.toString()).inheritIO().start();
        if (stop.waitFor(60, TimeUnit.SECONDS) && stop.exitValue() == 0) {
            try (var all = Files.walk(dir)) {
                all.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static Path locate() {
        Path p = Path.of("").toAbsolutePath();
        while (p != null && !Files.exists(p.resolve("scripts/ceph-single-node.sh"))) {
            p = p.getParent();
        }
        return p == null ? Path.of("scripts/ceph-single-node.sh") : p.resolve("scripts/ceph-single-node.sh");
    }
}
