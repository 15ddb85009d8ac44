package io.nubo.testsupport;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * A throw-away tgt iSCSI target daemon from {@code scripts/iscsi-target.sh} on a free loopback portal and its own
 * control port, so tests never touch another tgtd on the machine. {@link #start} skips the calling test class, saying
 * why, only when tgt is not installed ({@code scripts/install-deps.sh --volume}); with {@code CI=true} that is a
 * failure instead, as for {@link SingleNodeCeph}.
 */
public final class IscsiTargetDaemon implements AutoCloseable {

    private static final Path SCRIPT = locate();
    private final Path dir;
    private final String portal;
    private final int controlPort;

    private IscsiTargetDaemon(Path dir, String portal, int controlPort) {
        this.dir = dir;
        this.portal = portal;
        this.controlPort = controlPort;
    }

    /** Starts a daemon; call from {@code @BeforeAll}. */
    public static IscsiTargetDaemon start() throws Exception {
        boolean installed = Files.isExecutable(Path.of("/usr/sbin/tgtd")) && Files.isExecutable(Path.of("/usr/sbin/tgtadm"));
        if (!installed && "true".equals(System.getenv("CI"))) {
            throw new IllegalStateException("tgt is not installed although CI=true (scripts/install-deps.sh --volume)");
        }
        Assumptions.assumeTrue(installed,
                "tgt is not installed (scripts/install-deps.sh --volume): the iSCSI-backed tests are skipped");
        Path dir = Files.createTempDirectory("nubo-tgt");
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        String portal = "127.0.0.1:" + port;
        // the control port names the daemon's management socket; a random one keeps parallel test runs apart
        int control = ThreadLocalRandom.current().nextInt(1000, 30000);
        Process p = new ProcessBuilder(SCRIPT.toString(), "start", dir.toString(), portal, Integer.toString(control))
                .inheritIO().start();
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException("scripts/iscsi-target.sh start failed; log in " + dir);
        }
        return new IscsiTargetDaemon(dir, portal, control);
    }

    /** {@code 127.0.0.1:<port>}, where initiators log in. */
    public String portal() {
        return portal;
    }

    /** The daemon's control port ({@code tgtadm -C}). */
    public int controlPort() {
        return controlPort;
    }

    @Override
    public void close() throws Exception {
        Process stop = new ProcessBuilder(SCRIPT.toString(), "stop", dir.toString()).inheritIO().start();
        if (stop.waitFor(30, TimeUnit.SECONDS) && stop.exitValue() == 0) {
            try (var all = Files.walk(dir)) {
                all.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }

    private static Path locate() {
        Path p = Path.of("").toAbsolutePath();
        while (p != null && !Files.exists(p.resolve("scripts/iscsi-target.sh"))) {
            p = p.getParent();
        }
        return p == null ? Path.of("scripts/iscsi-target.sh") : p.resolve("scripts/iscsi-target.sh");
    }
}
