package io.nubo.allinone;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Property-based fuzzing of identity, image and object store through the gateway of a whole running cloud
 * (jqwik): malformed JSON, JSON of the wrong types, huge and odd headers, path traversal and Unicode in object
 * names, Range headers, JSON-Patch edge cases on images. Every answer must be below 500 and carry no stack
 * trace; after all properties the three services must still answer their health checks and a real request.
 */
@org.junit.jupiter.api.Tag("integration")
@net.jqwik.api.Tag("integration")
class GatewayFuzzEndToEndTest {

    static final JsonMapper JSON = JsonMapper.builder().build();
    /** A Java stack frame, a "Caused by" or an exception class name in a body. */
    static final Pattern STACK_TRACE = Pattern.compile(
            "\\bat [\\w$.]+\\([\\w$]+\\.java:\\d+\\)|Caused by: |\\bjava\\.lang\\.\\w*(Exception|Error)\\b"
                    + "|\\borg\\.springframework\\.[\\w.]*Exception\\b|\\b(tools\\.jackson|com\\.fasterxml)\\.[\\w.]*Exception\\b");
    static final int TRIES = 350;

    static NuboCloud cloud;
    static String gw;
    static String token;
    static String projectId;
    static String imageId;
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    static final AtomicInteger SENT = new AtomicInteger();
    static final Map<Integer, AtomicInteger> STATUSES = new ConcurrentHashMap<>();
    static final List<String> FAILURES = java.util.Collections.synchronizedList(new ArrayList<>());

