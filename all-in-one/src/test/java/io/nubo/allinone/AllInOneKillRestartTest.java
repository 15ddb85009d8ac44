package io.nubo.allinone;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.JsonNode;

/**
 * Issue 14's crash of the all-in-one: {@code ./nubo up} in a data directory of its own, a 1 GiB object PUT and a
 * 1 GiB image upload streamed (chunked, generated on the fly) at the same time, kill -9 of the all-in-one's JVM
 * once a few hundred MiB of each have been sent, then the same command again on the same data directory. After the
 * restart the object does not exist (404, not listed, the container's counts unchanged), the image is
 * {@code queued} again (Glance's answer to an interrupted upload: its data can be uploaded again), and neither store
 * keeps a byte of the interrupted uploads. Then both are uploaded whole, and their checksums match.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Tag("integration")
class AllInOneKillRestartTest {

    static final long SIZE = 1L << 30;
    /** Kill once this much of each upload has been handed to the HTTP client. */
    static final long KILL_AFTER = 320L << 20;
    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    static Path home;
    static int base;
    static Process nubo;
    static String token;
    static String project;
    static String container;
    static String imageId;

    @BeforeAll
    static void start() throws Exception {
        home = Files.createTempDirectory("nubo-aio-kill");
        // -Dnubo.test.port-base=N pins the ports (a shared machine where each developer has a range of its own)
        base = Integer.getInteger("nubo.test.port-base", OpenStackCliEndToEndTest.freePortBase());
        double seconds = launch();
        System.out.printf(Locale.ROOT, "all-in-one started in %.1f s (port base %d, data %s)%n", seconds, base, home);
        signIn();
    }

    @AfterAll
    static void stop() throws Exception {
        if (nubo != null && nubo.isAlive()) {
            nubo.destroy();
            if (!nubo.waitFor(60, TimeUnit.SECONDS)) {
                nubo.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            }
        }
        if (home != null) {
            Path log = home.resolve("nubo.log");
            if (Files.exists(log)) {
                // the all-in-one's log outlives its data directory, for a failure's reader
                Files.copy(log, Path.of("target", "AllInOneKillRestartTest-nubo.log"),
                        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
            DistributedKillRestartTest.deleteTree(home);
        }
    }

    @Test
    @Order(1)
    void killDuringBothUploadsLeavesNoPartialObjectNoSavingImageAndNoBytes() throws Exception {
        container = "/object-store/v1/AUTH_" + project + "/crash";
        assertThat(request("PUT", container, null, null).statusCode()).isIn(201, 202);
        assertThat(request("PUT", container + "/small", "text/plain", "kept").statusCode()).isEqualTo(201);
        HttpResponse<String> before = request("HEAD", container, null, null);
        long blobBytesBefore = bytesUnder(objectStore().resolve("blobs"));
        HttpResponse<String> image = request("POST", "/image/v2/images", "application/json",
                "{\"name\": \"crash\", \"disk_format\": \"raw\", \"container_format\": \"bare\"}");
        assertThat(image.statusCode()).as(image.body()).isEqualTo(201);
        imageId = JSON(image).get("id").asString();

        Generated objectData = new Generated(SIZE, 1);
        Generated imageData = new Generated(SIZE, 2);
        CompletableFuture<HttpResponse<String>> objectPut = HTTP.sendAsync(streamed("PUT", container + "/big",
                objectData), HttpResponse.BodyHandlers.ofString());
        CompletableFuture<HttpResponse<String>> imagePut = HTTP.sendAsync(streamed("PUT", "/image/v2/images/"
                + imageId + "/file", imageData), HttpResponse.BodyHandlers.ofString());
        DistributedKillRestartTest.waitFor(Duration.ofSeconds(180), () -> {
            assertThat(objectPut).as("the object upload still going").isNotDone();
            assertThat(imagePut).as("the image upload still going").isNotDone();
            return objectData.sent() > KILL_AFTER && imageData.sent() > KILL_AFTER;
        });
        assertThat(status(imageId)).as("the image during its upload").isEqualTo("saving");

        long pid = nubo.pid();
        nubo.destroyForcibly(); // SIGKILL: kill -9 of the all-in-one's JVM
        assertThat(nubo.waitFor(30, TimeUnit.SECONDS)).isTrue();
        System.out.printf(Locale.ROOT, "kill -9 of pid %d with %d MiB of the object and %d MiB of the image sent%n",
                pid, objectData.sent() >> 20, imageData.sent() >> 20);
        assertThat(failed(objectPut)).as("the interrupted object PUT was not acknowledged").isTrue();
        assertThat(failed(imagePut)).as("the interrupted image upload was not acknowledged").isTrue();
        long partialObject = bytesUnder(objectStore().resolve("tmp"));
        long partialImage = bytesUnder(imageStore().resolve(".incoming"));
        assertThat(partialObject).as("the crash left part of the object on disk").isPositive();
        assertThat(partialImage).as("the crash left part of the image on disk").isPositive();

        double restart = launch();
        signIn();

        assertThat(request("GET", container + "/big", null, null).statusCode()).as("the interrupted object")
                .isEqualTo(404);
        assertThat(request("HEAD", container + "/big", null, null).statusCode()).isEqualTo(404);
        assertThat(request("GET", container, null, null).body().lines().toList()).as("the container listing")
                .containsExactly("small");
        HttpResponse<String> after = request("HEAD", container, null, null);
        for (String h : List.of("X-Container-Object-Count", "X-Container-Bytes-Used")) {
            assertThat(after.headers().firstValue(h)).as(h).isEqualTo(before.headers().firstValue(h));
        }
        assertThat(bytesUnder(objectStore().resolve("tmp"))).as("object-store tmp/ after the restart").isZero();
        assertThat(bytesUnder(objectStore().resolve("blobs"))).as("object-store blobs/ after the restart")
                .isEqualTo(blobBytesBefore);

        JsonNode img = JSON(request("GET", "/image/v2/images/" + imageId, null, null));
        assertThat(img.path("status").asString()).as("the interrupted image right after the restart: %s", img)
                .isEqualTo("queued");
        assertThat(img.path("size").isNull()).as("size of %s", img).isTrue();
        assertThat(bytesUnder(imageStore().resolve(".incoming"))).as("image store .incoming/ after the restart")
                .isZero();
        assertThat(bytesUnder(imageStore())).as("image store after the restart").isZero();
        System.out.printf(Locale.ROOT, "restart after kill -9: ready in %.1f s; swept %d MiB of the object (%d bytes)"
                        + " and %d MiB of the image (%d bytes); image %s queued%n", restart, partialObject >> 20,
                partialObject, partialImage >> 20, partialImage, imageId);
    }

    @Test
    @Order(2)
    void bothUploadAgainWholeAfterTheRestart() throws Exception {
        assertThat(container).as("the crash test ran first").isNotNull();
        Generated objectData = new Generated(SIZE, 3);
        long t0 = System.nanoTime();
        HttpResponse<String> put = HTTP.send(streamed("PUT", container + "/big", objectData),
                HttpResponse.BodyHandlers.ofString());
        double objectSeconds = (System.nanoTime() - t0) / 1e9;
        assertThat(put.statusCode()).as(put.body()).isEqualTo(201);
        assertThat(put.headers().firstValue("ETag")).hasValue(objectData.md5());
        HttpResponse<String> head = request("HEAD", container + "/big", null, null);
        assertThat(head.headers().firstValue("Content-Length")).hasValue(String.valueOf(SIZE));
        assertThat(request("GET", container, null, null).body().lines().toList()).containsExactly("big", "small");

        Generated imageData = new Generated(SIZE, 4);
        t0 = System.nanoTime();
        HttpResponse<String> upload = HTTP.send(streamed("PUT", "/image/v2/images/" + imageId + "/file", imageData),
                HttpResponse.BodyHandlers.ofString());
        double imageSeconds = (System.nanoTime() - t0) / 1e9;
        assertThat(upload.statusCode()).as(upload.body()).isEqualTo(204);
        JsonNode img = JSON(request("GET", "/image/v2/images/" + imageId, null, null));
        assertThat(img.path("status").asString()).isEqualTo("active");
        assertThat(img.path("size").asLong()).isEqualTo(SIZE);
        assertThat(img.path("checksum").asString()).isEqualTo(imageData.md5());
        System.out.printf(Locale.ROOT, "after the restart: 1 GiB object PUT in %.1f s (%.0f MB/s), 1 GiB image upload"
                + " in %.1f s (%.0f MB/s), checksums match%n", objectSeconds, SIZE / objectSeconds / 1e6,
                imageSeconds, SIZE / imageSeconds / 1e6);
    }

    // --- the all-in-one's process ----------------------------------------------------------------------------

    /** Starts the all-in-one as {@code ./nubo up} does (its JVM flags), waits for "Nubo is ready", says how long. */
    static double launch() throws Exception {
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> cmd = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "-Xmx512m", "-Xss512k", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-XX:ReservedCodeCacheSize=128m",
                "-XX:MaxMetaspaceSize=256m", "-Dfile.encoding=UTF-8", "-cp", classpath,
                NuboAllInOne.class.getName(), "--data-dir", home.toString(), "--port-base", String.valueOf(base)));
        Path log = home.resolve("nubo.log");
        long offset = Files.exists(log) ? Files.size(log) : 0;
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        // what this test needs: no compute host, no DHCP namespaces
        pb.environment().put("NUBO_COMPUTE_AGENT", "false");
        pb.environment().put("NUBO_DHCP", "false");
        long t0 = System.nanoTime();
        nubo = pb.start();
        DistributedKillRestartTest.waitFor(Duration.ofSeconds(300), () -> {
            assertThat(nubo.isAlive()).as("the all-in-one runs (log:%n%s)", DistributedKillRestartTest.tail(log))
                    .isTrue();
            return DistributedKillRestartTest.logSince(log, offset).contains("Nubo is ready");
        });
        return (System.nanoTime() - t0) / 1e9;
    }

    static Path objectStore() {
        return home.resolve("data").resolve("objectstore");
    }

    static Path imageStore() {
        return home.resolve("data").resolve("image").resolve("store");
    }

    /** The bytes of every regular file under {@code dir} (0 when it does not exist). */
    static long bytesUnder(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        try (Stream<Path> all = Files.walk(dir)) {
            return all.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
    }

    static boolean failed(CompletableFuture<HttpResponse<String>> upload) throws Exception {
        try {
            HttpResponse<String> r = upload.get(60, TimeUnit.SECONDS);
            return r.statusCode() >= 500;
        } catch (java.util.concurrent.ExecutionException e) {
            return true;
        }
    }

    // --- HTTP through the gateway ----------------------------------------------------------------------------

    static void signIn() throws Exception {
        HttpResponse<String> r = DistributedKillRestartTest.passwordToken(home, "http://127.0.0.1:" + base);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        token = r.headers().firstValue("X-Subject-Token").orElseThrow();
        project = JSON(r).path("token").path("project").path("id").asString();
    }

    static HttpRequest streamed(String method, String path, Generated data) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + base + path)).timeout(Duration.ofMinutes(10))
                .header("X-Auth-Token", token).header("Content-Type", "application/octet-stream")
                .method(method, HttpRequest.BodyPublishers.ofInputStream(() -> data)).build();
    }

    static HttpResponse<String> request(String method, String path, String contentType, String body)
            throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + base + path))
                .timeout(Duration.ofSeconds(60)).header("X-Auth-Token", token)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static String status(String id) throws Exception {
        return JSON(request("GET", "/image/v2/images/" + id, null, null)).path("status").asString();
    }

    static JsonNode JSON(HttpResponse<String> r) {
        assertThat(r.statusCode()).as(r.body()).isBetween(200, 299);
        return DistributedKillRestartTest.JSON.readTree(r.body());
    }

    /**
     * {@code size} bytes made as they are read (a random 1 MiB block, each copy stamped with its number), with
     * their MD5: an upload of any size without holding it in memory or on disk.
     */
    static final class Generated extends InputStream {
        private final long size;
        private final byte[] block = new byte[1 << 20];
        private final MessageDigest md5;
        private final AtomicLong sent = new AtomicLong();
        private final byte[] single = new byte[1];

        Generated(long size, long seed) throws NoSuchAlgorithmException {
            this.size = size;
            new Random(seed).nextBytes(block);
            this.md5 = MessageDigest.getInstance("MD5");
        }

        long sent() {
            return sent.get();
        }

        String md5() {
            return HexFormat.of().formatHex(md5.digest());
        }

        @Override
        public int read() {
            return read(single, 0, 1) < 0 ? -1 : single[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            long pos = sent.get();
            if (pos >= size) {
                return -1;
            }
            int inBlock = (int) (pos % block.length);
            int n = (int) Math.min(Math.min(len, block.length - inBlock), size - pos);
            System.arraycopy(block, inBlock, b, off, n);
            long copy = pos / block.length;
            for (int i = 0; i < 8 && inBlock + i < 8 && i < n; i++) {
                b[off + i] = (byte) (copy >>> (8 * (inBlock + i)));
            }
            md5.update(b, off, n);
            sent.addAndGet(n);
            return n;
        }
    }
}
