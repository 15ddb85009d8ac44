package io.nubo.compute;

import io.nubo.testsupport.KafkaTestBroker;
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

/** The compute API on a random port against a fresh PostgreSQL database and the real broker, over HTTP. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.config.name=compute-service", "nubo.security.revocation-feed=false"})
@Import(TestTokens.Keys.class)
abstract class ComputeHttpTest {

    static final PostgresTestDatabase DB = PostgresTestDatabase.create("compute");

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(DB::close));
    }

    static final FakeImageService IMAGES = new FakeImageService();
    static final FakeBlockStorage VOLUMES = new FakeBlockStorage();
    static final JsonMapper JSON = JsonMapper.builder().build();
    static final HttpClient HTTP = HttpClient.newHttpClient();
    static final String ADMIN = TestTokens.project("p-admin", "admin", "member", "reader");

    @DynamicPropertySource
    static void props(DynamicPropertyRegistry r) {
        r.add("spring.datasource.url", DB::jdbcUrl);
        r.add("spring.datasource.username", DB::username);
        r.add("spring.datasource.password", DB::password);
        r.add("spring.kafka.bootstrap-servers", KafkaTestBroker::bootstrapServers);
        r.add("nubo.compute.image-url", IMAGES::url);
        r.add("nubo.compute.console-timeout", () -> "3s");
        r.add("nubo.compute.volumes.block-storage-url", VOLUMES::url);
        r.add("nubo.compute.volumes.agent-timeout", () -> "5s");
        r.add("nubo.data-dir", () -> System.getProperty("java.io.tmpdir") + "/nubo-compute-test-"
                + ProcessHandle.current().pid());
    }

    @LocalServerPort
    int port;

    record Reply(int status, Map<String, List<String>> headers, String body) {
        String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0)).findFirst().orElse(null);
        }

        JsonNode json() {
            return JSON.readTree(body);
        }

        /** Checks this reply against Tempest's response schema {@code module.schema}. */
        Reply valid(String module, String schema) throws Exception {
            TempestSchemas.assertValid(module, schema, status, body);
            return this;
        }
    }

    static String member(String project) {
        return TestTokens.project(project, "member", "reader");
    }

    Reply call(String token, String method, String path, String body, String... headers) throws Exception {
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

    /** Polls {@code done} every 100 ms for up to a minute; fails naming {@code what}. */
    static void await(String what, java.util.function.Supplier<Boolean> done) throws InterruptedException {
        for (int i = 0; i < 600; i++) {
            if (done.get()) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("never: " + what);
    }

    /** The server as an admin sees it. */
    JsonNode server(String id) {
        try {
            return get(ADMIN, "/v2.1/servers/" + id).json().get("server");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    Reply get(String token, String path) throws Exception {
        return call(token, "GET", path, null);
    }

    Reply post(String token, String path, String body) throws Exception {
        return call(token, "POST", path, body);
    }

    /**
     * A host the scheduler knows (the fake agent's heartbeat seen) and a server of {@code token}'s project with a new
     * flavor booted on it and ACTIVE; answers the server id.
     */
    String activeServerOn(FakeAgent agent, org.springframework.jdbc.core.JdbcTemplate jdbc, String token)
            throws Exception {
        agent.heartbeat(4, 8192, 100);
        for (int i = 0; i < 600 && jdbc.queryForObject("SELECT COUNT(*) FROM compute_hosts WHERE host = ?",
                Integer.class, agent.host) == 0; i++) {
            Thread.sleep(100);
        }
        String flavor = "fa-" + java.util.UUID.randomUUID().toString().substring(0, 8);
        if (post(ADMIN, "/v2.1/flavors", "{\"flavor\": {\"name\": \"" + flavor + "\", \"id\": \"" + flavor
                + "\", \"ram\": 256, \"vcpus\": 1, \"disk\": 1}}").status() != 200) {
            throw new AssertionError("flavor " + flavor + " not made");
        }
        Reply created = post(token, "/v2.1/servers", "{\"server\": {\"name\": \"vm\", \"imageRef\": \""
                + FakeImageService.IMAGE + "\", \"flavorRef\": \"" + flavor + "\"}}");
        if (created.status() != 202) {
            throw new AssertionError("server create: " + created.status() + " " + created.body());
        }
        String server = created.json().at("/server/id").asString();
        agent.succeeded(agent.next(io.nubo.shared.events.compute.SpawnInstance.class), "spawn",
                io.nubo.shared.events.compute.PowerState.RUNNING);
        for (int i = 0; i < 600 && !get(token, "/v2.1/servers/" + server).json().at("/server/status").asString()
                .equals("ACTIVE"); i++) {
            Thread.sleep(100);
        }
        return server;
    }
}
