package io.nubo.image;

import io.nubo.testsupport.PostgresTestDatabase;
import io.nubo.testsupport.TestTokens;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The image service on a random port against a fresh PostgreSQL database, called over HTTP with test tokens. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.config.name=image-service", "nubo.security.revocation-feed=false",
                "nubo.image.quota.images=20", "nubo.image.quota.bytes=10485760"})
@Import(TestTokens.Keys.class)
@Tag("integration")
abstract class ImageHttpTest {

    static final PostgresTestDatabase DB = PostgresTestDatabase.create("image");

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(DB::close));
    }

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final HttpClient HTTP = HttpClient.newHttpClient();
    static final String DATA_DIR = System.getProperty("java.io.tmpdir") + "/nubo-image-test-" + ProcessHandle.current().pid();

    @DynamicPropertySource
    static void db(DynamicPropertyRegistry r) {
        r.add("spring.datasource.url", DB::jdbcUrl);
        r.add("spring.datasource.username", DB::username);
        r.add("spring.datasource.password", DB::password);
        r.add("nubo.outbox.enabled", () -> "false");
        r.add("nubo.data-dir", () -> DATA_DIR);
    }

    @LocalServerPort
    int port;

    record Reply(int status, Map<String, List<String>> headers, byte[] bytes) {
        String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0)).findFirst().orElse(null);
        }

        String body() {
            return new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
        }

        JsonNode json() {
            return JSON.readTree(body());
        }
    }

    Reply call(String token, String method, String path, String contentType, byte[] body, String... headers)
            throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        if (token != null) {
            b.header("X-Auth-Token", token);
        }
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        HttpResponse<byte[]> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
        return new Reply(r.statusCode(), r.headers().map(), r.body());
    }

    Reply json(String token, String method, String path, String body) throws Exception {
        return call(token, method, path, body == null ? null : "application/json",
                body == null ? null : body.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    Reply patch(String token, String id, String ops) throws Exception {
        return call(token, "PATCH", "/v2/images/" + id, "application/openstack-images-v2.1-json-patch",
                ops.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    Reply upload(String token, String id, byte[] data) throws Exception {
        return call(token, "PUT", "/v2/images/" + id + "/file", "application/octet-stream", data);
    }

    String create(String token, String body) throws Exception {
        Reply r = json(token, "POST", "/v2/images", body);
        if (r.status() != 201) {
            throw new AssertionError("create: " + r.status() + " " + r.body());
        }
        return r.json().get("id").asString();
    }
}
