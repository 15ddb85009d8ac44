package io.nubo.allinone;

import io.nubo.embedded.kafka.EmbeddedKafkaBroker;
import io.nubo.shared.events.Topics;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * {@code ./nubo up --distributed}: the cloud as separate processes on this machine, the way it runs in production.
 * PostgreSQL (a database per service, created if missing), Kafka's own broker as its own JVM ({@code kafka.Kafka},
 * KRaft, one node), every service as its own JVM ({@link NuboService}), two instances of image, object-store and
 * compute, the compute agent and the gateway balancing over the instances. Each process writes its pid to
 * {@code <home>/distributed/pids/<name>.pid} and its log to {@code <home>/distributed/logs/<name>.log};
 * {@code ./nubo down} stops exactly those. This JVM exits once everything is ready.
 */
public final class NuboDistributed {

    /** Services that run twice; the second instance listens on {@code port + SECOND_OFFSET}. */
    static final List<ServiceModule> SCALED = List.of(ServiceModule.IMAGE, ServiceModule.OBJECT_STORE,
            ServiceModule.COMPUTE);
    static final int SECOND_OFFSET = 20;

    /** A process to start: its name (pid and log file), what it runs and the port that answers when it is up. */
    record Proc(String name, List<String> command, int port) {
    }

    private final LaunchOptions o;
    private final Path dir;
    private final String java;
    private final List<String> jvmFlags;
    private final String classpath;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    private final Map<String, Long> started = new TreeMap<>();

    NuboDistributed(LaunchOptions o, String java, List<String> jvmFlags, String classpath) {
        this.o = o;
        this.dir = o.home().resolve("distributed");
        this.java = java;
        this.jvmFlags = jvmFlags;
        this.classpath = classpath;
    }

    public static void main(String[] args) throws Exception {
        LaunchOptions parsed = LaunchOptions.parse(args);
        LaunchOptions o = parsed.postgres() != null ? parsed
                : new LaunchOptions(parsed.home(), parsed.portBase(), "jdbc:postgresql://127.0.0.1:5432/");
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> flags = Arrays.stream(System.getProperty("nubo.service-jvm-flags",
                "-Xmx256m -Xss512k -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -XX:ReservedCodeCacheSize=64m "
                        + "-XX:MaxMetaspaceSize=200m -Dfile.encoding=UTF-8").trim().split("\\s+")).toList();
        NuboDistributed cloud = new NuboDistributed(o, java, flags, System.getProperty("java.class.path"));
        long t0 = System.nanoTime();
        try {
            cloud.start();
        } catch (Exception | Error e) {
            System.err.println("nubo: distributed start failed: " + e.getMessage());
            System.err.println("nubo: logs in " + cloud.dir.resolve("logs"));
            cloud.stopStarted();
            System.exit(1);
        }
        Path clouds = NuboCloud.writeCloudsYaml(o, NuboCloud.adminPassword(o));
        System.out.println();
        System.out.printf(Locale.ROOT, "Nubo is ready in %.1f s (distributed: %d processes)%n",
                (System.nanoTime() - t0) / 1e9, cloud.started.size());
        System.out.println("  endpoint:    " + o.publicUrl() + "  (identity: " + o.publicUrl() + "/identity/v3)");
        System.out.println("  admin:       user admin, project admin, domain Default, password in "
                + o.dataDir().resolve("admin-password"));
        System.out.println("  clouds.yaml: " + clouds);
        System.out.println("  processes:   (resident memory now)");
        cloud.started.forEach((name, pid) -> System.out.printf(Locale.ROOT, "    %-16s pid %-8d %5d MiB%n", name,
                pid, rssKib(pid) / 1024));
        System.out.println("  try:         OS_CLIENT_CONFIG_FILE=" + clouds + " openstack --os-cloud nubo token issue");
        System.exit(0);
    }

    void start() throws Exception {
        Files.createDirectories(dir.resolve("pids"));
        Files.createDirectories(dir.resolve("logs"));
        Files.createDirectories(o.dataDir());
        NuboCloud.createDatabases(o.postgres());
        String kafka = "127.0.0.1:" + o.kafkaPort();
        launch(List.of(kafkaBroker()));
        EmbeddedKafkaBroker.createTopics(kafka, Topics.ALL);
        launch(List.of(service(ServiceModule.IDENTITY, ServiceModule.IDENTITY.port(o), kafka, "")));
        List<Proc> rest = new ArrayList<>();
        for (ServiceModule m : ServiceModule.values()) {
            if (m == ServiceModule.IDENTITY) {
                continue;
            }
            rest.add(service(m, m.port(o), kafka, ""));
            if (SCALED.contains(m)) {
                rest.add(service(m, m.port(o) + SECOND_OFFSET, kafka, "-2"));
            }
        }
        launch(rest);
        List<Proc> edge = new ArrayList<>();
        edge.add(role("gateway", NuboService.GATEWAY, o.gatewayPort(), NuboCloud.gatewayArgs(o, this::ports)));
        if (!"false".equalsIgnoreCase(System.getenv("NUBO_COMPUTE_AGENT"))) {
            edge.add(role("compute-agent", NuboService.AGENT, 0, NuboCloud.agentArgs(o, kafka,
                    o.publicUrl() + "/image", o.publicUrl() + "/identity/v3")));
        }
        launch(edge);
    }

