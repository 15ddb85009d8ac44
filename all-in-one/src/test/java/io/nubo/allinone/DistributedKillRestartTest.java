package io.nubo.allinone;

import static org.assertj.core.api.Assertions.assertThat;

import io.nubo.testsupport.LibvirtTestHost;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Issue 15's kill and restart: the distributed cloud ({@code ./nubo up --distributed}: a Kafka broker process and
 * every service in its own JVM, two instances of image, object store and compute, PostgreSQL databases of its own)
 * loses nothing when a process dies. kill -9 of an object-store instance during a stream of writes, then of the
 * Kafka broker, a graceful stop (SIGTERM) of the broker with writers running across its stop and start, then kill
 * -9 of the compute agent while it boots a guest; each restarted with its own command line. Every
 * write acknowledged to a client is still there, every event written while Kafka was down is applied once by
 * metering after it returns, the server ends ACTIVE or ERROR (never stuck in BUILD), and the gateway never answers
 * 500.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Tag("integration")
class DistributedKillRestartTest {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    static Path home;
    static int base;
    static String dbPrefix;
    static String token;
    static String project;
    /** Every status the gateway answered in this test. */
    static final Map<Integer, AtomicInteger> STATUSES = new ConcurrentHashMap<>();

    @BeforeAll
    static void start() throws Exception {
        home = Files.createTempDirectory("nubo-distributed-kill");
        base = OpenStackCliEndToEndTest.freePortBase(40); // the second instances listen at +20
        dbPrefix = "nk" + UUID.randomUUID().toString().replace("-", "").substring(0, 8) + "_";
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> cmd = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "-Xmx256m", "-cp", classpath, NuboDistributed.class.getName(), "--data-dir", home.toString(),
                "--port-base", String.valueOf(base), "--postgres", "jdbc:postgresql://127.0.0.1:5432/" + dbPrefix));
        Path log = home.resolve("launcher.log");
        Process launcher = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
        boolean exited = launcher.waitFor(480, TimeUnit.SECONDS);
        if (!exited) {
            launcher.destroyForcibly();
        }
        assertThat(exited && launcher.exitValue() == 0).as("./nubo up --distributed started (launcher log:%n%s)",
                tail(log)).isTrue();
        JsonNode auth = adminToken();
        project = auth.path("token").path("project").path("id").asString();
    }

    @AfterAll
    static void stop() throws Exception {
        if (home == null) {
            return;
        }
        try {
            if (token != null) {
                for (JsonNode s : get("/compute/v2.1/servers").path("servers")) {
                    request("DELETE", "/compute/v2.1/servers/" + s.get("id").asString(), null, null);
                }
                waitFor(Duration.ofSeconds(90), () -> get("/compute/v2.1/servers").path("servers").isEmpty());
            }
        } catch (Exception | AssertionError e) {
            System.err.println("cleanup of servers failed: " + e);
        }
        List<ProcessHandle> ours = new ArrayList<>();
        for (String name : pidNames()) {
            pidOf(name).flatMap(ProcessHandle::of).ifPresent(ours::add);
        }
        ours.forEach(ProcessHandle::destroy);
        for (ProcessHandle p : ours) {
            try {
                p.onExit().get(30, TimeUnit.SECONDS);
            } catch (Exception stillThere) {
                p.destroyForcibly();
            }
        }
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/postgres", "postgres", "");
             Statement s = c.createStatement()) {
            for (ServiceModule m : ServiceModule.values()) {
                s.execute("DROP DATABASE IF EXISTS " + dbPrefix + m.database() + " WITH (FORCE)");
            }
        }
        deleteTree(NuboCloud.instancesDir(new LaunchOptions(home, base, null)));
        deleteTree(home);
    }

    @Test
    @Order(1)
    void killingAnObjectStoreInstanceDuringWritesLosesNoAcknowledgedWrite() throws Exception {
        String container = "/object-store/v1/AUTH_" + project + "/kill-writes";
        assertThat(request("PUT", container, null, null).statusCode()).isIn(201, 202);
        ProcessHandle victim = ProcessHandle.of(pidOf("object-store").orElseThrow()).orElseThrow();
        List<String> command = commandLine(victim.pid());
        Set<Integer> acknowledged = ConcurrentHashMap.newKeySet();
        Map<Integer, Integer> refused = new ConcurrentHashMap<>();
        AtomicInteger next = new AtomicInteger();
        int total = 400;
        ExecutorService writers = Executors.newFixedThreadPool(4);
        for (int t = 0; t < 4; t++) {
            writers.submit(() -> {
                for (int n = next.getAndIncrement(); n < total; n = next.getAndIncrement()) {
                    try {
                        HttpResponse<String> r = request("PUT", container + "/o" + n, "text/plain", body(n));
                        if (r.statusCode() == 201) {
                            acknowledged.add(n);
                        } else {
                            refused.put(n, r.statusCode());
                        }
                    } catch (IOException e) {
                        refused.put(n, -1);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
            });
        }
        waitFor(Duration.ofSeconds(60), () -> next.get() > 60);
        victim.destroyForcibly();
        writers.shutdown();
        assertThat(writers.awaitTermination(5, TimeUnit.MINUTES)).isTrue();
        assertThat(refused.values()).as("writes refused while an instance died: 503 only, never 500")
                .allMatch(s -> s == 503 || s == 502);
        assertThat(acknowledged.size()).as("most writes went to the surviving instance").isGreaterThan(total / 2);

        relaunch("object-store", command, base + 3);
        for (int n : new TreeSet<>(acknowledged)) {
            HttpResponse<String> r = request("GET", container + "/o" + n, null, null);
            assertThat(r.statusCode()).as("acknowledged object o%d", n).isEqualTo(200);
            assertThat(r.body()).isEqualTo(body(n));
        }
        System.out.printf("kill -9 object-store during %d PUTs: %d acknowledged, refused %s, none lost%n", total,
                acknowledged.size(), new TreeMap<>(refused));
    }

    @Test
    @Order(2)
    void eventsWrittenWhileKafkaIsDownArriveOnceItReturns() throws Exception {
        ProcessHandle kafka = ProcessHandle.of(pidOf("kafka").orElseThrow()).orElseThrow();
        List<String> command = commandLine(kafka.pid());
        long since = System.currentTimeMillis();
        kafka.destroyForcibly();
        kafka.onExit().get(30, TimeUnit.SECONDS);

        String container = "/object-store/v1/AUTH_" + project + "/kill-kafka";
        assertThat(request("PUT", container, null, null).statusCode()).isIn(201, 202);
        for (int n = 0; n < 5; n++) {
            assertThat(request("PUT", container + "/o" + n, "text/plain", body(n)).statusCode())
                    .as("an object written while Kafka is down").isEqualTo(201);
        }
        HttpResponse<String> image = request("POST", "/image/v2/images", "application/json",
                "{\"name\": \"kafka-down\", \"disk_format\": \"raw\", \"container_format\": \"bare\"}");
        assertThat(image.statusCode()).isEqualTo(201);
        String imageId = JSON.readTree(image.body()).get("id").asString();
        assertThat(request("PUT", "/image/v2/images/" + imageId + "/file", "application/octet-stream",
                "image bytes written while Kafka is down").statusCode()).isEqualTo(204);

        List<String> pending = outboxSince("objectstore", since, false);
        assertThat(pending).as("object-store events waiting in its outbox while Kafka is down")
                .hasSizeGreaterThanOrEqualTo(5);

        relaunch("kafka", command, base + 10);
        waitFor(Duration.ofSeconds(120), () -> outboxSince("objectstore", since, false).isEmpty()
                && outboxSince("image", since, false).isEmpty());
        List<String> written = outboxSince("objectstore", since, true);
        waitFor(Duration.ofSeconds(120), () -> countInLedger(written) == written.size());
        assertThat(countInLedger(written)).as("each event applied once by metering").isEqualTo(written.size());
        assertThat(get("/image/v2/images/" + imageId).path("status").asString()).isEqualTo("active");
        System.out.printf("kill -9 kafka: %d object-store events held in the outbox and applied once after restart%n",
                written.size());
    }

    /**
     * Issue 14's "Kafka stopped during a stream of changes, then started": 3 writers PUT and DELETE objects without
     * a pause while the broker is stopped gracefully (SIGTERM, its controlled shutdown), stays down, and is started
     * again, and they go on after it returns. Every write is acknowledged (the change and its event are one
     * database transaction; the outbox holds the event), every object-store event of the stream reaches metering's
     * ledger, and the usage metering folded from them equals the bytes the container holds by the clients' own
     * account of what was acknowledged: an event applied twice (or lost) would show as a different level.
     */
    @Test
    @Order(3)
    void aStreamOfWritesAcrossAGracefulKafkaStopAndStartLosesAndDuplicatesNoEffect() throws Exception {
        String name = "kafka-stream";
        String container = "/object-store/v1/AUTH_" + project + "/" + name;
        long since = System.currentTimeMillis();
        assertThat(request("PUT", container, null, null).statusCode()).isIn(201, 202);
        int threads = 3;
        /** The objects present by what the clients were told: name to size, and the count of each outcome. */
        Map<String, Integer> present = new ConcurrentHashMap<>();
        Map<String, Integer> refused = new ConcurrentHashMap<>();
        AtomicInteger made = new AtomicInteger();
        AtomicInteger acknowledged = new AtomicInteger();
        java.util.concurrent.atomic.AtomicBoolean go = new java.util.concurrent.atomic.AtomicBoolean(true);
        ExecutorService writers = Executors.newFixedThreadPool(threads);
        List<java.util.concurrent.Future<?>> done = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int w = t;
            done.add(writers.submit(() -> {
                for (int i = 0; go.get(); i++) {
                    // each writer owns its names, so the order of its own acknowledged answers is the truth
                    String object = "w" + w + "-" + i;
                    boolean delete = i % 3 == 2;
                    String target = delete ? "w" + w + "-" + (i - 1) : object;
                    String content = delete ? null : "x".repeat(100 + (i * 37 + w * 11) % 4000);
                    made.incrementAndGet();
                    try {
                        HttpResponse<String> r = delete ? request("DELETE", container + "/" + target, null, null)
                                : request("PUT", container + "/" + target, "text/plain", content);
                        if (r.statusCode() == (delete ? 204 : 201)) {
                            acknowledged.incrementAndGet();
                            if (delete) {
                                present.remove(target);
                            } else {
                                present.put(target, content.length());
                            }
                        } else {
                            refused.put((delete ? "DELETE " : "PUT ") + target, r.statusCode());
                        }
                    } catch (IOException e) {
                        refused.put((delete ? "DELETE " : "PUT ") + target, -1);
                    }
                }
                return null;
            }));
        }
        waitFor(Duration.ofSeconds(60), () -> acknowledged.get() > 30);
        ProcessHandle kafka = ProcessHandle.of(pidOf("kafka").orElseThrow()).orElseThrow();
        List<String> command = commandLine(kafka.pid());
        int beforeStop = acknowledged.get();
        long stopping = System.nanoTime();
        assertThat(kafka.destroy()).as("SIGTERM sent to the broker").isTrue();
        kafka.onExit().get(120, TimeUnit.SECONDS);
        long stopped = System.nanoTime();
        int atStop = acknowledged.get();
        waitFor(Duration.ofSeconds(60), () -> acknowledged.get() > atStop + 30);
        Thread.sleep(3000);
        List<String> held = outboxSince("objectstore", since, false);
        int atRelaunch = acknowledged.get();
        relaunch("kafka", command, base + 10);
        int atStart = acknowledged.get();
        waitFor(Duration.ofSeconds(60), () -> acknowledged.get() > atStart + 30);
        go.set(false);
        for (var f : done) {
            f.get(2, TimeUnit.MINUTES);
        }
        writers.shutdown();

        assertThat(refused).as("writes refused during the stream (the outbox takes them while Kafka is down)")
                .isEmpty();
        assertThat(held).as("object-store events waiting in the outbox while the broker was down").isNotEmpty();
        waitFor(Duration.ofSeconds(180), () -> outboxSince("objectstore", since, false).isEmpty());
        List<String> written = outboxSince("objectstore", since, true);
        waitFor(Duration.ofSeconds(180), () -> countInLedger(written) == written.size());
        assertThat(countInLedger(written)).as("each outbox event in metering's ledger").isEqualTo(written.size());
        assertThat(written).as("one event per acknowledged change (the container's and each PUT's and DELETE's)")
                .hasSize(acknowledged.get() + 1);
        List<String> repeated = query("objectstore", "SELECT event_id FROM nubo_outbox WHERE created_at >= ? "
                + "GROUP BY event_id HAVING COUNT(*) > 1", new java.sql.Timestamp(since));
        assertThat(repeated).as("an event id written twice to the outbox").isEmpty();

        long bytes = present.values().stream().mapToLong(Integer::longValue).sum();
        HttpResponse<String> head = request("HEAD", container, null, null);
        assertThat(head.statusCode()).isEqualTo(204);
        assertThat(head.headers().firstValue("X-Container-Object-Count").orElseThrow())
                .as("objects the clients were told exist").isEqualTo(String.valueOf(present.size()));
        assertThat(head.headers().firstValue("X-Container-Bytes-Used").orElseThrow())
                .isEqualTo(String.valueOf(bytes));
        Set<String> listed = new TreeSet<>(Arrays.asList(request("GET", container, null, null).body().split("\n")));
        listed.remove("");
        assertThat(listed).isEqualTo(new TreeSet<>(present.keySet()));
        String key = "storage.objects.size:AUTH_" + project + "/" + name;
        java.math.BigDecimal gib = java.math.BigDecimal.valueOf(1L << 30);
        waitFor(Duration.ofSeconds(60), () -> !query("metering", "SELECT level FROM metering_resource WHERE "
                + "resource_key = ?", key).isEmpty());
        java.math.BigDecimal level = new java.math.BigDecimal(query("metering",
                "SELECT level FROM metering_resource WHERE resource_key = ?", key).get(0));
        assertThat(level.multiply(gib).setScale(0, java.math.RoundingMode.HALF_UP).longValueExact())
                .as("object-store usage metering folded from the stream's events, in bytes").isEqualTo(bytes);
        System.out.printf("SIGTERM kafka during a stream of %d PUTs/DELETEs from %d writers: %d acknowledged "
                        + "(%d before the stop, %d while down, %d while it started, %d after), %d refused; stop took "
                        + "%d ms; %d object-store events (%d held in the outbox at the restart), %d in the ledger, "
                        + "0 duplicated; %d objects / %d bytes = metering's level%n", made.get(), threads,
                acknowledged.get(), beforeStop, atRelaunch - atStop, atStart - atRelaunch,
                acknowledged.get() - atStart, refused.size(),
                (stopped - stopping) / 1_000_000, written.size(), held.size(), countInLedger(written),
                present.size(), bytes);
    }

    @Test
    @Order(4)
    void killingTheComputeAgentMidBootLeavesNoServerInATransitionalState() throws Exception {
        Path guest = LibvirtTestHost.require();
        assertThat(request("POST", "/compute/v2.1/flavors", "application/json",
                "{\"flavor\": {\"name\": \"kill.nano\", \"id\": \"kill.nano\", \"ram\": 128, \"vcpus\": 1, "
                        + "\"disk\": 1}}").statusCode()).isEqualTo(200);
        String imageId = JSON.readTree(request("POST", "/image/v2/images", "application/json",
                "{\"name\": \"kill-guest\", \"disk_format\": \"qcow2\", \"container_format\": \"bare\"}").body())
                .get("id").asString();
        HttpResponse<String> upload = HTTP.send(authorized("/image/v2/images/" + imageId + "/file")
                .header("Content-Type", "application/octet-stream")
                .PUT(HttpRequest.BodyPublishers.ofFile(guest.resolve("test-guest.qcow2"))).build(),
                HttpResponse.BodyHandlers.ofString());
        record(upload.statusCode());
        assertThat(upload.statusCode()).isEqualTo(204);

        ProcessHandle agent = ProcessHandle.of(pidOf("compute-agent").orElseThrow()).orElseThrow();
        List<String> command = commandLine(agent.pid());
        HttpResponse<String> created = request("POST", "/compute/v2.1/servers", "application/json",
                "{\"server\": {\"name\": \"kill-boot\", \"imageRef\": \"" + imageId
                        + "\", \"flavorRef\": \"kill.nano\"}}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(202);
        String id = JSON.readTree(created.body()).path("server").path("id").asString();
        String path = "/compute/v2.1/servers/" + id;
        waitFor(Duration.ofSeconds(120), () -> {
            JsonNode s = polled(path).path("server");
            return "spawning".equals(s.path("OS-EXT-STS:task_state").asString(""))
                    || !"BUILD".equals(s.path("status").asString());
        });
        String seen = get(path).path("server").path("OS-EXT-STS:task_state").asString("");
        agent.destroyForcibly();
        agent.onExit().get(30, TimeUnit.SECONDS);

        relaunch("compute-agent", command, 0);
        waitFor(Duration.ofSeconds(240), () -> Set.of("ACTIVE", "ERROR")
                .contains(polled(path).path("server").path("status").asString("")));
        JsonNode server = get(path).path("server");
        assertThat(server.path("OS-EXT-STS:task_state").isNull()).as("no task left: %s", server).isTrue();
        System.out.printf("kill -9 compute-agent at task_state %s: server %s after restart%n", seen,
                server.path("status").asString());

        assertThat(request("DELETE", path, null, null).statusCode()).isEqualTo(204);
        waitFor(Duration.ofSeconds(120), () -> request("GET", path, null, null).statusCode() == 404);
        Process virsh = new ProcessBuilder("virsh", "-c", LibvirtTestHost.URI, "list", "--all", "--name")
                .redirectErrorStream(true).start();
        String domains = new String(virsh.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        virsh.waitFor(30, TimeUnit.SECONDS);
        assertThat(domains).as("libvirt after delete").doesNotContain(id);
    }

    @Test
    @Order(5)
    void theGatewayNeverAnswered500() {
        assertThat(STATUSES.keySet()).as("statuses the gateway answered: %s", STATUSES).noneMatch(s -> s == 500);
    }

    // --- the cloud's processes -------------------------------------------------------------------------------

    static Path pids() {
        return home.resolve("distributed").resolve("pids");
    }

    static List<String> pidNames() throws IOException {
        if (!Files.isDirectory(pids())) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(pids())) {
            return files.map(p -> p.getFileName().toString().replace(".pid", "")).sorted().toList();
        }
    }

    static java.util.Optional<Long> pidOf(String name) {
        try {
            return java.util.Optional.of(Long.parseLong(Files.readString(pids().resolve(name + ".pid")).trim()));
        } catch (IOException | NumberFormatException e) {
            return java.util.Optional.empty();
        }
    }

    /** The command line of a running process, read before it is killed so that it can be started again. */
    static List<String> commandLine(long pid) throws IOException {
        String raw = Files.readString(Path.of("/proc", String.valueOf(pid), "cmdline"), StandardCharsets.UTF_8);
        return Arrays.asList(raw.substring(0, raw.length() - 1).split("\0"));
    }

    /** Starts a killed process again as {@code ./nubo up --distributed} did, and waits until it is ready. */
    static void relaunch(String name, List<String> command, int port) throws Exception {
        Path log = home.resolve("distributed").resolve("logs").resolve(name + ".log");
        long logSize = Files.exists(log) ? Files.size(log) : 0;
        List<String> cmd = new ArrayList<>(List.of("setsid"));
        cmd.addAll(command);
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
        Files.writeString(pids().resolve(name + ".pid"), p.pid() + "\n");
        BooleanSupplier ready = name.equals("kafka") ? () -> listening(port)
                : port == 0 ? () -> logSince(log, logSize).contains("Started ")
                : () -> readiness(port);
        waitFor(Duration.ofSeconds(240), () -> {
            assertThat(p.isAlive()).as("%s restarted (log: %s)", name, log).isTrue();
            return ready.getAsBoolean();
        });
        System.out.println("restarted " + name + " as pid " + p.pid());
    }

    static String logSince(Path log, long offset) {
        try {
            byte[] all = Files.readAllBytes(log);
            return new String(all, (int) Math.min(offset, all.length), (int) Math.max(0, all.length - offset),
                    StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    static boolean listening(int port) {
        try (java.net.Socket s = new java.net.Socket()) {
            s.connect(new java.net.InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    static boolean readiness(int port) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/healthcheck/readiness"))
                    .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    // --- what the services hold ------------------------------------------------------------------------------

    /** The event ids a service wrote to its outbox since {@code since} (all, or only the unpublished ones). */
    static List<String> outboxSince(String database, long since, boolean all) {
        String sql = "SELECT event_id FROM nubo_outbox WHERE created_at >= ?" + (all ? "" : " AND published_at IS NULL");
        return query(database, sql, new java.sql.Timestamp(since));
    }

    static int countInLedger(List<String> eventIds) {
        if (eventIds.isEmpty()) {
            return 0;
        }
        String in = String.join(",", Collections.nCopies(eventIds.size(), "?"));
        return Integer.parseInt(query("metering", "SELECT COUNT(*) FROM metering_event WHERE event_id IN (" + in + ")",
                eventIds.toArray()).get(0));
    }

    static List<String> query(String database, String sql, Object... args) {
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/" + dbPrefix + "nubo_"
                + database, "postgres", ""); var s = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                s.setObject(i + 1, args[i]);
            }
            List<String> rows = new ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    rows.add(r.getString(1));
                }
            }
            return rows;
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    // --- HTTP through the gateway ----------------------------------------------------------------------------

    static JsonNode adminToken() throws Exception {
        HttpResponse<String> r = passwordToken(home, url(""));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        token = r.headers().firstValue("X-Subject-Token").orElseThrow();
        return JSON.readTree(r.body());
    }

    /** Signs in as the admin of the cloud whose data is under {@code nuboHome}, at its gateway {@code gateway}. */
    static HttpResponse<String> passwordToken(Path nuboHome, String gateway) throws Exception {
        String password = Files.readString(nuboHome.resolve("data").resolve("admin-password")).trim();
        String body = "{\"auth\": {\"identity\": {\"methods\": [\"password\"], \"password\": {\"user\": {\"name\": "
                + "\"admin\", \"domain\": {\"id\": \"default\"}, \"password\": \"" + password + "\"}}}, \"scope\": "
                + "{\"project\": {\"name\": \"admin\", \"domain\": {\"id\": \"default\"}}}}}";
        return HTTP.send(HttpRequest.newBuilder(URI.create(gateway + "/identity/v3/auth/tokens"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    static String url(String path) {
        return "http://127.0.0.1:" + base + path;
    }

    static HttpRequest.Builder authorized(String path) {
        return HttpRequest.newBuilder(URI.create(url(path))).timeout(Duration.ofSeconds(60)).header("X-Auth-Token",
                token);
    }

    static HttpResponse<String> request(String method, String path, String contentType, String body)
            throws IOException, InterruptedException {
        HttpRequest.Builder b = authorized(path).method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
        record(r.statusCode());
        return r;
    }

    static void record(int status) {
        STATUSES.computeIfAbsent(status, s -> new AtomicInteger()).incrementAndGet();
    }

    static JsonNode get(String path) throws IOException, InterruptedException {
        HttpResponse<String> r = request("GET", path, null, null);
        assertThat(r.statusCode()).as("GET %s: %s", path, r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    /**
     * A GET polled while waiting for a state: an answer other than 200 (CI once saw Tomcat's 408 on one poll at load
     * 30 while the agent restarted) is printed and counts as "not yet"; the test's final reads use {@link #get}.
     */
    static JsonNode polled(String path) throws IOException, InterruptedException {
        HttpResponse<String> r = request("GET", path, null, null);
        if (r.statusCode() != 200) {
            System.out.printf("GET %s answered %d while polling; polling on%n", path, r.statusCode());
            return JSON.createObjectNode();
        }
        return JSON.readTree(r.body());
    }

    static String body(int n) {
        return "object " + n + " of the kill test\n";
    }

    interface Check {
        boolean ok() throws Exception;
    }

    static void waitFor(Duration limit, Check check) throws Exception {
        long deadline = System.nanoTime() + limit.toNanos();
        while (true) {
            if (check.ok()) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + limit.toSeconds() + " s");
            }
            Thread.sleep(250);
        }
    }

    // --- plumbing --------------------------------------------------------------------------------------------

    static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "";
        }
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> all = Files.walk(dir)) {
            all.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