    @BeforeContainer
    static void start() throws Exception {
        cloud = NuboCloud.start(new LaunchOptions(Files.createTempDirectory("nubo-e2e-fuzz"),
                OpenStackCliEndToEndTest.freePortBase(), null));
        gw = cloud.options().publicUrl();
        String body = "{\"auth\":{\"identity\":{\"methods\":[\"password\"],\"password\":{\"user\":{\"name\":\"admin\","
                + "\"domain\":{\"id\":\"default\"},\"password\":" + JSON.writeValueAsString(cloud.adminPassword())
                + "}}},\"scope\":{\"project\":{\"name\":\"admin\",\"domain\":{\"id\":\"default\"}}}}}";
        HttpResponse<String> auth = HTTP.send(HttpRequest.newBuilder(URI.create(gw + "/identity/v3/auth/tokens"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(auth.statusCode()).isEqualTo(201);
        token = auth.headers().firstValue("X-Subject-Token").orElseThrow();
        projectId = JSON.readTree(auth.body()).path("token").path("project").path("id").asString();
        HttpResponse<String> image = send("POST", "/image/v2/images", "application/json",
                "{\"name\":\"fuzz\",\"disk_format\":\"raw\",\"container_format\":\"bare\"}", Map.of());
        assertThat(image.statusCode()).isEqualTo(201);
        imageId = JSON.readTree(image.body()).path("id").asString();
        assertThat(send("PUT", "/object-store/v1/AUTH_" + projectId + "/fuzz", null, "", Map.of()).statusCode())
                .isIn(201, 202);
        assertThat(send("PUT", "/object-store/v1/AUTH_" + projectId + "/fuzz/ranged", "text/plain",
                "0123456789abcdefghijklmnopqrstuvwxyz", Map.of()).statusCode()).isEqualTo(201);
    }

    @AfterContainer
    static void stop() throws Exception {
        if (cloud == null) {
            return;
        }
        try {
            // still healthy: each service's readiness and a real request of each through the gateway
            for (String s : List.of("identity", "image", "object-store")) {
                HttpResponse<String> h = HTTP.send(HttpRequest.newBuilder(URI.create(gw + "/" + s + "/healthcheck"))
                        .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
                assertThat(h.statusCode()).as("%s healthcheck after the fuzzing: %s", s, h.body()).isLessThan(300);
            }
            assertThat(send("GET", "/identity/v3/projects", null, null, Map.of()).statusCode()).isEqualTo(200);
            assertThat(send("GET", "/image/v2/images/" + imageId, null, null, Map.of()).statusCode()).isEqualTo(200);
            HttpResponse<String> obj = send("GET", "/object-store/v1/AUTH_" + projectId + "/fuzz/ranged", null, null,
                    Map.of());
            assertThat(obj.statusCode()).isEqualTo(200);
            assertThat(obj.body()).isEqualTo("0123456789abcdefghijklmnopqrstuvwxyz");
            System.out.printf("gateway fuzz: %d requests, statuses %s%n", SENT.get(), STATUSES);
            assertThat(SENT.get()).as("requests sent").isGreaterThan(2000);
            assertThat(FAILURES).as("5xx answers or stack traces").isEmpty();
        } finally {
            cloud.close();
            cloud.removeInstancesDirectory();
        }
    }

    static HttpResponse<String> send(String method, String path, String contentType, String body,
                                     Map<String, String> headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(60))
                .header("X-Auth-Token", token);
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        headers.forEach(b::header);
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    /**
     * The URI of a generated path: characters a URI cannot hold raw are percent-encoded (UTF-8), everything else
     * ({@code ..}, {@code %2e}, {@code ;}, ...) is sent as generated; a {@code %} that starts no escape is encoded.
     */
    static URI uri(String pathAndQuery) {
        int q = pathAndQuery.indexOf('?');
        String path = q < 0 ? pathAndQuery : pathAndQuery.substring(0, q);
        String query = q < 0 ? "" : pathAndQuery.substring(q);
        StringBuilder out = new StringBuilder();
        byte[] bytes = path.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < bytes.length; i++) {
            int c = bytes[i] & 0xff;
            boolean escape = c == '%' && i + 2 < bytes.length && isHex(bytes[i + 1]) && isHex(bytes[i + 2]);
            if (c < 128 && (Character.isLetterOrDigit(c) || "-._~/!$&'()*+,;=:@".indexOf(c) >= 0 || escape)) {
                out.append((char) c);
            } else {
                out.append('%').append(String.format("%02X", c));
            }
        }
        return URI.create(gw + out + query);
    }

    static boolean isHex(byte b) {
        return Character.digit(b, 16) >= 0;
    }

    /** Sends one request and checks the answer: below 500 and no stack trace (recorded, also failing the try). */
    static HttpResponse<String> check(String method, String path, String contentType, String body,
                                      Map<String, String> headers) throws Exception {
        HttpResponse<String> r = send(method, path, contentType, body, headers);
        SENT.incrementAndGet();
        STATUSES.computeIfAbsent(r.statusCode(), k -> new AtomicInteger()).incrementAndGet();
        String what = method + " " + path + " " + headers.keySet() + " body "
                + (body == null ? "-" : body.length() > 300 ? body.substring(0, 300) + "..." : body);
        boolean trace = STACK_TRACE.matcher(r.body()).find();
        if (r.statusCode() >= 500 || trace) {
            FAILURES.add(r.statusCode() + " for " + what + ": " + r.body());
        }
        assertThat(r.statusCode()).as("%s answered %s", what, r.body()).isLessThan(500);
        assertThat(trace).as("%s answered with a stack trace: %s", what, r.body()).isFalse();
        return r;
    }

    // ------------------------------------------------------------------ generators

    /** Any JSON value, nested a little: the wrong types for any field. */
    static Arbitrary<Object> jsonValue(int depth) {
        List<Arbitrary<?>> leaves = List.of(Arbitraries.just(null), Arbitraries.of(true, false),
                Arbitraries.integers(), Arbitraries.longs(), Arbitraries.doubles(),
                Arbitraries.of(Long.MAX_VALUE, Long.MIN_VALUE, 1e308, -0.0, 9007199254740993L),
                Arbitraries.strings().ofMaxLength(40), Arbitraries.strings().ofMinLength(300).ofMaxLength(70_000)
                        .withChars('a', 'é', '\u0000', '/', '"'),
                Arbitraries.of("", " ", "null", "true", "0", "-1", "..", "../../etc/passwd", "\u202e\u0000",
                        "\ud83d\ude00", "9999-99-99T99:99:99Z", "default", "admin"));
        Arbitrary<Object> leaf = Arbitraries.oneOf(leaves.stream().map(a -> a.map(o -> (Object) o)).toList());
        if (depth == 0) {
            return leaf;
        }
        Arbitrary<Object> list = jsonValue(depth - 1).list().ofMaxSize(4).map(l -> (Object) l);
        Arbitrary<Object> map = Arbitraries.maps(Arbitraries.of("name", "id", "domain", "password", "user",
                        "project", "enabled", "auth", "identity", "methods", "x", "", "description"),
                jsonValue(depth - 1)).ofMaxSize(4).map(m -> (Object) m);
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(4, leaf), net.jqwik.api.Tuple.of(1, list),
                net.jqwik.api.Tuple.of(1, map));
    }

    /** A valid body with one field (found by a JSON pointer into it) replaced by any JSON value, or broken text. */
    static Arbitrary<String> mutated(String template, List<String> pointers) {
        Arbitrary<String> retyped = Combinators.combine(Arbitraries.of(pointers), jsonValue(2)).as((p, v) -> {
            JsonNode root = JSON.readTree(template);
            JsonNode parent = root.at(p.substring(0, p.lastIndexOf('/')));
            if (parent instanceof tools.jackson.databind.node.ObjectNode o) {
                o.set(p.substring(p.lastIndexOf('/') + 1), JSON.valueToTree(v));
            }
            return JSON.writeValueAsString(root);
        });
        Arbitrary<String> truncated = Arbitraries.integers().between(0, template.length() - 1)
                .map(i -> template.substring(0, i));
        Arbitrary<String> garbled = Combinators.combine(Arbitraries.integers().between(0, template.length()),
                Arbitraries.strings().ofMinLength(1).ofMaxLength(5).withChars("{}[]\",:\\\u0000\ud800 x1.eE-"))
                .as((i, s) -> template.substring(0, i) + s + template.substring(i));
        Arbitrary<String> anything = jsonValue(3).map(v -> JSON.writeValueAsString(v));
        Arbitrary<String> odd = Arbitraries.of("", "null", "[]", "{}", "{\"a\":1,\"a\":2}", "\ufeff{}", "{" .repeat(5000),
                "[".repeat(3000) + "]".repeat(3000), "{\"x\":" + "9".repeat(20000) + "}", "\"\\ud800\"", "1e99999");
        return Arbitraries.oneOf(retyped, truncated, garbled, anything, odd);
    }

    static final String AUTH = "{\"auth\":{\"identity\":{\"methods\":[\"password\"],\"password\":{\"user\":"
            + "{\"name\":\"admin\",\"domain\":{\"id\":\"default\"},\"password\":\"x\"}}},"
            + "\"scope\":{\"project\":{\"name\":\"admin\",\"domain\":{\"id\":\"default\"}}}}}";
    static final String USER = "{\"user\":{\"name\":\"fuzz\",\"domain_id\":\"default\",\"password\":\"p\","
            + "\"enabled\":true,\"description\":\"d\"}}";
    static final String PROJECT = "{\"project\":{\"name\":\"fuzzp\",\"domain_id\":\"default\",\"enabled\":true,"
            + "\"tags\":[\"a\"]}}";
    static final String IMAGE = "{\"name\":\"f\",\"disk_format\":\"raw\",\"container_format\":\"bare\","
            + "\"visibility\":\"private\",\"min_disk\":0,\"min_ram\":0,\"tags\":[\"t\"],\"protected\":false}";

    @Provide
    Arbitrary<String> authBodies() {
        return mutated(AUTH, List.of("/auth", "/auth/identity", "/auth/identity/methods", "/auth/identity/password",
                "/auth/identity/password/user", "/auth/identity/password/user/name",
                "/auth/identity/password/user/domain", "/auth/identity/password/user/password", "/auth/scope",
                "/auth/scope/project", "/auth/scope/project/name", "/auth/scope/project/domain"));
    }

    @Provide
    Arbitrary<String> identityBodies() {
        return Arbitraries.oneOf(
                mutated(USER, List.of("/user", "/user/name", "/user/domain_id", "/user/password", "/user/enabled",
                        "/user/description")).map(b -> "/users " + b),
                mutated(PROJECT, List.of("/project", "/project/name", "/project/domain_id", "/project/enabled",
                        "/project/tags")).map(b -> "/projects " + b));
    }

    @Provide
    Arbitrary<String> imageBodies() {
        return mutated(IMAGE, List.of("/name", "/disk_format", "/container_format", "/visibility", "/min_disk",
                "/min_ram", "/tags", "/protected", "/id", "/os_hidden"));
    }

    @Provide
    Arbitrary<String> patches() {
        Arbitrary<String> op = Arbitraries.of("add", "replace", "remove", "move", "copy", "test", "ADD", "", "x");
        Arbitrary<String> path = Arbitraries.of("/name", "/tags", "/tags/0", "/tags/-", "/tags/99", "/min_ram",
                "/min_disk", "/visibility", "/protected", "/id", "/status", "/size", "/checksum", "/locations",
                "/locations/0", "/locations/-", "/x_custom", "/x~1y", "/x~0y", "/x~2", "", "/", "//", "name",
                "/" + "p".repeat(300), "/\u00e9\ud83d\ude00", "/os_hidden", "/self", "/file", "/schema");
        Arbitrary<String> one = Combinators.combine(op, path, jsonValue(1), Arbitraries.of(true, false))
                .as((o, p, v, withValue) -> {
                    Map<String, Object> m = new java.util.LinkedHashMap<>();
                    m.put("op", o);
                    m.put("path", p);
                    if (withValue) {
                        m.put("value", v);
                    }
                    if (o.equals("move") || o.equals("copy")) {
                        m.put("from", p);
                    }
                    return JSON.writeValueAsString(m);
                });
        Arbitrary<String> list = one.list().ofMaxSize(4).map(l -> "[" + String.join(",", l) + "]");
        return Arbitraries.oneOf(list, mutated("[{\"op\":\"replace\",\"path\":\"/name\",\"value\":\"n\"}]",
                List.of("/0/op", "/0/path", "/0/value")), Arbitraries.of("{}", "[1]", "[null]", "[[]]", "\"x\"", ""));
    }

    @Provide
    Arbitrary<String> objectNames() {
        Arbitrary<String> segment = Arbitraries.oneOf(Arbitraries.strings().ofMinLength(1).ofMaxLength(20),
                Arbitraries.strings().ofMinLength(1).ofMaxLength(12).withChars("é中\ud83d\ude00\u202e\u0301 ~!*'();:@&=+$,?#[]%"),
                Arbitraries.of("..", ".", "%2e%2e", "%2E%2E%2F", "..%2f..", "%00", "%c0%ae", "~", "AUTH_x",
                        "\\..\\", "a".repeat(1100), "%", "%zz", "%ff%fe"));
        return segment.list().ofMinSize(1).ofMaxSize(4).map(l -> String.join("/", l));
    }

    @Provide
    Arbitrary<String> ranges() {
        Arbitrary<String> n = Arbitraries.oneOf(Arbitraries.integers().between(-5, 60).map(String::valueOf),
                Arbitraries.of("", "99999999999999999999999", "-0", "1e3", " 3", "x"));
        Arbitrary<String> spec = Combinators.combine(n, n).as((a, b) -> a + "-" + b);
        return Arbitraries.oneOf(spec.list().ofMinSize(1).ofMaxSize(3).map(l -> "bytes=" + String.join(",", l)),
                Arbitraries.of("bytes=", "bytes", "bytes=-", "items=0-1", "bytes=0-0,-1", "Bytes=1-2", "bytes = 1-2",
                        "bytes=" + "0-1,".repeat(200) + "2-3", "bytes=5-2", "bytes=--1", "bytes=0-1;2-3"));
    }

    @Provide
    Arbitrary<Map<String, String>> oddHeaders() {
        Arbitrary<String> name = Arbitraries.of("X-Object-Meta-Fuzz", "X-Container-Meta-Fuzz", "X-Delete-At",
                "X-Delete-After", "If-Match", "If-None-Match", "If-Modified-Since", "X-Copy-From", "Destination",
                "X-Image-Meta-Name", "OpenStack-API-Version", "X-OpenStack-Request-ID", "Accept", "Accept-Encoding",
                "X-Subject-Token", "X-Auth-Token-Extra", "X-Newest", "ETag", "X-Object-Manifest", "X-Symlink-Target",
                "Transfer-Encoding-X", "X-Fuzz-\u00e9");
        Arbitrary<String> value = Arbitraries.oneOf(Arbitraries.strings().ofMaxLength(30).withCharRange(' ', '~'),
                Arbitraries.strings().ofMinLength(4000).ofMaxLength(7000).withCharRange('a', 'z'),
                Arbitraries.of("", "-1", "99999999999999999999", "Thu, 01 Jan 1970 00:00:00 GMT", "*", "\"\"",
                        "compute 2.1", "identity latest", "../../x", "fuzz/../../AUTH_other/c/o", "/fuzz/ranged",
                        "\u00e9\u00e8", "a\tb", "0x10", "1e10"));
        return Arbitraries.maps(name.filter(n -> n.chars().allMatch(c -> c < 128)), value).ofMinSize(1).ofMaxSize(4);
    }

    // ------------------------------------------------------------------ properties

    @Property(tries = TRIES, seed = "14")
    void tokenIssueTakesAnyBody(@ForAll("authBodies") String body, @ForAll("contentTypes") String type)
            throws Exception {
        check("POST", "/identity/v3/auth/tokens", type, body, Map.of());
    }

    @Provide
    Arbitrary<String> contentTypes() {
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(8, Arbitraries.just("application/json")),
                net.jqwik.api.Tuple.of(1, Arbitraries.of("text/plain", "application/json; charset=latin1",
                        "application/xml", "multipart/form-data", "application/json;;", "*/*", "x")));
    }

    @Property(tries = TRIES, seed = "14")
    void identityCreatesTakeAnyBody(@ForAll("identityBodies") String pathAndBody) throws Exception {
        int space = pathAndBody.indexOf(' ');
        String path = pathAndBody.substring(0, space);
        HttpResponse<String> r = check("POST", "/identity/v3" + path, "application/json",
                pathAndBody.substring(space + 1), Map.of());
        if (r.statusCode() == 201) {  // created: remove it again, so that names stay free for the next tries
            String kind = path.equals("/users") ? "user" : "project";
            String id = JSON.readTree(r.body()).path(kind).path("id").asString();
            check("DELETE", "/identity/v3" + path + "/" + id, null, null, Map.of());
        }
    }

    @Property(tries = TRIES, seed = "14")
    void tokenValidationTakesAnySubjectToken(@ForAll("oddHeaders") Map<String, String> headers,
                                             @ForAll("subjectTokens") String subject) throws Exception {
        Map<String, String> h = new java.util.HashMap<>(headers);
        h.put("X-Subject-Token", subject);
        check("GET", "/identity/v3/auth/tokens", null, null, h);
    }

    @Provide
    Arbitrary<String> subjectTokens() {
        return Arbitraries.oneOf(Arbitraries.strings().ofMaxLength(300).withCharRange('!', '~'),
                Arbitraries.strings().withChars("gAAAAA-_=").ofMinLength(100).ofMaxLength(400),
                Arbitraries.of("", "gAAAAA", "x".repeat(7000), "%00", "null"));
    }

    @Property(tries = TRIES, seed = "14")
    void imageCreateTakesAnyBody(@ForAll("imageBodies") String body) throws Exception {
        HttpResponse<String> r = check("POST", "/image/v2/images", "application/json", body, Map.of());
        if (r.statusCode() == 201) {
            check("DELETE", "/image/v2/images/" + JSON.readTree(r.body()).path("id").asString(), null, null, Map.of());
        }
    }

    @Property(tries = TRIES, seed = "14")
    void imagePatchTakesAnyPatch(@ForAll("patches") String patch,
                                 @ForAll("patchTypes") String type) throws Exception {
        check("PATCH", "/image/v2/images/" + imageId, type, patch, Map.of());
    }

    @Provide
    Arbitrary<String> patchTypes() {
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(6, Arbitraries.just("application/openstack-images-v2.1-json-patch")),
                net.jqwik.api.Tuple.of(2, Arbitraries.just("application/openstack-images-v2.0-json-patch")),
                net.jqwik.api.Tuple.of(1, Arbitraries.of("application/json", "application/json-patch+json",
                        "application/openstack-images-v2.1-json-patch; charset=utf-8")));
    }

