package io.nubo.objectstore.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.nubo.objectstore.object.OrphanBlobSweeper;
import io.nubo.objectstore.storage.BlobStore;
import io.nubo.objectstore.storage.StoredBlob;
import io.nubo.testsupport.TestTokens;
import java.io.ByteArrayInputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.config.name=object-store-service")
@Import(TestTokens.Keys.class)
class SwiftObjectApiTest extends SwiftApiTestBase {

    static final String OWNER = TestTokens.project("p1", "member");
    static final String A = "/v1/AUTH_p1";

    @Autowired
    OrphanBlobSweeper sweeper;

    @Autowired
    BlobStore blobs;

    /** A blob whose row never committed (a stop between the two) is removed by the sweep; named and recent ones stay. */
    @Test
    void blobsNoObjectNamesAreRemovedOnceOldEnoughAndNamedOnesStay() throws Exception {
        String c = A + "/orphans";
        assertThat(call("PUT", c, OWNER, null).statusCode()).isIn(201, 202);
        assertThat(call("PUT", c + "/kept", OWNER, "named bytes").statusCode()).isEqualTo(201);
        StoredBlob orphan = blobs.write(new ByteArrayInputStream("no row".getBytes(StandardCharsets.UTF_8)), 100);

        sweeper.sweep(Instant.now().minus(OrphanBlobSweeper.GRACE));
        assertThat(blobs.exists(orphan.key())).as("written just now: its row may be about to commit").isTrue();

        assertThat(sweeper.sweep(Instant.now().plusSeconds(5))).isPositive();
        assertThat(blobs.exists(orphan.key())).as("named by no object").isFalse();
        assertThat(call("GET", c + "/kept", OWNER, null).body()).isEqualTo("named bytes");
    }

    @Test
    void containerLifecycleWithMetadataAndCounts() throws Exception {
        assertThat(call("PUT", A + "/c1", OWNER, null, "X-Container-Meta-Color", "blue").statusCode()).isEqualTo(201);
        assertThat(call("PUT", A + "/c1", OWNER, null).statusCode()).isEqualTo(202);
        assertThat(call("PUT", A + "/c1/o1", OWNER, "hello").statusCode()).isEqualTo(201);
        HttpResponse<String> head = call("HEAD", A + "/c1", OWNER, null);
        assertThat(head.statusCode()).isEqualTo(204);
        assertThat(head.headers().firstValue("X-Container-Meta-Color")).hasValue("blue");
        assertThat(head.headers().firstValue("X-Container-Object-Count")).hasValue("1");
        assertThat(head.headers().firstValue("X-Container-Bytes-Used")).hasValue("5");
        assertThat(head.headers().firstValue("X-Trans-Id")).hasValueSatisfying(v -> assertThat(v).matches(
                "tx[0-9a-f]{21}-[0-9a-f]{10}"));
        assertThat(call("POST", A + "/c1", OWNER, null, "X-Remove-Container-Meta-Color", "x").statusCode())
                .isEqualTo(204);
        assertThat(call("HEAD", A + "/c1", OWNER, null).headers().firstValue("X-Container-Meta-Color")).isEmpty();
        assertThat(call("DELETE", A + "/c1", OWNER, null).statusCode()).isEqualTo(409);
        assertThat(call("DELETE", A + "/c1/o1", OWNER, null).statusCode()).isEqualTo(204);
        assertThat(call("DELETE", A + "/c1", OWNER, null).statusCode()).isEqualTo(204);
        assertThat(call("HEAD", A + "/c1", OWNER, null).statusCode()).isEqualTo(404);
    }

