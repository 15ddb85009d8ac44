package io.nubo.image;

import static org.assertj.core.api.Assertions.assertThat;

import io.nubo.testsupport.TestTokens;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

class ImageApiTest extends ImageHttpTest {

    final String alice = TestTokens.project("p-alice", "member");
    final String bob = TestTokens.project("p-bob", "member");
    final String admin = TestTokens.project("p-admin", "admin");

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    io.nubo.image.image.ImageLifecycle lifecycle;

    @Test
    void createShowsGlanceFieldsAndCustomPropertiesAtTopLevel() throws Exception {
        Reply r = json(alice, "POST", "/v2/images", "{\"name\": \"cirros\", \"disk_format\": \"qcow2\","
                + " \"container_format\": \"bare\", \"tags\": [\"a\", \"b\"], \"os_distro\": \"cirros\","
                + " \"min_ram\": 64}");
        assertThat(r.status()).isEqualTo(201);
        assertThat(r.header("OpenStack-image-import-methods")).contains("glance-direct");
        JsonNode i = r.json();
        String id = i.get("id").asString();
        assertThat(i.get("status").asString()).isEqualTo("queued");
        assertThat(i.get("visibility").asString()).isEqualTo("shared");
        assertThat(i.get("owner").asString()).isEqualTo("p-alice");
        assertThat(i.get("os_distro").asString()).isEqualTo("cirros");
        assertThat(i.get("min_ram").asInt()).isEqualTo(64);
        assertThat(i.has("properties")).isFalse();
        assertThat(i.get("checksum").isNull()).isTrue();
        assertThat(i.get("size").isNull()).isTrue();
        assertThat(i.get("self").asString()).isEqualTo("/v2/images/" + id);
        assertThat(i.get("file").asString()).isEqualTo("/v2/images/" + id + "/file");
        assertThat(i.get("schema").asString()).isEqualTo("/v2/schemas/image");
        assertThat(i.get("created_at").asString()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
        assertThat(json(alice, "GET", "/v2/images/" + id, null).json().get("tags").toString())
                .isEqualTo("[\"a\",\"b\"]");
        assertThat(json(bob, "GET", "/v2/images/" + id, null).status()).isEqualTo(404);
    }

    @Test
    void badInputIsRefusedWithGlanceErrors() throws Exception {
        Reply disk = json(alice, "POST", "/v2/images", "{\"disk_format\": \"floppy\"}");
        assertThat(disk.status()).isEqualTo(400);
        assertThat(disk.body()).contains("<h1>400 Bad Request</h1>").contains("floppy");
        assertThat(json(alice, "POST", "/v2/images", "{\"container_format\": \"zip\"}").status()).isEqualTo(400);
        assertThat(json(alice, "POST", "/v2/images", "{\"status\": \"active\"}").status()).isEqualTo(403);
        assertThat(json(alice, "POST", "/v2/images", "{\"os_glance_x\": \"1\"}").status()).isEqualTo(403);
        assertThat(json(alice, "POST", "/v2/images", "{\"visibility\": \"public\"}").status()).isEqualTo(403);
        assertThat(json(alice, "POST", "/v2/images", "{\"k\": 5}").status()).isEqualTo(400);
        assertThat(json(alice, "POST", "/v2/images", "{nope").status()).isEqualTo(400);
        String id = create(alice, "{\"name\": \"x\"}");
        assertThat(patch(alice, id, "{\"op\": \"add\"}").status()).isEqualTo(400);
        assertThat(patch(alice, id, "[{\"op\": \"move\", \"path\": \"/name\", \"value\": 1}]").status()).isEqualTo(400);
        assertThat(patch(alice, id, "[{\"op\": \"replace\", \"path\": \"/nope\", \"value\": \"1\"}]").status())
                .isEqualTo(409);
        assertThat(patch(alice, id, "[{\"op\": \"remove\", \"path\": \"/nope\"}]").status()).isEqualTo(409);
        assertThat(patch(alice, id, "[{\"op\": \"replace\", \"path\": \"/size\", \"value\": 1}]").status())
                .isEqualTo(403);
        assertThat(call(alice, "PATCH", "/v2/images/" + id, "application/json", "[]".getBytes()).status())
                .isEqualTo(415);
        // a failed patch changes nothing, even its valid operations
        assertThat(patch(alice, id, "[{\"op\": \"replace\", \"path\": \"/name\", \"value\": \"y\"},"
                + " {\"op\": \"add\", \"path\": \"/min_ram\", \"value\": -1}]").status()).isEqualTo(400);
        assertThat(json(alice, "GET", "/v2/images/" + id, null).json().get("name").asString()).isEqualTo("x");
    }

    @Test
    void patchAddsReplacesAndRemovesProperties() throws Exception {
        String id = create(alice, "{\"name\": \"before\"}");
        Reply r = patch(alice, id, "[{\"op\": \"replace\", \"path\": \"/name\", \"value\": \"after\"},"
                + " {\"op\": \"add\", \"path\": \"/hw_disk_bus\", \"value\": \"virtio\"},"
                + " {\"op\": \"add\", \"path\": \"/protected\", \"value\": true}]");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().get("name").asString()).isEqualTo("after");
        assertThat(r.json().get("hw_disk_bus").asString()).isEqualTo("virtio");
        assertThat(json(alice, "DELETE", "/v2/images/" + id, null).status()).isEqualTo(403);
        r = patch(alice, id, "[{\"op\": \"remove\", \"path\": \"/hw_disk_bus\"},"
                + " {\"op\": \"replace\", \"path\": \"/protected\", \"value\": false}]");
        assertThat(r.json().has("hw_disk_bus")).isFalse();
        Reply v20 = call(alice, "PATCH", "/v2/images/" + id, "application/openstack-images-v2.0-json-patch",
                "[{\"replace\": \"/name\", \"value\": \"older dialect\"}]".getBytes(StandardCharsets.UTF_8));
        assertThat(v20.status()).isEqualTo(200);
        assertThat(v20.json().get("name").asString()).isEqualTo("older dialect");
        assertThat(patch(bob, id, "[{\"op\": \"replace\", \"path\": \"/name\", \"value\": \"z\"}]").status())
                .isEqualTo(404);
        assertThat(json(alice, "DELETE", "/v2/images/" + id, null).status()).isEqualTo(204);
        assertThat(json(alice, "GET", "/v2/images/" + id, null).status()).isEqualTo(404);
        assertThat(json(alice, "DELETE", "/v2/images/" + id, null).status()).isEqualTo(404);
    }

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

