package io.nubo.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "spring.config.name=gateway")
@Tag("integration")
class GatewayRoutingTest {

    static final long GIB = 1024L * 1024 * 1024;
    static final HttpServer BACKEND = backend();
    static final Map<String, String> SEEN = new ConcurrentHashMap<>();
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @DynamicPropertySource
    static void routes(DynamicPropertyRegistry r) {
        r.add("nubo.gateway.routes.identity", () -> "http://127.0.0.1:" + BACKEND.getAddress().getPort());
        r.add("nubo.gateway.routes.compute", () -> "http://127.0.0.1:" + freePort());
        // two instances, one of them dead; no health check runs during the test (the first is an hour away)
        r.add("nubo.gateway.routes.image", () -> "http://127.0.0.1:" + freePort() + ",http://127.0.0.1:"
                + BACKEND.getAddress().getPort());
        r.add("nubo.gateway.health-interval", () -> "1h");
    }

    @AfterAll
    static void stop() {
        BACKEND.stop(0);
    }

    /** A tiny backend that records what reached it and answers by path. */
    static HttpServer backend() {
        try {
            HttpServer s = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            s.setExecutor(Executors.newFixedThreadPool(4));
            s.createContext("/", GatewayRoutingTest::handle);
            s.start();
            return s;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static void handle(HttpExchange x) throws IOException {
        String path = x.getRequestURI().getRawPath();
        SEEN.put("path", path);
        SEEN.put("all", String.valueOf(new java.util.TreeMap<>(x.getRequestHeaders())));
        SEEN.put("query", String.valueOf(x.getRequestURI().getRawQuery()));
        SEEN.put("method", x.getRequestMethod());
        for (String h : new String[] {"X-Forwarded-Prefix", "X-Forwarded-Host", "X-Forwarded-Proto", "X-Auth-Token",
                "x-openstack-request-id", "Content-Type", "User-Agent", "Accept-Encoding", "Cookie"}) {
            SEEN.put(h, String.valueOf(x.getRequestHeaders().getFirst(h)));
        }
        long received = 0;
        try (InputStream in = x.getRequestBody()) {
            byte[] buf = new byte[65536];
            for (int n; (n = in.read(buf)) > 0; ) {
                received += n;
            }
        }
        SEEN.put("received", String.valueOf(received));
        // like every Nubo service: answer with the request id it was given
        x.getResponseHeaders().add("x-openstack-request-id", x.getRequestHeaders().getFirst("x-openstack-request-id"));
        switch (path) {
            case "/v3/auth/tokens" -> {
                x.getResponseHeaders().add("X-Subject-Token", "tok-123");
                x.getResponseHeaders().add("Content-Type", "application/json");
                byte[] body = "{\"token\": {}}".getBytes(StandardCharsets.UTF_8);
                x.sendResponseHeaders(201, body.length);
                x.getResponseBody().write(body);
            }
            case "/empty" -> x.sendResponseHeaders(204, -1);
            case "/odd-type" -> {
                // what Swift answers for an object stored with Content-Type x, and headers a client must see as sent
                x.getResponseHeaders().add("Content-Type", "x");
                x.getResponseHeaders().add("ETag", "\"5d41402abc4b2a76b9719d911017c592\"");
                x.getResponseHeaders().add("X-Timestamp", "1796280437.70180");
                x.getResponseHeaders().add("Set-Cookie", "s=1");
                x.getResponseHeaders().add("Content-Encoding", "gzip");
                byte[] body = gzip("hello");
                x.sendResponseHeaders(200, "HEAD".equals(x.getRequestMethod()) ? -1 : body.length);
                if (!"HEAD".equals(x.getRequestMethod())) {
                    x.getResponseBody().write(body);
                }
            }
            case "/moved" -> {
                x.getResponseHeaders().add("Location", "/v3/auth/tokens");
                x.sendResponseHeaders(302, -1);
            }
            case "/big" -> {
                x.sendResponseHeaders(200, GIB);
                byte[] buf = new byte[1 << 20];
                try (OutputStream out = x.getResponseBody()) {
                    for (long sent = 0; sent < GIB; sent += buf.length) {
                        out.write(buf);
                    }
                }
            }
            default -> {
                byte[] body = ("ok " + x.getRequestMethod()).getBytes(StandardCharsets.UTF_8);
                x.sendResponseHeaders(200, "HEAD".equals(x.getRequestMethod()) ? -1 : body.length);
                if (!"HEAD".equals(x.getRequestMethod())) {
                    x.getResponseBody().write(body);
                }
            }
        }
        x.close();
    }

    static byte[] gzip(String text) throws IOException {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (OutputStream out = new java.util.zip.GZIPOutputStream(bytes)) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
        return bytes.toByteArray();
    }

    HttpResponse<String> send(HttpRequest.Builder b) throws Exception {
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    URI at(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    @Test
    void aWildcardContentTypeIsA400InJsonNotTomcatsHtml500() throws Exception {
        for (String type : new String[] {"*/*", "application/*", "*"}) {
            HttpResponse<String> r = send(HttpRequest.newBuilder(at("/identity/v3/auth/tokens"))
                    .header("Content-Type", type).POST(HttpRequest.BodyPublishers.ofString("{\"auth\":[]}")));
            assertThat(r.statusCode()).as(type).isEqualTo(400);
            assertThat(r.body()).as(type).startsWith("{\"error\": {\"code\": 400");
            assertThat(r.headers().firstValue("Content-Type")).as(type).hasValueSatisfying(
                    v -> assertThat(v).startsWith("application/json"));
        }
        assertThat(send(HttpRequest.newBuilder(at("/identity/v3/auth/tokens")).header("Content-Type", "x")
                .POST(HttpRequest.BodyPublishers.ofString("{}"))).statusCode())
                .as("an unparseable Content-Type still reaches the service").isBetween(200, 299);
        assertThat(SEEN.get("Content-Type")).as("verbatim").isEqualTo("x");
    }

    @Test
    void whatTheServiceAnswersPassesUnchangedEvenATypeSpringCannotParse() throws Exception {
        for (String method : new String[] {"GET", "HEAD"}) {
            HttpResponse<byte[]> r = HTTP.send(HttpRequest.newBuilder(at("/identity/odd-type"))
                    .header("Accept-Encoding", "gzip").method(method, HttpRequest.BodyPublishers.noBody()).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertThat(r.statusCode()).as(method).isEqualTo(200);
            assertThat(r.headers().firstValue("Content-Type")).as(method).contains("x");
            assertThat(r.headers().firstValue("ETag")).contains("\"5d41402abc4b2a76b9719d911017c592\"");
            assertThat(r.headers().firstValue("X-Timestamp")).contains("1796280437.70180");
            assertThat(r.headers().firstValue("Content-Encoding")).as("not decoded on the way").contains("gzip");
            assertThat(r.body()).isEqualTo("GET".equals(method) ? gzip("hello") : new byte[0]);
        }
        // the service's cookie is the caller's, never sent on to the next request
        send(HttpRequest.newBuilder(at("/identity/v3")));
        assertThat(SEEN.get("Cookie")).isEqualTo("null");
        // a redirect is the client's to follow
        HttpResponse<String> moved = send(HttpRequest.newBuilder(at("/identity/moved")));
        assertThat(moved.statusCode()).isEqualTo(302);
        assertThat(SEEN.get("path")).isEqualTo("/moved");
    }

    @Test
    void theGatewayAddsNoContentTypeNoUserAgentAndNoEncodingOfItsOwn() throws Exception {
        HttpResponse<String> r = send(HttpRequest.newBuilder(at("/identity/v1/AUTH_a/c/o.json"))
                .PUT(HttpRequest.BodyPublishers.ofString("{}")));
        assertThat(r.statusCode()).isEqualTo(200);
        // Swift guesses an object's type from its name when the client sends none
        assertThat(SEEN.get("Content-Type")).isEqualTo("null");
        assertThat(SEEN.get("User-Agent")).as("the caller's").startsWith("Java-http-client/");
        assertThat(SEEN.get("Accept-Encoding")).isEqualTo("null");
    }

    @Test
    void aContentTypeWithoutACharsetReachesTheServiceWithoutOne() throws Exception {
        // Swift stores an object's type as it was sent; a charset the gateway added would change what users read back
        for (String type : new String[] {"application/octet-stream", "text/plain", "image/png; q=1",
                "text/plain; charset=latin1"}) {
            HttpResponse<String> r = send(HttpRequest.newBuilder(at("/identity/v1/AUTH_a/c/o"))
                    .header("Content-Type", type).PUT(HttpRequest.BodyPublishers.ofString("x")));
            assertThat(r.statusCode()).as(type).isEqualTo(200);
            assertThat(SEEN.get("Content-Type")).as(type).isEqualTo(type);
        }
    }

    @Test
    void aBinaryBodyLabelledAsAFormPassesThroughUntouched() throws Exception {
        byte[] binary = new byte[4096];
        new java.util.Random(7).nextBytes(binary);
        HttpResponse<String> r = send(HttpRequest.newBuilder(at("/identity/v1/AUTH_x/c/o"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(binary)));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(SEEN.get("received")).isEqualTo("4096");
        HttpResponse<String> form = send(HttpRequest.newBuilder(at("/identity/form"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("a=b&c=d")));
        assertThat(form.statusCode()).isEqualTo(200);
        assertThat(SEEN.get("received")).isEqualTo("7");
    }

    @Test
    void aGetThatCannotReachADeadInstanceIsServedByTheOtherAndTheDeadOneLeavesTheRotation() throws Exception {
        for (int i = 0; i < 4; i++) {
            HttpResponse<String> r = send(HttpRequest.newBuilder(at("/image/v2/images")).GET());
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.body()).isEqualTo("ok GET");
        }
        // a write is not replayed elsewhere: at most one lands on the dead instance, then it is out of rotation
        for (int i = 0; i < 3; i++) {
            assertThat(send(HttpRequest.newBuilder(at("/image/v2/images")).POST(HttpRequest.BodyPublishers
                    .ofString("{}"))).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void stripsThePrefixKeepsTheQueryAndTellsTheServiceItsPublicPrefix() throws Exception {
        HttpResponse<String> r = send(HttpRequest.newBuilder(at("/identity/v3/users?name=a%2Fb&x=%20y&flag"))
                .header("X-Auth-Token", "t1"));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(SEEN.get("path")).isEqualTo("/v3/users");
        // encoding is kept byte for byte; a parameter without a value gains '=' (the gateway rebuilds the query
        // from its parameters), which every OpenStack server reads the same way
        assertThat(SEEN.get("query")).isEqualTo("name=a%2Fb&x=%20y&flag=");
        assertThat(SEEN.get("X-Forwarded-Prefix")).as(SEEN.get("all")).isEqualTo("/identity");
        assertThat(SEEN.get("X-Forwarded-Host")).startsWith("127.0.0.1");
        assertThat(SEEN.get("X-Auth-Token")).isEqualTo("t1");
        assertThat(SEEN.get("x-openstack-request-id")).startsWith("req-");
        assertThat(r.headers().allValues("x-openstack-request-id")).containsExactly(SEEN.get("x-openstack-request-id"));
    }

    @Test
    void headersAsLargeAsTheGatewayTakesReachTheService() throws Exception {
        // Tomcat takes 8 KiB of request line and headers (this request: 8,076 bytes); the gateway adds its
        // X-Forwarded-* and request id on the way
        String token = "t".repeat(8000);
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.getOutputStream().write(("GET /identity/v3/users HTTP/1.1\r\nHost: x\r\nX-Auth-Token: " + token
                    + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            String reply = new String(s.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
            assertThat(reply).startsWith("HTTP/1.1 200");
        }
        assertThat(SEEN.get("X-Auth-Token")).isEqualTo(token);
    }

    @Test
    void statusCodesAndHeadersPassBothWays() throws Exception {
        HttpResponse<String> created = send(HttpRequest.newBuilder(at("/identity/v3/auth/tokens"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"auth\": {}}")).header("Content-Type", "application/json"));
        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(created.headers().firstValue("X-Subject-Token")).contains("tok-123");
        assertThat(created.body()).isEqualTo("{\"token\": {}}");
        assertThat(SEEN.get("received")).isEqualTo("12");

        assertThat(send(HttpRequest.newBuilder(at("/identity/empty")).DELETE()).statusCode()).isEqualTo(204);
        HttpResponse<String> head = send(HttpRequest.newBuilder(at("/identity/x"))
                .method("HEAD", HttpRequest.BodyPublishers.noBody()));
        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(SEEN.get("method")).isEqualTo("HEAD");
    }

    @Test
    void unknownPrefixIs404AndADownServiceIs503() throws Exception {
        HttpResponse<String> unknown = send(HttpRequest.newBuilder(at("/nowhere/v1")));
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.body()).isEqualTo("{\"error\": {\"code\": 404, \"title\": \"Not Found\", "
                + "\"message\": \"The resource could not be found.\"}}");
        assertThat(unknown.headers().firstValue("x-openstack-request-id")).isPresent();
        HttpResponse<String> down = send(HttpRequest.newBuilder(at("/compute/v2.1/servers")));
        assertThat(down.statusCode()).isEqualTo(503);
        assertThat(down.body()).contains("\"code\": 503").contains("compute").doesNotContain("Exception");
    }

    @Test
    void indexListsThePrefixes() throws Exception {
        HttpResponse<String> r = send(HttpRequest.newBuilder(at("/")));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("identity").contains("compute");
    }

    @Test
    void aBrowserAtTheRootIsSentToThePortalWhileApiClientsKeepTheIndex() throws Exception {
        String chrome = "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8";
        HttpResponse<String> browser = send(HttpRequest.newBuilder(at("/")).header("Accept", chrome));
        assertThat(browser.statusCode()).isEqualTo(302);
        assertThat(browser.headers().firstValue("Location")).contains("/dashboard/");
        for (String accept : new String[] {"application/json", "*/*", "application/json, text/html;q=0.5"}) {
            HttpResponse<String> api = send(HttpRequest.newBuilder(at("/")).header("Accept", accept));
            assertThat(api.statusCode()).as(accept).isEqualTo(200);
            assertThat(api.body()).as(accept).contains("\"services\"");
        }
        assertThat(send(HttpRequest.newBuilder(at("/dashboard"))).headers().firstValue("Location"))
                .contains("/dashboard/");
    }

    @Test
    void thePortalsIndexIsNeverCachedAndItsHashedAssetsAreCachedForAYearGzippedWhenAccepted() throws Exception {
        HttpResponse<String> index = send(HttpRequest.newBuilder(at("/dashboard/")));
        assertThat(index.statusCode()).isEqualTo(200);
        assertThat(index.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
        assertThat(index.headers().firstValue("Cache-Control")).contains("no-cache");
        assertThat(index.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(
                c -> assertThat(c).contains("default-src 'self'"));
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("/dashboard/assets/([^\"]+\\.js)")
                .matcher(index.body());
        assertThat(m.find()).as(index.body()).isTrue();
        URI js = at("/dashboard/assets/" + m.group(1));

        HttpResponse<byte[]> plain = HTTP.send(HttpRequest.newBuilder(js).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(plain.statusCode()).isEqualTo(200);
        assertThat(plain.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).contains("javascript"));
        assertThat(plain.headers().firstValue("Cache-Control")).hasValueSatisfying(
                c -> assertThat(c).contains("max-age=31536000").contains("immutable").contains("public"));
        assertThat(plain.headers().firstValue("Content-Encoding")).isEmpty();

        HttpResponse<byte[]> gz = HTTP.send(HttpRequest.newBuilder(js).header("Accept-Encoding", "gzip, deflate, br")
                .build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(gz.headers().firstValue("Content-Encoding")).contains("gzip");
        assertThat(gz.headers().allValues("Vary")).anySatisfy(v -> assertThat(v).containsIgnoringCase("Accept-Encoding"));
        assertThat(gz.body().length).isLessThan(plain.body().length / 2);
        try (InputStream in = new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(gz.body()))) {
            assertThat(in.readAllBytes()).isEqualTo(plain.body());
        }
    }

    @Test
    void nothingOutsideThePortalsFilesIsServedUnderItsPath() throws Exception {
        for (String path : new String[] {"/dashboard/assets/nope.js", "/dashboard/assets/..%2F..%2Fgateway.yml",
                "/dashboard/assets/%2e%2e", "/dashboard/gateway.yml", "/dashboard/assets/x.js.gz"}) {
            HttpResponse<String> r = send(HttpRequest.newBuilder(at(path)));
            assertThat(r.statusCode()).as(path).isIn(400, 404);
            assertThat(r.body()).as(path).doesNotContain("routes");
        }
    }

    @Test
    void connectionCloseIsAnnounced() throws Exception {
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.getOutputStream().write(("GET /identity/v3 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            String reply = new String(s.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
            assertThat(reply).startsWith("HTTP/1.1 200");
            assertThat(reply.toLowerCase()).contains("\r\nconnection: close\r\n");
        }
    }

    /** A chunked upload whose caller goes away half-way never ends normally at the service (a truncated object). */
    @Test
    void anUploadCutShortIsNotCompletedTowardsTheService() throws Exception {
        SEEN.remove("received");
        SEEN.remove("path");
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.getOutputStream().write(("PUT /identity/cut HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
                    + "400\r\n" + "x".repeat(1024) + "\r\n").getBytes(StandardCharsets.US_ASCII));
            s.getOutputStream().flush();
            Thread.sleep(300);
        }
        for (int i = 0; i < 40 && SEEN.get("received") == null; i++) {
            Thread.sleep(50);
        }
        assertThat(SEEN.get("received")).as("the body ended normally at the service").isNull();
    }

    /** 1 GiB each way through a gateway whose heap is 1 GiB: it only works if nothing is buffered whole. */
    @Test
    void largeBodiesStreamBothWaysIncludingChunkedUploads() throws Exception {
        InputStream oneGib = new InputStream() {
            long left = GIB;

            @Override
            public int read() {
                return left-- > 0 ? 'x' : -1;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (left <= 0) {
                    return -1;
                }
                int n = (int) Math.min(len, left);
                java.util.Arrays.fill(b, off, off + n, (byte) 'x');
                left -= n;
                return n;
            }
        };
        HttpResponse<String> up = send(HttpRequest.newBuilder(at("/identity/upload"))
                .PUT(HttpRequest.BodyPublishers.ofInputStream(() -> oneGib)));
        assertThat(up.statusCode()).isEqualTo(200);
        assertThat(Long.parseLong(SEEN.get("received"))).isEqualTo(GIB);

        HttpResponse<InputStream> down = HTTP.send(HttpRequest.newBuilder(at("/identity/big")).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        long total = 0;
        try (InputStream in = down.body()) {
            byte[] buf = new byte[1 << 16];
            for (int n; (n = in.read(buf)) > 0; ) {
                total += n;
            }
        }
        assertThat(total).isEqualTo(GIB);
    }
    @Test
    void anyMethodAndAnyBodyPassThrough() throws Exception {
        // Swift's COPY, which Apache HttpClient 5 would refuse
        HttpResponse<String> copy = send(HttpRequest.newBuilder(at("/identity/v1/AUTH_a/c/o"))
                .method("COPY", HttpRequest.BodyPublishers.noBody()).header("Destination", "c/o2"));
        assertThat(copy.statusCode()).isEqualTo(200);
        assertThat(copy.body()).isEqualTo("ok COPY");
        assertThat(SEEN.get("method")).isEqualTo("COPY");
        // a form-encoded PUT keeps its bytes (curl's default content type for an upload)
        HttpResponse<String> put = send(HttpRequest.newBuilder(at("/identity/v1/AUTH_a/c/form"))
                .PUT(HttpRequest.BodyPublishers.ofString("a=1&b=2")).header("Content-Type",
                        "application/x-www-form-urlencoded"));
        assertThat(put.statusCode()).isEqualTo(200);
        assertThat(SEEN.get("received")).isEqualTo("7");
    }
}
