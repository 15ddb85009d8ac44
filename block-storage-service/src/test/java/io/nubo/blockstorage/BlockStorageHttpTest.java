package io.nubo.blockstorage;

import io.nubo.testsupport.PostgresTestDatabase;
import io.nubo.testsupport.TestTokens;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The block storage service on a random port against a fresh PostgreSQL database, called over HTTP. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.config.name=block-storage-service", "nubo.security.revocation-feed=false"})
@Import(TestTokens.Keys.class)
public abstract class BlockStorageHttpTest {

    static final PostgresTestDatabase DB = PostgresTestDatabase.create("blockstorage");

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(DB::close));
    }

    protected static final JsonMapper JSON = JsonMapper.builder().build();
    static final HttpClient HTTP = HttpClient.newHttpClient();
    protected static final String DATA_DIR = System.getProperty("java.io.tmpdir") + "/nubo-volume-test-"
            + ProcessHandle.current().pid();

    @DynamicPropertySource
    static void db(DynamicPropertyRegistry r) {
        r.add("spring.datasource.url", DB::jdbcUrl);
        r.add("spring.datasource.username", DB::username);
        r.add("spring.datasource.password", DB::password);
        r.add("nubo.outbox.enabled", () -> "false");
        r.add("nubo.data-dir", () -> DATA_DIR);
    }

    @LocalServerPort
    protected int port;

    protected record Reply(int status, Map<String, List<String>> headers, String body) {
        public String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0)).findFirst().orElse(null);
        }

        public JsonNode json() {
            return JSON.readTree(body);
        }
    }

    protected Reply call(String token, String method, String path, String body, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (token != null) {
            b.header("X-Auth-Token", token);
        }
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
        return new Reply(r.statusCode(), r.headers().map(), r.body());
    }

    /** The path of a project-scoped resource: {@code /v3/<project>/<rest>}. */
    protected static String v3(String project, String rest) {
        return "/v3/" + project + "/" + rest;
    }

    /** Creates a volume and waits until it leaves creating/downloading; answers its id. */
    protected String volume(String token, String project, String body, String expectedStatus) throws Exception {
        Reply r = call(token, "POST", v3(project, "volumes"), body);
        if (r.status() != 202) {
            throw new AssertionError("create volume: " + r.status() + " " + r.body());
        }
        String id = r.json().get("volume").get("id").asString();
        awaitStatus(token, project, "volumes", "volume", id, expectedStatus);
        return id;
    }

    /**
     * Polls the resource until its status is {@code expected} (fails on another stable status or after 60 s);
     * {@code headers} go with each request (a microversion).
     */
    protected JsonNode awaitStatus(String token, String project, String collection, String key, String id,
                                   String expected, String... headers) throws Exception {
        long deadline = System.nanoTime() + 60_000_000_000L;
        JsonNode last = null;
        while (System.nanoTime() < deadline) {
            Reply r = call(token, "GET", v3(project, collection + "/" + id), null, headers);
            if (expected.equals("deleted") && r.status() == 404) {
                return null;
            }
            last = r.json().get(key);
            String status = last.get("status").asString();
            if (status.equals(expected)) {
                return last;
            }
            if (!status.matches("creating|downloading|deleting|extending|uploading|managing|reverting|restoring")) {
                throw new AssertionError(id + " is " + status + ", expected " + expected + ": " + last);
            }
            Thread.sleep(50);
        }
        throw new AssertionError(id + " did not become " + expected + ": " + last);
    }
}