    /** A minimal qcow2 (version 3) header: magic, backing file offset, virtual size. */
    private static byte[] qcow2(long virtualSize, long backingFileOffset) {
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(65536);
        b.put(new byte[] {'Q', 'F', 'I', (byte) 0xfb}).putInt(3).putLong(backingFileOffset).putInt(0)
                .putInt(16).putLong(virtualSize);
        return b.array();
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
    void theImageCountQuotaAnswers413() throws Exception {
        String token = TestTokens.project("p-many", "member");
        for (int n = 0; n < 20; n++) {
            create(token, "{\"name\": \"n" + n + "\"}");
        }
        Reply over = json(token, "POST", "/v2/images", "{\"name\": \"one too many\"}");
        assertThat(over.status()).isEqualTo(413);
        assertThat(over.body()).contains("Maximum number of images (20)");
        assertThat(json(token, "GET", "/v2/images?limit=100", null).json().get("images")).hasSize(20);
        assertThat(json(token, "GET", "/v2/info/usage", null).json().get("usage").get("image_count_total")
                .get("usage").asInt()).isEqualTo(20);
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
    void membersShareAcceptAndRejectImages() throws Exception {
        String id = create(alice, "{\"name\": \"shared one\", \"visibility\": \"shared\"}");
        Reply add = json(alice, "POST", "/v2/images/" + id + "/members", "{\"member\": \"p-bob\"}");
        assertThat(add.status()).isEqualTo(200);
        assertThat(add.json().get("status").asString()).isEqualTo("pending");
        assertThat(add.json().get("schema").asString()).isEqualTo("/v2/schemas/member");
        assertThat(json(alice, "POST", "/v2/images/" + id + "/members", "{\"member\": \"p-bob\"}").status())
                .isEqualTo(409);
        assertThat(ids(json(bob, "GET", "/v2/images", null))).doesNotContain(id);
        assertThat(ids(json(bob, "GET", "/v2/images?member_status=pending", null))).contains(id);
        assertThat(json(bob, "GET", "/v2/images/" + id, null).status()).isEqualTo(200);
        assertThat(json(alice, "PUT", "/v2/images/" + id + "/members/p-bob", "{\"status\": \"accepted\"}").status())
                .isEqualTo(403);
        assertThat(json(bob, "PUT", "/v2/images/" + id + "/members/p-bob", "{\"status\": \"maybe\"}").status())
                .isEqualTo(400);
        assertThat(json(bob, "PUT", "/v2/images/" + id + "/members/p-bob", "{\"status\": \"accepted\"}").status())
                .isEqualTo(200);
        assertThat(ids(json(bob, "GET", "/v2/images", null))).contains(id);
        assertThat(json(bob, "GET", "/v2/images/" + id + "/members", null).json().get("members")).hasSize(1);
        assertThat(json(bob, "DELETE", "/v2/images/" + id + "/members/p-bob", null).status()).isEqualTo(403);
        assertThat(json(alice, "DELETE", "/v2/images/" + id + "/members/p-bob", null).status()).isEqualTo(204);
        assertThat(json(bob, "GET", "/v2/images/" + id, null).status()).isEqualTo(404);
        String priv = create(alice, "{\"visibility\": \"private\"}");
        assertThat(json(alice, "POST", "/v2/images/" + priv + "/members", "{\"member\": \"p-bob\"}").status())
                .isEqualTo(403);
    }

    @Test
    void listFiltersSortsAndPages() throws Exception {
        String owner = "p-list";
        String t = TestTokens.project(owner, "member");
        for (int n = 0; n < 5; n++) {
            String id = create(t, "{\"name\": \"img" + n + "\", \"disk_format\": \"" + (n % 2 == 0 ? "raw" : "vmdk")
                    + "\", \"container_format\": \"bare\", \"visibility\": \"private\", \"tags\": [\"t" + n + "\"],"
                    + " \"flavor\": \"f" + (n % 2) + "\"}");
            upload(t, id, new byte[100 * (n + 1)]);
        }
        assertThat(json(t, "GET", "/v2/images?disk_format=raw", null).json().get("images")).hasSize(3);
        assertThat(json(t, "GET", "/v2/images?tag=t1", null).json().get("images")).hasSize(1);
        assertThat(json(t, "GET", "/v2/images?flavor=f1", null).json().get("images")).hasSize(2);
        assertThat(json(t, "GET", "/v2/images?size_min=200&size_max=400", null).json().get("images")).hasSize(3);
        assertThat(json(t, "GET", "/v2/images?name=in:img1,img2", null).json().get("images")).hasSize(2);
        JsonNode sorted = json(t, "GET", "/v2/images?sort=size:asc", null).json().get("images");
        assertThat(sorted.get(0).get("size").asLong()).isEqualTo(100);
        assertThat(json(t, "GET", "/v2/images?sort_key=size&sort_dir=desc", null).json().get("images").get(0)
                .get("size").asLong()).isEqualTo(500);
        assertThat(json(t, "GET", "/v2/images?sort_key=bogus", null).status()).isEqualTo(400);
        assertThat(json(t, "GET", "/v2/images?updated_at=gte:2000-01-01T00:00:00Z", null).json().get("images"))
                .hasSize(5);
        assertThat(json(t, "GET", "/v2/images?changes-since=2999-01-01T00:00:00Z", null).json().get("images"))
                .isEmpty();
        // pages of two, following next links
        java.util.List<String> seen = new java.util.ArrayList<>();
        String next = "/v2/images?limit=2&sort_key=name&sort_dir=asc";
        while (next != null) {
            JsonNode page = json(t, "GET", next, null).json();
            page.get("images").forEach(i -> seen.add(i.get("name").asString()));
            assertThat(page.get("first").asString()).startsWith("/v2/images");
            next = page.has("next") ? page.get("next").asString() : null;
        }
        assertThat(seen).containsExactly("img0", "img1", "img2", "img3", "img4");
        assertThat(json(t, "GET", "/v2/images?marker=" + java.util.UUID.randomUUID(), null).status()).isEqualTo(400);
    }

    @Test
    void tagsAddAndRemove() throws Exception {
        String id = create(alice, "{}");
        assertThat(json(alice, "PUT", "/v2/images/" + id + "/tags/fast", null).status()).isEqualTo(204);
        assertThat(json(alice, "GET", "/v2/images/" + id, null).json().get("tags").get(0).asString()).isEqualTo("fast");
        assertThat(json(alice, "DELETE", "/v2/images/" + id + "/tags/fast", null).status()).isEqualTo(204);
        assertThat(json(alice, "DELETE", "/v2/images/" + id + "/tags/fast", null).status()).isEqualTo(404);
        assertThat(json(alice, "PUT", "/v2/images/" + java.util.UUID.randomUUID() + "/tags/x", null).status())
                .isEqualTo(404);
    }

    @Test
    void schemasAndInfo() throws Exception {
        assertThat(json(alice, "GET", "/v2/schemas/image", null).json().get("name").asString()).isEqualTo("image");
        assertThat(json(alice, "GET", "/v2/schemas/images", null).json().get("name").asString()).isEqualTo("images");
        assertThat(json(alice, "GET", "/v2/schemas/members", null).json().get("name").asString()).isEqualTo("members");
        assertThat(json(alice, "GET", "/v2/schemas/metadefs/resource_type", null).json().get("name").asString())
                .isEqualTo("resource_type_association");
        assertThat(json(alice, "GET", "/v2/info/import", null).json().get("import-methods").get("value").toString())
                .contains("glance-direct", "web-download");
        JsonNode store = json(alice, "GET", "/v2/info/stores", null).json().get("stores").get(0);
        assertThat(store.get("id").asString()).isEqualTo("file");
        assertThat(store.get("default").asBoolean()).isTrue();
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
        assertThat(json(alice, "POST", "/v2/images/" + web + "/import",
                "{\"method\": {\"name\": \"web-download\", \"uri\": \"http://169.254.169.254/latest\"}}").status())
                .isEqualTo(202);
        JsonNode refused = json(alice, "GET", "/v2/images/" + web, null).json();
        for (int n = 0; n < 100 && !refused.has("os_glance_failed_import"); n++) {
            Thread.sleep(50);
            refused = json(alice, "GET", "/v2/images/" + web, null).json();
        }
        assertThat(refused.get("status").asString()).isEqualTo("queued");
        assertThat(refused.get("os_glance_failed_import").asString()).isEqualTo("file");
        assertThat(json(alice, "GET", "/v2/images/" + web + "/tasks", null).json().get("tasks").get(0)
                .get("message").asString()).contains("does not pass filtering");
    }

    @Test
    void metadataDefinitionsCatalog() throws Exception {
        assertThat(json(alice, "POST", "/v2/metadefs/namespaces", "{\"namespace\": \"ns1\"}").status())
                .isEqualTo(403);
        Reply ns = json(admin, "POST", "/v2/metadefs/namespaces",
                "{\"namespace\": \"ns1\", \"visibility\": \"public\", \"protected\": true}");
        assertThat(ns.status()).isEqualTo(201);
        assertThat(json(alice, "GET", "/v2/metadefs/namespaces/ns1", null).json().get("visibility").asString())
                .isEqualTo("public");
        assertThat(json(admin, "DELETE", "/v2/metadefs/namespaces/ns1", null).status()).isEqualTo(403);
        assertThat(json(admin, "POST", "/v2/metadefs/namespaces/ns1/objects", "{\"name\": \"o1\"}").status())
                .isEqualTo(201);
        assertThat(json(admin, "PUT", "/v2/metadefs/namespaces/ns1/objects/o1", "{\"name\": \"o2\"}").json()
                .get("name").asString()).isEqualTo("o2");
        assertThat(json(admin, "GET", "/v2/metadefs/namespaces/ns1/objects/o1", null).status()).isEqualTo(404);
        assertThat(json(admin, "POST", "/v2/metadefs/namespaces/ns1/tags",
                "{\"tags\": [{\"name\": \"a\"}, {\"name\": \"b\"}]}").status()).isEqualTo(201);
        assertThat(json(admin, "GET", "/v2/metadefs/namespaces/ns1/tags", null).json().get("tags")).hasSize(2);
        assertThat(json(admin, "POST", "/v2/metadefs/namespaces/ns1/resource_types",
                "{\"name\": \"OS::Glance::Image\"}").status()).isEqualTo(201);
        assertThat(json(admin, "POST", "/v2/metadefs/namespaces/ns1/properties",
                "{\"name\": \"p\", \"title\": \"P\", \"type\": \"string\"}").status()).isEqualTo(201);
        assertThat(json(admin, "GET", "/v2/metadefs/namespaces/ns1/properties", null).json().get("properties")
                .get("p").get("title").asString()).isEqualTo("P");
        assertThat(json(admin, "PUT", "/v2/metadefs/namespaces/ns1", "{\"protected\": false}").status())
                .isEqualTo(200);
        assertThat(json(admin, "DELETE", "/v2/metadefs/namespaces/ns1", null).status()).isEqualTo(204);
        assertThat(json(admin, "GET", "/v2/metadefs/namespaces/ns1/tags", null).status()).isEqualTo(404);
    }

    private JsonNode awaitNotSaving(String id) throws Exception {
        JsonNode i = json(alice, "GET", "/v2/images/" + id, null).json();
        for (int n = 0; n < 100 && i.get("status").asString().equals("saving"); n++) {
            Thread.sleep(50);
            i = json(alice, "GET", "/v2/images/" + id, null).json();
        }
        return i;
    }

    private static java.util.List<String> ids(Reply r) {
        java.util.List<String> ids = new java.util.ArrayList<>();
        r.json().get("images").forEach(i -> ids.add(i.get("id").asString()));
        return ids;
    }

    private static String hex(String algo, byte[] data) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance(algo).digest(data));
    }
}