    /** The ports of every instance of {@code m}. */
    List<Integer> ports(ServiceModule m) {
        return SCALED.contains(m) ? List.of(m.port(o), m.port(o) + SECOND_OFFSET) : List.of(m.port(o));
    }

    private Proc service(ServiceModule m, int port, String kafka, String suffix) {
        // compute and block storage reach the image service through the gateway, so either instance serves them
        List<String> args = new ArrayList<>(List.of(NuboCloud.serviceArgs(o, m, kafka, port,
                o.publicUrl() + "/image")));
        // ten JVMs share one PostgreSQL (max_connections 100 by default): small pools, idle ones closed
        args.add("--spring.datasource.hikari.maximum-pool-size=" + System.getProperty("nubo.pool-size", "4"));
        args.add("--spring.datasource.hikari.minimum-idle=1");
        return role(m.prefix() + suffix, m.prefix(), port, args.toArray(String[]::new));
    }

    private Proc role(String name, String role, int port, String[] args) {
        List<String> cmd = new ArrayList<>(jvmCommand(name));
        cmd.add(NuboService.class.getName());
        cmd.add(role);
        // each process is its own JVM again: Spring's shutdown hook closes it on SIGTERM (./nubo down)
        Arrays.stream(args).filter(a -> !a.startsWith("--spring.main.register-shutdown-hook")).forEach(cmd::add);
        return new Proc(name, cmd, port);
    }

    private Proc kafkaBroker() throws IOException {
        Path logDir = o.dataDir().resolve("kafka-broker");
        EmbeddedKafkaBroker.prepareStorage(logDir);
        Map<String, Object> config = new TreeMap<>(EmbeddedKafkaBroker.config(logDir, o.kafkaPort(),
                o.kafkaControllerPort()));
        Path properties = dir.resolve("kafka-server.properties");
        Files.writeString(properties, config.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining("\n", "# written by ./nubo up --distributed\n", "\n")));
        List<String> cmd = new ArrayList<>(jvmCommand("kafka"));
        cmd.add("kafka.Kafka");
        cmd.add(properties.toString());
        return new Proc("kafka", cmd, o.kafkaPort());
    }

    private List<String> jvmCommand(String name) {
        List<String> cmd = new ArrayList<>();
        cmd.add("setsid");
        cmd.add(java);
        cmd.addAll(jvmFlags);
        cmd.add("-Dnubo.process=" + name);
        cmd.add("-cp");
        cmd.add(classpath);
        return cmd;
    }

    /** Starts every process of one wave, then waits until each answers. */
    private void launch(List<Proc> wave) throws Exception {
        List<Process> processes = new ArrayList<>();
        for (Proc p : wave) {
            Path pidFile = dir.resolve("pids").resolve(p.name() + ".pid");
            Path log = dir.resolve("logs").resolve(p.name() + ".log");
            Process process = new ProcessBuilder(p.command()).redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
            Files.writeString(pidFile, process.pid() + "\n");
            started.put(p.name(), process.pid());
            processes.add(process);
        }
        long deadline = System.currentTimeMillis() + 240_000;
        for (int i = 0; i < wave.size(); i++) {
            Proc p = wave.get(i);
            Process process = processes.get(i);
            while (!ready(p)) {
                if (!process.isAlive()) {
                    throw new IllegalStateException(p.name() + " exited with " + process.exitValue() + " (log: "
                            + dir.resolve("logs").resolve(p.name() + ".log") + ")");
                }
                if (System.currentTimeMillis() > deadline) {
                    throw new IllegalStateException(p.name() + " was not ready within 240 s");
                }
                Thread.sleep(250);
            }
            System.out.println("nubo: " + p.name() + " is up" + (p.port() > 0 ? " on 127.0.0.1:" + p.port() : ""));
        }
    }

    private boolean ready(Proc p) {
        if (p.name().equals("kafka")) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", p.port()), 500);
                return true;
            } catch (IOException notYet) {
                return false;
            }
        }
        if (p.port() == 0) {
            return logContains(p.name(), "Started ");
        }
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + p.port()
                    + "/healthcheck/readiness")).timeout(Duration.ofSeconds(2)).GET().build();
            return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (IOException notYet) {
            return false;
        }
    }

    private boolean logContains(String name, String text) {
        try {
            return Files.readString(dir.resolve("logs").resolve(name + ".log")).contains(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void stopStarted() {
        started.values().forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroy));
    }

    /** The resident set size of a process in KiB (VmRSS), 0 when it is gone. */
    static long rssKib(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | NumberFormatException gone) {
            return 0;
        }
        return 0;
    }
}