    @Test
    void objectRoundTripRangesConditionalsAndEtagCheck() throws Exception {
        call("PUT", A + "/c2", OWNER, null);
        String md5 = HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest("0123456789".getBytes()));
        HttpResponse<String> put = call("PUT", A + "/c2/dir/a.txt", OWNER, "0123456789", "X-Object-Meta-K", "v",
                "ETag", md5);
        assertThat(put.statusCode()).isEqualTo(201);
        assertThat(put.headers().firstValue("ETag")).hasValue(md5);
        HttpResponse<String> get = call("GET", A + "/c2/dir/a.txt", OWNER, null);
        assertThat(get.body()).isEqualTo("0123456789");
        assertThat(get.headers().firstValue("X-Object-Meta-K")).hasValue("v");
        assertThat(get.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/plain"));
        HttpResponse<String> range = call("GET", A + "/c2/dir/a.txt", OWNER, null, "Range", "bytes=2-4");
        assertThat(range.statusCode()).isEqualTo(206);
        assertThat(range.body()).isEqualTo("234");
        assertThat(range.headers().firstValue("Content-Range")).hasValue("bytes 2-4/10");
        HttpResponse<String> multi = call("GET", A + "/c2/dir/a.txt", OWNER, null, "Range", "bytes=0-1,-2");
        assertThat(multi.statusCode()).isEqualTo(206);
        assertThat(multi.headers().firstValue("Content-Type")).hasValueSatisfying(
                t -> assertThat(t).startsWith("multipart/byteranges"));
        assertThat(multi.body()).contains("Content-Range: bytes 0-1/10\r\n\r\n01").contains("bytes 8-9/10\r\n\r\n89");
        assertThat(call("GET", A + "/c2/dir/a.txt", OWNER, null, "Range", "bytes=20-30").statusCode()).isEqualTo(416);
        assertThat(call("GET", A + "/c2/dir/a.txt", OWNER, null, "If-None-Match", md5).statusCode()).isEqualTo(304);
        assertThat(call("GET", A + "/c2/dir/a.txt", OWNER, null, "If-Match", "nope").statusCode()).isEqualTo(412);
        assertThat(call("PUT", A + "/c2/bad", OWNER, "abc", "ETag", md5).statusCode()).isEqualTo(422);
        assertThat(call("HEAD", A + "/c2/bad", OWNER, null).statusCode()).isEqualTo(404);
        assertThat(call("PUT", A + "/nocontainer/o", OWNER, "abc").statusCode()).isEqualTo(404);
    }

    @Test
    void copyAndListingsInEveryFormat() throws Exception {
        call("PUT", A + "/c3", OWNER, null);
        for (String n : new String[] {"a/1", "a/2", "b", "c"}) {
            call("PUT", A + "/c3/" + n, OWNER, n, "Content-Type", "text/plain");
        }
        HttpResponse<String> copy = call("COPY", A + "/c3/b", OWNER, null, "Destination", "c3/d");
        assertThat(copy.statusCode()).isEqualTo(201);
        assertThat(copy.headers().firstValue("X-Copied-From")).hasValue("c3/b");
        assertThat(call("PUT", A + "/c3/e", OWNER, "", "X-Copy-From", "/c3/c").statusCode()).isEqualTo(201);
        assertThat(call("GET", A + "/c3/e", OWNER, null).body()).isEqualTo("c");
        assertThat(call("GET", A + "/c3", OWNER, null).body()).isEqualTo("a/1\na/2\nb\nc\nd\ne\n");
        assertThat(call("GET", A + "/c3?delimiter=/", OWNER, null).body()).isEqualTo("a/\nb\nc\nd\ne\n");
        assertThat(call("GET", A + "/c3?prefix=a/&limit=1", OWNER, null).body()).isEqualTo("a/1\n");
        assertThat(call("GET", A + "/c3?marker=b&end_marker=e", OWNER, null).body()).isEqualTo("c\nd\n");
        assertThat(call("GET", A + "/c3?reverse=true&limit=2", OWNER, null).body()).isEqualTo("e\nd\n");
        String json = call("GET", A + "/c3?format=json&prefix=b", OWNER, null).body();
        assertThat(json).startsWith("[{\"name\":\"b\",\"hash\":").contains("\"bytes\":1", "\"content_type\":\"text/plain\"");
        String xml = call("GET", A + "/c3?format=xml&delimiter=/&limit=1", OWNER, null).body();
        assertThat(xml).contains("<container name=\"c3\"><subdir name=\"a/\"><name>a/</name></subdir></container>");
        assertThat(call("GET", A + "/c3?limit=10001", OWNER, null).statusCode()).isEqualTo(412);
        String account = call("GET", A + "?format=json", OWNER, null).body();
        assertThat(account).contains("{\"name\":\"c3\",\"count\":6,\"bytes\":");
    }

