package io.nubo.image;

import static org.assertj.core.api.Assertions.assertThat;

import io.nubo.testsupport.TestTokens;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/** Image data: upload, download, ranges, checksums, the status machine, format checks, quotas, import, events. */
class ImageDataApiTest extends ImageHttpTest {

    final String alice = TestTokens.project("p-alice", "member");
    final String admin = TestTokens.project("p-admin", "admin");
    final String bob = TestTokens.project("p-bob", "member");

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    io.nubo.image.image.ImageLifecycle lifecycle;

    @Autowired
    io.nubo.image.image.ImageRepository repository;

    @Autowired
    org.springframework.transaction.support.TransactionTemplate transactions;

    @Test
    void uploadDownloadWithChecksumsRangeAndStatusMachine() throws Exception {
        byte[] data = new byte[300_000];
        new Random(7).nextBytes(data);
        String id = create(alice, "{\"name\": \"disk\", \"disk_format\": \"raw\", \"container_format\": \"bare\"}");
        assertThat(json(alice, "GET", "/v2/images/" + id + "/file", null).status()).isEqualTo(204);
        assertThat(call(alice, "PUT", "/v2/images/" + id + "/file", "application/json", data).status()).isEqualTo(415);
        assertThat(upload(bob, id, data).status()).isEqualTo(404);
        assertThat(upload(alice, id, data).status()).isEqualTo(204);
        JsonNode i = json(alice, "GET", "/v2/images/" + id, null).json();
        assertThat(i.get("status").asString()).isEqualTo("active");
        assertThat(i.get("size").asLong()).isEqualTo(data.length);
        assertThat(i.get("checksum").asString()).isEqualTo(hex("MD5", data));
        assertThat(i.get("os_hash_algo").asString()).isEqualTo("sha512");
        assertThat(i.get("os_hash_value").asString()).isEqualTo(hex("SHA-512", data));
        assertThat(i.get("stores").asString()).isEqualTo("file");

        Reply again = upload(alice, id, data);
        assertThat(again.status()).isEqualTo(409);
        assertThat(json(alice, "GET", "/v2/images/" + id, null).json().get("status").asString()).isEqualTo("active");
        assertThat(patch(alice, id, "[{\"op\": \"replace\", \"path\": \"/disk_format\", \"value\": \"qcow2\"}]")
                .status()).isEqualTo(403);

        Reply all = call(alice, "GET", "/v2/images/" + id + "/file", null, null);
        assertThat(all.status()).isEqualTo(200);
        assertThat(all.bytes()).isEqualTo(data);
        assertThat(all.header("Content-MD5")).isEqualTo(hex("MD5", data));
        Reply part = call(alice, "GET", "/v2/images/" + id + "/file", null, null, "Range", "bytes=100-199");
        assertThat(part.status()).isEqualTo(206);
        assertThat(part.header("Content-Range")).isEqualTo("bytes 100-199/" + data.length);
        assertThat(part.bytes()).isEqualTo(java.util.Arrays.copyOfRange(data, 100, 200));
        Reply tail = call(alice, "GET", "/v2/images/" + id + "/file", null, null, "Range", "bytes=-10");
        assertThat(tail.bytes()).isEqualTo(java.util.Arrays.copyOfRange(data, data.length - 10, data.length));
        assertThat(call(alice, "GET", "/v2/images/" + id + "/file", null, null, "Range", "bytes=999999-").status())
                .isEqualTo(416);

        assertThat(json(alice, "POST", "/v2/images/" + id + "/actions/deactivate", null).status()).isEqualTo(204);
        assertThat(json(alice, "GET", "/v2/images/" + id, null).json().get("status").asString())
                .isEqualTo("deactivated");
        assertThat(call(alice, "GET", "/v2/images/" + id + "/file", null, null).status()).isEqualTo(403);
        assertThat(call(admin, "GET", "/v2/images/" + id + "/file", null, null).status()).isEqualTo(200);
        assertThat(json(alice, "POST", "/v2/images/" + id + "/actions/reactivate", null).status()).isEqualTo(204);
        assertThat(call(alice, "GET", "/v2/images/" + id + "/file", null, null).status()).isEqualTo(200);

        Integer events = jdbc.queryForObject("SELECT count(*) FROM nubo_outbox WHERE message_key = ?"
                + " AND envelope LIKE '%image.activated%'", Integer.class, id);
        assertThat(events).isEqualTo(1);
        assertThat(json(alice, "DELETE", "/v2/images/" + id, null).status()).isEqualTo(204);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM nubo_outbox WHERE message_key = ?"
                + " AND envelope LIKE '%image.deleted%'", Integer.class, id)).isEqualTo(1);
    }

    @Test
    void dataMustMatchItsDiskFormat() throws Exception {
        String noFormats = create(alice, "{\"name\": \"unformatted\"}");
        Reply r = upload(alice, noFormats, new byte[10]);
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.body()).contains("disk_format, container_format must be set");
        assertThat(json(alice, "GET", "/v2/images/" + noFormats, null).json().get("status").asString())
                .isEqualTo("queued");

        String asRaw = create(alice, "{\"disk_format\": \"raw\", \"container_format\": \"bare\"}");
        Reply smuggled = upload(alice, asRaw, qcow2(1L << 30, 0));
        assertThat(smuggled.status()).isEqualTo(400);
        assertThat(smuggled.body()).contains("content is qcow2 but disk_format is raw");
        assertThat(json(alice, "GET", "/v2/images/" + asRaw, null).json().get("status").asString()).isEqualTo("queued");

        String backed = create(alice, "{\"disk_format\": \"qcow2\", \"container_format\": \"bare\"}");
        assertThat(upload(alice, backed, qcow2(1L << 30, 512)).body()).contains("backing file are not allowed");
        assertThat(upload(alice, backed, new byte[4096]).body()).contains("not qcow2");

        assertThat(upload(alice, backed, qcow2(1L << 30, 0)).status()).isEqualTo(204);
        JsonNode ok = json(alice, "GET", "/v2/images/" + backed, null).json();
        assertThat(ok.get("status").asString()).isEqualTo("active");
        assertThat(ok.get("virtual_size").asLong()).isEqualTo(1L << 30);
    }

    @Test
    void dataShorterThanDeclaredLeavesTheImageQueuedAndEmpty() throws Exception {
        String id = create(alice, "{\"name\": \"short\", \"disk_format\": \"raw\", \"container_format\": \"bare\"}");
        try (Socket s = new Socket("127.0.0.1", port)) {
            OutputStream out = s.getOutputStream();
            out.write(("PUT /v2/images/" + id + "/file HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Auth-Token: " + alice
                    + "\r\nContent-Type: application/octet-stream\r\nContent-Length: 100000\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.write(new byte[5000]);
            out.flush();
            s.shutdownOutput();
            InputStream in = s.getInputStream();
            in.readAllBytes();
        }
        JsonNode i = awaitNotSaving(id);
        assertThat(i.get("status").asString()).isEqualTo("queued");
        assertThat(i.get("size").isNull()).isTrue();
        // and it can be uploaded again
        assertThat(upload(alice, id, new byte[10]).status()).isEqualTo(204);
    }

    @Test
    void quotasOnBytesAnswer413AndStoreNothing() throws Exception {
        String owner = "p-quota";
        String token = TestTokens.project(owner, "member");
        String id = create(token, "{\"name\": \"big\", \"disk_format\": \"raw\", \"container_format\": \"bare\"}");
        Reply r = upload(token, id, new byte[10 * 1024 * 1024 + 1]);
        assertThat(r.status()).isEqualTo(413);
        assertThat(r.body()).contains("413");
        JsonNode i = json(token, "GET", "/v2/images/" + id, null).json();
        assertThat(i.get("status").asString()).isEqualTo("queued");
        assertThat(java.nio.file.Files.exists(java.nio.file.Path.of(DATA_DIR, "image", "store", id))).isFalse();
        // chunked (no declared length): refused while streaming
        Reply chunked = call(token, "PUT", "/v2/images/" + id + "/file", "application/octet-stream", null);
        assertThat(chunked.status()).isIn(204, 400);
        JsonNode usage = json(token, "GET", "/v2/info/usage", null).json().get("usage");
        assertThat(usage.get("image_size_total").get("limit").asLong()).isEqualTo(10485760);
    }

    @Test
    void uploadsInterruptedByAStopAreQueuedAgainAtStart() throws Exception {
        String id = create(alice, "{\"name\": \"interrupted\", \"disk_format\": \"raw\", \"container_format\": \"bare\"}");
        jdbc.update("UPDATE images SET status = 'SAVING' WHERE id = ?", id);
        assertThat(json(alice, "GET", "/v2/images/" + id, null).json().get("status").asString()).isEqualTo("saving");
        lifecycle.requeueInterruptedUploads();
        assertThat(json(alice, "GET", "/v2/images/" + id, null).json().get("status").asString()).isEqualTo("queued");
        assertThat(upload(alice, id, new byte[3]).status()).isEqualTo(204);
    }

    @Test
    void anotherInstancesLiveUploadIsLeftAloneAndADeadOnesIsQueuedAgain() throws Exception {
        String live = create(alice, "{\"name\": \"live\", \"disk_format\": \"raw\", \"container_format\": \"bare\"}");
        String dead = create(alice, "{\"name\": \"dead\", \"disk_format\": \"raw\", \"container_format\": \"bare\"}");
        // what another instance sharing this database holds: one lease still running, one run out
        jdbc.update("UPDATE images SET status = 'SAVING', work_lease_until = ? WHERE id = ?",
                java.sql.Timestamp.from(java.time.Instant.now().plusSeconds(60)), live);
        jdbc.update("UPDATE images SET status = 'SAVING', work_lease_until = ? WHERE id = ?",
                java.sql.Timestamp.from(java.time.Instant.now().minusSeconds(1)), dead);
        lifecycle.requeueInterruptedUploads();
        assertThat(json(alice, "GET", "/v2/images/" + live, null).json().get("status").asString()).isEqualTo("saving");
        assertThat(json(alice, "GET", "/v2/images/" + dead, null).json().get("status").asString()).isEqualTo("queued");
    }

    @Test
    void theUploadsAnInstanceHeldBeforeItRestartedAreQueuedAgainAtOnce() throws Exception {
        String mine = create(alice, "{\"name\": \"mine\", \"disk_format\": \"raw\", \"container_format\": \"bare\"}");
        String others = create(alice, "{\"name\": \"others\", \"disk_format\": \"raw\", \"container_format\": \"bare\"}");
        // both leases still running: one taken by host-a:9702 before it was killed, one by a live host-b:9702
        java.sql.Timestamp running = java.sql.Timestamp.from(java.time.Instant.now().plusSeconds(50));
        jdbc.update("UPDATE images SET status = 'SAVING', work_lease_until = ?, work_lease_holder = ? WHERE id = ?",
                running, "host-a:9702", mine);
        jdbc.update("UPDATE images SET status = 'SAVING', work_lease_until = ?, work_lease_holder = ? WHERE id = ?",
                running, "host-b:9702", others);
        io.nubo.image.image.ImageLifecycle restarted = new io.nubo.image.image.ImageLifecycle(repository,
                java.time.Clock.systemUTC(), "host-a:9702", 9702);
        String fresh = create(alice, "{\"name\": \"fresh\", \"disk_format\": \"raw\", \"container_format\": \"bare\"}");
        transactions.executeWithoutResult(s -> restarted.apply(fresh, io.nubo.image.image.ImageTransition.BEGIN_UPLOAD));
        transactions.executeWithoutResult(s -> restarted.requeueInterruptedUploads());
        assertThat(json(alice, "GET", "/v2/images/" + mine, null).json().get("status").asString())
                .as("held by this instance before its restart").isEqualTo("queued");
        assertThat(json(alice, "GET", "/v2/images/" + others, null).json().get("status").asString())
                .as("another instance's live upload").isEqualTo("saving");
        assertThat(json(alice, "GET", "/v2/images/" + fresh, null).json().get("status").asString())
                .as("this instance's upload since its start").isEqualTo("saving");
        assertThat(upload(alice, mine, new byte[3]).status()).isEqualTo(204);
    }

    @Test
    void anUploadInFlightHoldsALeaseThatItsInstanceRenews() throws Exception {
        String id = create(alice, "{\"name\": \"leased\", \"disk_format\": \"raw\", \"container_format\": \"bare\"}");
        lifecycle.apply(id, io.nubo.image.image.ImageTransition.BEGIN_UPLOAD);
        java.time.Instant first = jdbc.queryForObject("SELECT work_lease_until FROM images WHERE id = ?",
                java.sql.Timestamp.class, id).toInstant();
        assertThat(first).isAfter(java.time.Instant.now().plusSeconds(30));
        jdbc.update("UPDATE images SET work_lease_until = ? WHERE id = ?",
                java.sql.Timestamp.from(java.time.Instant.now().minusSeconds(1)), id);
        lifecycle.renewLeases();
        lifecycle.requeueInterruptedUploads();
        assertThat(json(alice, "GET", "/v2/images/" + id, null).json().get("status").asString())
                .as("renewed, so not queued again").isEqualTo("saving");
        lifecycle.apply(id, io.nubo.image.image.ImageTransition.ABORT_UPLOAD);
        assertThat(upload(alice, id, new byte[3]).status()).isEqualTo(204);
        lifecycle.renewLeases();
        assertThat(json(alice, "GET", "/v2/images/" + id, null).json().get("status").asString()).isEqualTo("active");
    }

    @Test
    void glanceDirectImportStagesThenImports() throws Exception {
        byte[] data = "staged image bytes".getBytes(StandardCharsets.UTF_8);
        String id = create(alice, "{\"disk_format\": \"raw\", \"container_format\": \"bare\"}");
        assertThat(json(alice, "POST", "/v2/images/" + id + "/import", "{\"method\": {\"name\": \"glance-direct\"}}")
                .status()).isEqualTo(409);
        assertThat(call(alice, "PUT", "/v2/images/" + id + "/stage", "application/octet-stream", data).status())
                .isEqualTo(204);
        assertThat(json(alice, "GET", "/v2/images/" + id, null).json().get("status").asString()).isEqualTo("uploading");
        Reply imp = json(alice, "POST", "/v2/images/" + id + "/import", "{\"method\": {\"name\": \"glance-direct\"}}");
        assertThat(imp.status()).isEqualTo(202);
        JsonNode i = awaitNotSaving(id);
        for (int n = 0; n < 100 && !i.get("status").asString().equals("active"); n++) {
            Thread.sleep(50);
            i = json(alice, "GET", "/v2/images/" + id, null).json();
        }
        assertThat(i.get("status").asString()).isEqualTo("active");
        assertThat(i.get("checksum").asString()).isEqualTo(hex("MD5", data));
        assertThat(call(alice, "GET", "/v2/images/" + id + "/file", null, null).bytes()).isEqualTo(data);
        JsonNode task = json(alice, "GET", "/v2/images/" + id + "/tasks", null).json().get("tasks").get(0);
        assertThat(task.get("status").asString()).isEqualTo("success");
        assertThat(task.get("request_id").asString()).isEqualTo(imp.header("x-openstack-request-id"));
        String web = create(alice, "{\"name\": \"web\", \"disk_format\": \"raw\", \"container_format\": \"bare\"}");
        assertThat(json(alice, "POST", "/v2/images/" + web + "/import",
                "{\"method\": {\"name\": \"web-download\", \"uri\": \"not a uri\"}}").status()).isEqualTo(400);
        for (String uri : List.of("http://169.254.169.254/latest", "http://127.0.0.1:8780/", "http://[::1]/",
                "http://10.1.2.3/", "http://example.com:8781/", "file:///etc/passwd")) {
            Reply r = json(alice, "POST", "/v2/images/" + web + "/import",
                    "{\"method\": {\"name\": \"web-download\", \"uri\": \"" + uri + "\"}}");
            assertThat(r.status()).as(uri).isEqualTo(400);
            assertThat(r.body()).contains("does not pass filtering");
        }
        // a name on port 80 passes the form check; what it resolves to is checked when the task connects
        assertThat(json(alice, "POST", "/v2/images/" + web + "/import",
                "{\"method\": {\"name\": \"web-download\", \"uri\": \"http://localhost/x\"}}").status())
                .isEqualTo(202);
        JsonNode refused = json(alice, "GET", "/v2/images/" + web, null).json();
        for (int n = 0; n < 100 && !refused.has("os_glance_failed_import"); n++) {
            Thread.sleep(50);
            refused = json(alice, "GET", "/v2/images/" + web, null).json();
        }
        assertThat(refused.get("status").asString()).isEqualTo("queued");
        assertThat(refused.get("os_glance_failed_import").asString()).isEqualTo("file");
        assertThat(json(alice, "GET", "/v2/images/" + web + "/tasks", null).json().get("tasks").get(0)
                .get("message").asString()).contains("127.0.0.1").contains("loopback");
    }

    /** Issue 18: a member's web-download to the cloud's own loopback services is refused before any connection. */
    @Test
    void webDownloadToLoopbackIsRefusedWithoutAConnection() throws Exception {
        try (ServerSocket gateway = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
            String id = create(alice, "{\"name\": \"ssrf\", \"disk_format\": \"raw\", \"container_format\": \"bare\"}");
            for (String host : List.of("127.0.0.1", "localhost", "[::ffff:127.0.0.1]", "2130706433")) {
                Reply r = json(alice, "POST", "/v2/images/" + id + "/import", "{\"method\": {\"name\": "
                        + "\"web-download\", \"uri\": \"http://" + host + ":" + gateway.getLocalPort() + "/\"}}");
                assertThat(r.status()).as(host).isEqualTo(400);
            }
            assertThat(json(alice, "GET", "/v2/images/" + id, null).json().get("status").asString())
                    .isEqualTo("queued");
            try (Socket ours = new Socket("127.0.0.1", gateway.getLocalPort())) {
                ours.getOutputStream().write('!');
                try (Socket first = gateway.accept()) {
                    assertThat(first.getInputStream().read()).as("the only connection is the test's own")
                            .isEqualTo('!');
                }
            }
        }
    }

    private JsonNode awaitNotSaving(String id) throws Exception {
        JsonNode i = json(alice, "GET", "/v2/images/" + id, null).json();
        for (int n = 0; n < 100 && i.get("status").asString().equals("saving"); n++) {
            Thread.sleep(50);
            i = json(alice, "GET", "/v2/images/" + id, null).json();
        }
        return i;
    }

    /** A minimal qcow2 (version 3) header: magic, backing file offset, virtual size. */
    private static byte[] qcow2(long virtualSize, long backingFileOffset) {
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(65536);
        b.put(new byte[] {'Q', 'F', 'I', (byte) 0xfb}).putInt(3).putLong(backingFileOffset).putInt(0)
                .putInt(16).putLong(virtualSize);
        return b.array();
    }

    private static String hex(String algo, byte[] data) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance(algo).digest(data));
    }
}