    @Property(tries = TRIES, seed = "14")
    void objectNamesAndHeadersAnyOfThem(@ForAll("objectNames") String name,
                                        @ForAll("oddHeaders") Map<String, String> headers,
                                        @ForAll("objectMethods") String method) throws Exception {
        // a raw '?' or '#' would end the path: sent as any client sends them in a name, percent-encoded
        String path = "/object-store/v1/AUTH_" + projectId + "/fuzz/" + name.replace("?", "%3F").replace("#", "%23");
        String body = method.equals("PUT") || method.equals("POST") ? "fuzz" : null;
        check(method, path, method.equals("PUT") ? "text/plain" : null, body, headers);
        // the same name form-encoded, as a client that quotes every byte sends it
        check(method.equals("PUT") ? "PUT" : "HEAD", "/object-store/v1/AUTH_" + projectId + "/fuzz/"
                + URLEncoder.encode(name, StandardCharsets.UTF_8), method.equals("PUT") ? "text/plain" : null,
                method.equals("PUT") ? "x" : null, Map.of());
    }

    @Provide
    Arbitrary<String> objectMethods() {
        return Arbitraries.of("PUT", "GET", "HEAD", "POST", "DELETE", "COPY");
    }

    @Property(tries = TRIES, seed = "14")
    void rangedReadsTakeAnyRange(@ForAll("ranges") String range, @ForAll("rangeTargets") String target)
            throws Exception {
        HttpResponse<String> r = check("GET", target, null, null, Map.of("Range", range));
        assertThat(r.statusCode()).as("Range %s on %s", range, target).isNotEqualTo(0);
    }

