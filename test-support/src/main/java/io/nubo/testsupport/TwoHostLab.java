package io.nubo.testsupport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Two compute hosts on this one machine, for live migration ({@code scripts/two-host-lab.sh}, after
 * MACHINE-NOTES "Two compute hosts on one machine"): each host a network namespace with its own libvirtd and
 * virtlogd (own state directories and host UUID), the two joined by a veth pair and nothing else, so migration
 * traffic goes only between them. Tests outside reach each libvirtd by its unix socket ({@link Host#uri()}); the
 * libvirtds reach each other at {@link Host#peerUri()}. {@link #close()} removes everything and ends only the
 * processes the lab started (its daemons, by their pid files, and the guests they left).
 *
 * <p>{@link #start} skips the calling test when libvirt is not installed or the test is not root (namespaces),
 * and fails instead under {@code CI=true}.
 */
public final class TwoHostLab implements AutoCloseable {

    /** One host: {@code n} is 1 or 2. */
    public record Host(int n, String namespace, String uri, String peerUri, String address, Path instancesDir,
                       Path stateDir) {

        /** qemu's migration address on the veth, for {@code --migrateuri}. */
        public String migrationUri() {
            return "tcp://" + address;
        }
    }

    private final Path dir;
    private final List<Host> hosts;

    private TwoHostLab(Path dir, List<Host> hosts) {
        this.dir = dir;
        this.hosts = hosts;
    }

    /**
     * Builds the two hosts under {@code /var/tmp/nubo-lab-<tag>} (qemu's user must reach the guests' files, so not
     * under /root), on 10.77.{@code net}.1 and .2.
     */
    public static TwoHostLab start(String tag, int net) throws Exception {
        boolean installed = Files.isExecutable(Path.of("/usr/sbin/libvirtd"))
                && Files.isExecutable(Path.of("/usr/bin/qemu-system-x86_64"))
                && (Files.isExecutable(Path.of("/usr/sbin/ip")) || Files.isExecutable(Path.of("/sbin/ip")));
        boolean root = "root".equals(System.getProperty("user.name"));
        if ((!installed || !root) && "true".equals(System.getenv("CI"))) {
            throw new IllegalStateException("the two-host lab needs root and libvirt (scripts/install-deps.sh --libvirt)"
                    + " although CI=true");
        }
        Assumptions.assumeTrue(installed && root,
                "the two-host lab needs root, ip and libvirt (scripts/install-deps.sh --libvirt): skipped");
        Path dir = Path.of("/var/tmp/nubo-lab-" + tag);
        run(List.of(script(), "down", dir.toString()));
        String out;
        try {
            out = run(List.of(script(), "up", dir.toString(), tag, Integer.toString(net)));
        } catch (RuntimeException e) {
            run(List.of(script(), "down", dir.toString()));
            throw e;
        }
        List<Host> hosts = new ArrayList<>();
        for (String line : out.split("\n")) {
            if (line.startsWith("host ")) {
                hosts.add(parse(line, dir));
            }
        }
        if (hosts.size() != 2) {
            run(List.of(script(), "down", dir.toString()));
            throw new IllegalStateException("two-host-lab.sh up did not describe two hosts:\n" + out);
        }
        return new TwoHostLab(dir, List.copyOf(hosts));
    }

    private static Host parse(String line, Path dir) {
        String[] words = line.split(" ");
        int n = Integer.parseInt(words[1]);
        Map<String, String> f = new HashMap<>();
        for (int i = 2; i < words.length; i++) {
            int eq = words[i].indexOf('=');
            f.put(words[i].substring(0, eq), words[i].substring(eq + 1));
        }
        return new Host(n, f.get("ns"), f.get("uri"), f.get("peer"), f.get("address"), Path.of(f.get("instances")),
                dir.resolve("h" + n));
    }

    /**
     * Nubo's test guest ({@code scripts/build-test-guest.sh DIR}) built into a directory of the caller's own, so a
     * long migration test does not share the machine-wide cache with other tests rebuilding it.
     */
    public static Path testGuest(Path dir) {
        return Path.of(run(List.of(LibvirtTestHost.script("build-test-guest.sh").toString(), dir.toString())).trim());
    }

    public Host host(int n) {
        return hosts.get(n - 1);
    }

    public Path dir() {
        return dir;
    }

    /** Kills host {@code n}'s libvirtd (SIGKILL, by its pid file): a host that dies under a migration. */
    public void killLibvirtd(int n) throws IOException, InterruptedException {
        long pid = Long.parseLong(Files.readString(host(n).stateDir().resolve("run/libvirtd.pid")).trim());
        ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
        ProcessHandle.of(pid).ifPresent(p -> p.onExit().join());
    }

    @Override
    public void close() {
        run(List.of(script(), "down", dir.toString()));
    }

    private static String script() {
        return LibvirtTestHost.script("two-host-lab.sh").toString();
    }

    private static String run(List<String> command) {
        try {
            Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
            String out = new String(p.getInputStream().readAllBytes());
            if (!p.waitFor(180, TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " failed:\n" + out);
            }
            return out;
        } catch (IOException e) {
            throw new IllegalStateException(String.join(" ", command) + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted: " + String.join(" ", command), e);
        }
    }
}