    @Test
    void formAndMultipartBodiesAreObjectData() throws Exception {
        call("PUT", A + "/c10", OWNER, null);
        String multipart = "--b\r\nContent-Disposition: form-data; name=\"f\"\r\n\r\nv\r\n--b--\r\n";
        assertThat(call("PUT", A + "/c10/m", OWNER, multipart, "Content-Type", "multipart/form-data; boundary=b")
                .statusCode()).isEqualTo(201);
        assertThat(call("GET", A + "/c10/m", OWNER, null).body()).isEqualTo(multipart);
        assertThat(call("PUT", A + "/c10/f", OWNER, "a=1&b=2", "Content-Type", "application/x-www-form-urlencoded")
                .statusCode()).isEqualTo(201);
        assertThat(call("GET", A + "/c10/f", OWNER, null).body()).isEqualTo("a=1&b=2");
    }

    @Test
    void badInputGetsSwiftErrors() throws Exception {
        assertThat(call("PUT", A + "/" + "x".repeat(257), OWNER, null).statusCode()).isEqualTo(400);
        call("PUT", A + "/c4", OWNER, null);
        assertThat(call("PUT", A + "/c4/" + "o".repeat(1025), OWNER, "x").statusCode()).isEqualTo(400);
        assertThat(call("POST", A + "/c4", OWNER, null, "X-Container-Meta-" + "n".repeat(129), "v").statusCode())
                .isEqualTo(400);
        assertThat(call("POST", A + "/c4", OWNER, null, "X-Container-Meta-N", "v".repeat(257)).statusCode())
                .isEqualTo(400);
        HttpResponse<String> missing = call("GET", A + "/c4/none", OWNER, null);
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.body()).contains("<h1>Not Found</h1>");
        assertThat(call("PUT", A + "/c4/x", OWNER, "x", "X-Delete-At", "1000").statusCode()).isEqualTo(400);
    }

    @Test
    void quotasRefuseWritesBeyondThem() throws Exception {
        call("PUT", A + "/c5", OWNER, null, "X-Container-Meta-Quota-Bytes", "10");
        assertThat(call("PUT", A + "/c5/a", OWNER, "12345678").statusCode()).isEqualTo(201);
        assertThat(call("PUT", A + "/c5/b", OWNER, "12345").statusCode()).isEqualTo(413);
        assertThat(call("POST", A, OWNER, null, "X-Account-Meta-Quota-Bytes", "5").statusCode()).isEqualTo(403);
        String reseller = TestTokens.project("ops", "ResellerAdmin");
        assertThat(call("POST", "/v1/AUTH_p9", reseller, null, "X-Account-Meta-Quota-Bytes", "3").statusCode())
                .isEqualTo(204);
        String p9 = TestTokens.project("p9", "member");
        call("PUT", "/v1/AUTH_p9/c", p9, null);
        assertThat(call("PUT", "/v1/AUTH_p9/c/o", p9, "1234").statusCode()).isEqualTo(413);
        assertThat(call("PUT", "/v1/AUTH_p9/c/o", p9, "123").statusCode()).isEqualTo(201);
    }

    @Test
    void accessNeedsOwnershipOrAnAcl() throws Exception {
        call("PUT", A + "/c6", OWNER, null);
        call("PUT", A + "/c6/o", OWNER, "data");
        String other = TestTokens.project("p2", "member");
        assertThat(call("GET", A + "/c6/o", other, null).statusCode()).isEqualTo(403);
        assertThat(call("GET", A + "/c6/o", null, null).statusCode()).isEqualTo(401);
        assertThat(call("PUT", A + "/c6/o2", other, "x").statusCode()).isEqualTo(403);
        call("POST", A + "/c6", OWNER, null, "X-Container-Read", "p2:u-p2", "X-Container-Write", "p2:*");
        assertThat(call("GET", A + "/c6/o", other, null).statusCode()).isEqualTo(200);
        assertThat(call("PUT", A + "/c6/o2", other, "x").statusCode()).isEqualTo(201);
        assertThat(call("GET", A + "/c6/o", null, null).statusCode()).isEqualTo(401);
        call("POST", A + "/c6", OWNER, null, "X-Container-Read", ".r:*");
        assertThat(call("GET", A + "/c6/o", null, null).body()).isEqualTo("data");
        assertThat(call("GET", A + "/c6", null, null).statusCode()).isEqualTo(401);
        assertThat(call("HEAD", A, other, null).statusCode()).isEqualTo(403);
    }

    @Test
    void largeObjectsStaticAndDynamic() throws Exception {
        call("PUT", A + "/c7", OWNER, null);
        call("PUT", A + "/c7/seg/1", OWNER, "abc");
        call("PUT", A + "/c7/seg/2", OWNER, "def");
        call("PUT", A + "/c7/dlo", OWNER, "", "X-Object-Manifest", "c7/seg/");
        HttpResponse<String> dlo = call("GET", A + "/c7/dlo", OWNER, null);
        assertThat(dlo.body()).isEqualTo("abcdef");
        assertThat(dlo.headers().firstValue("ETag")).hasValueSatisfying(e -> assertThat(e).startsWith("\""));
        assertThat(call("GET", A + "/c7/dlo", OWNER, null, "Range", "bytes=2-3").body()).isEqualTo("cd");
        String manifest = "[{\"path\":\"/c7/seg/2\"},{\"path\":\"/c7/seg/1\",\"size_bytes\":3}]";
        assertThat(call("PUT", A + "/c7/slo?multipart-manifest=put", OWNER, manifest).statusCode()).isEqualTo(201);
        HttpResponse<String> slo = call("GET", A + "/c7/slo", OWNER, null);
        assertThat(slo.body()).isEqualTo("defabc");
        assertThat(slo.headers().firstValue("X-Static-Large-Object")).hasValue("True");
        assertThat(call("PUT", A + "/c7/bad?multipart-manifest=put", OWNER, "[{\"path\":\"/c7/none\"}]").statusCode())
                .isEqualTo(400);
        assertThat(call("DELETE", A + "/c7/slo?multipart-manifest=delete", OWNER, null).statusCode()).isEqualTo(200);
        assertThat(call("HEAD", A + "/c7/seg/1", OWNER, null).statusCode()).isEqualTo(404);
    }

    @Test
    void bulkDeleteAndTempUrl() throws Exception {
        call("PUT", A + "/c8", OWNER, null);
        call("PUT", A + "/c8/x", OWNER, "x");
        call("PUT", A + "/c8/y", OWNER, "y");
        HttpResponse<String> bulk = call("POST", A + "?bulk-delete", OWNER, "c8/x\n/c8/none\n", "Accept",
                "application/json", "Content-Type", "text/plain");
        assertThat(bulk.body()).contains("\"Number Deleted\":1", "\"Number Not Found\":1");
        call("POST", A, OWNER, null, "X-Account-Meta-Temp-URL-Key", "secret");
        long expires = System.currentTimeMillis() / 1000 + 60;
        javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
        mac.init(new javax.crypto.spec.SecretKeySpec("secret".getBytes(), "HmacSHA256"));
        String sig = HexFormat.of().formatHex(mac.doFinal(("GET\n" + expires + "\n" + A + "/c8/y").getBytes()));
        assertThat(call("GET", A + "/c8/y?temp_url_sig=" + sig + "&temp_url_expires=" + expires, null, null).body())
                .isEqualTo("y");
        assertThat(call("GET", A + "/c8/y?temp_url_sig=" + sig + "&temp_url_expires=" + (expires + 1), null, null)
                .statusCode()).isEqualTo(401);
    }

    @Test
    void formPostStoresFilesUnderThePrefix() throws Exception {
        call("PUT", A + "/c11", OWNER, null);
        call("POST", A + "/c11", OWNER, null, "X-Container-Meta-Temp-URL-Key", "k");
        long expires = System.currentTimeMillis() / 1000 + 60;
        javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA1");
        mac.init(new javax.crypto.spec.SecretKeySpec("k".getBytes(), "HmacSHA1"));
        String sig = HexFormat.of().formatHex(mac.doFinal((A + "/c11/up/\n\n1024\n2\n" + expires).getBytes()));
        String form = field("redirect", "") + field("max_file_size", "1024") + field("max_file_count", "2")
                + field("expires", Long.toString(expires)) + field("signature", sig)
                + "--XyZ\r\nContent-Disposition: form-data; name=\"file1\"; filename=\"a.txt\"\r\n"
                + "Content-Type: text/plain\r\n\r\nhello\r\nworld\r\n--XyZ--\r\n";
        HttpResponse<String> r = call("POST", A + "/c11/up/", null, form, "Content-Type",
                "multipart/form-data; boundary=XyZ");
        assertThat(r.statusCode()).isEqualTo(201);
        assertThat(call("GET", A + "/c11/up/a.txt", OWNER, null).body()).isEqualTo("hello\r\nworld");
        HttpResponse<String> forged = call("POST", A + "/c11/up/", null, form.replace(sig, "0".repeat(40)),
                "Content-Type", "multipart/form-data; boundary=XyZ");
        assertThat(forged.statusCode()).isEqualTo(401);
    }

    private static String field(String name, String value) {
        return "--XyZ\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value + "\r\n";
    }

    @Test
    void staticWebServesIndexAndListingsToAnonymousReaders() throws Exception {
        call("PUT", A + "/c12", OWNER, null, "X-Container-Read", ".r:*,.rlistings");
        call("PUT", A + "/c12/index.html", OWNER, "<p>home</p>", "Content-Type", "text/html");
        call("POST", A + "/c12", OWNER, null, "X-Container-Meta-Web-Listings", "true",
                "X-Container-Meta-Web-Listings-CSS", "s.css");
        String listing = call("GET", A + "/c12", null, null).body();
        assertThat(listing).contains("<link rel=\"stylesheet\" type=\"text/css\" href=\"s.css\" />", "index.html");
        assertThat(call("GET", A + "/c12", OWNER, null).body()).isEqualTo("index.html\n");
        call("POST", A + "/c12", OWNER, null, "X-Container-Meta-Web-Index", "index.html");
        assertThat(call("GET", A + "/c12", null, null).body()).isEqualTo("<p>home</p>");
    }

    @Test
    void expiredObjectsDisappear() throws Exception {
        call("PUT", A + "/c9", OWNER, null);
        // X-Delete-At is whole seconds: "1" may expire within milliseconds of the PUT, before the HEAD on a busy
        // machine; "3" leaves the HEAD two seconds at least
        call("PUT", A + "/c9/o", OWNER, "x", "X-Delete-After", "3");
        assertThat(call("HEAD", A + "/c9/o", OWNER, null).headers().firstValue("X-Delete-At")).isPresent();
        Thread.sleep(4100);
        assertThat(call("GET", A + "/c9/o", OWNER, null).statusCode()).isEqualTo(404);
    }
}