    @Provide
    Arbitrary<String> rangeTargets() {
        return Arbitraries.of("/object-store/v1/AUTH_{p}/fuzz/ranged", "/object-store/v1/AUTH_{p}/fuzz",
                "/object-store/v1/AUTH_{p}", "/image/v2/images/{i}/file").map(t -> t.replace("{p}", projectId)
                .replace("{i}", imageId));
    }

    @Property(tries = TRIES, seed = "14")
    void anyServiceTakesHugeAndOddHeaders(@ForAll("oddHeaders") Map<String, String> headers,
                                          @ForAll("anyPaths") String path) throws Exception {
        check("GET", path, null, null, headers);
    }

    @Provide
    Arbitrary<String> anyPaths() {
        return Arbitraries.of("/identity/v3", "/identity/v3/users", "/identity/v3/projects?name=%00",
                "/identity/v3/auth/catalog", "/identity/v3/users/%2e%2e", "/identity/v3/projects/..%2f..",
                "/image/v2/images", "/image/v2/images?limit=-1", "/image/v2/images?marker=%00", "/image/v2/schemas/image",
                "/image/v2/images/{i}", "/object-store/v1/AUTH_{p}", "/object-store/v1/AUTH_{p}?format=json&limit=x",
                "/object-store/v1/AUTH_{p}/fuzz?prefix=%ff&delimiter=%00", "/object-store/info",
                "/object-store/v1/AUTH_{p}/fuzz/%2e%2e/%2e%2e/x", "/object-store/v1/AUTH_%2e%2e/x")
                .map(t -> t.replace("{p}", projectId).replace("{i}", imageId));
    }
}
