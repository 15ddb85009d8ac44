package io.nubo.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A guest stood in for by a network namespace of the test's own (root only): one NIC {@code eth0} with the port's
 * MAC and address, whose veth peer on the host carries the port's device name (e.g. {@code tap<port id[:11]>}) for
 * the test to plug into a bridge, and busybox httpd answering on the ports asked for. {@link #get} opens a TCP
 * connection from inside the namespace (busybox nc: busybox wget crashes on our machines). Traffic starts only
 * inside the namespace; {@link #close} stops its servers and removes the veth and the namespace.
 */
public final class StandInGuest implements AutoCloseable {

    private final String namespace;
    private final String hostDevice;
    private final Path docs;
    private final List<Process> servers = new ArrayList<>();

    /**
     * @param namespace  the namespace to make (unique per test)
     * @param hostDevice the veth end left on the host (at most 15 characters)
     * @param mac        the NIC's MAC
     * @param cidrAddress its address with prefix, e.g. {@code 10.214.7.11/24}
     * @param ports      TCP ports with a server (each answers {@code hello})
     */
    public StandInGuest(String namespace, String hostDevice, String mac, String cidrAddress, int... ports) {
        this.namespace = namespace;
        this.hostDevice = hostDevice;
        try {
            docs = Files.createTempDirectory("nubo-guest");
            Files.writeString(docs.resolve("index.html"), "hello\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        run("ip", "netns", "add", namespace);
        run("ip", "link", "add", hostDevice, "type", "veth", "peer", "name", "eth0", "netns", namespace);
        in("ip", "link", "set", "dev", "eth0", "address", mac, "up");
        in("ip", "addr", "add", cidrAddress, "dev", "eth0");
        in("ip", "link", "set", "dev", "lo", "up");
        run("ip", "link", "set", "dev", hostDevice, "up");
        for (int port : ports) {
            try {
                servers.add(new ProcessBuilder("ip", "netns", "exec", namespace, "busybox", "httpd", "-f", "-p",
                        String.valueOf(port), "-h", docs.toString()).redirectErrorStream(true).start());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        for (int port : ports) { // each server answers on the guest's own loopback before the test goes on
            long until = System.currentTimeMillis() + 10_000;
            while (!get("127.0.0.1", port)) {
                if (System.currentTimeMillis() > until) {
                    throw new IllegalStateException("httpd in " + namespace + " on " + port + " did not answer");
                }
                sleep(100);
            }
        }
    }

    /** Whether root, busybox and iproute2 are there to make stand-in guests. */
    public static boolean usable() {
        return "root".equals(System.getProperty("user.name")) && Files.isExecutable(Path.of("/bin/busybox"))
                && (Files.isExecutable(Path.of("/usr/sbin/ip")) || Files.isExecutable(Path.of("/sbin/ip")));
    }

    public String hostDevice() {
        return hostDevice;
    }

    public String namespace() {
        return namespace;
    }

    /** An HTTP GET from inside the guest (2 s to connect): whether the stand-in guests' page came back. */
    public boolean get(String ip, int port) {
        return fetch(ip, port).contains("hello");
    }

    /** An HTTP GET of {@code /index.html} from inside the guest (2 s to connect): the answer, empty when none. */
    public String fetch(String ip, int port) {
        try {
            Process p = new ProcessBuilder("ip", "netns", "exec", namespace, "busybox", "nc", "-w", "2", ip,
                    String.valueOf(port)).redirectErrorStream(true).start();
            p.getOutputStream().write("GET /index.html HTTP/1.0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            p.getOutputStream().flush();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor(10, TimeUnit.SECONDS);
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }

    /** Runs a command inside the guest and fails unless it succeeds (e.g. to change its address or MAC). */
    public String in(String... command) {
        List<String> cmd = new ArrayList<>(List.of("ip", "netns", "exec", namespace));
        cmd.addAll(List.of(command));
        return run(cmd.toArray(String[]::new));
    }

    @Override
    public void close() {
        servers.forEach(Process::destroyForcibly);
        servers.forEach(p -> {
            try {
                p.waitFor(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        quiet("ip", "link", "del", "dev", hostDevice);
        quiet("ip", "netns", "del", namespace);
        docs.resolve("index.html").toFile().delete();
        docs.toFile().delete();
    }

    private static String run(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (p.waitFor() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed: " + out);
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void quiet(String... command) {
        try {
            run(command);
        } catch (RuntimeException ignored) {
            // already gone
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
