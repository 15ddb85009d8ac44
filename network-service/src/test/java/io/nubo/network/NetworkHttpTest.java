package io.nubo.network;

import io.nubo.testsupport.PostgresTestDatabase;
import io.nubo.testsupport.TestTokens;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The network service on a random port against a fresh PostgreSQL database, called over HTTP with test tokens. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.config.name=network-service", "nubo.security.revocation-feed=false"})
@Import(TestTokens.Keys.class)
public abstract class NetworkHttpTest {

    static final PostgresTestDatabase DB = PostgresTestDatabase.create("network");

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(DB::close));
    }

    protected static final JsonMapper JSON = JsonMapper.builder().build();
    static final HttpClient HTTP = HttpClient.newHttpClient();

    protected final String alice = TestTokens.project("p-alice", "member");
    protected final String bob = TestTokens.project("p-bob", "member");
    protected final String admin = TestTokens.project("p-admin", "admin");

    @DynamicPropertySource
    static void db(DynamicPropertyRegistry r) {
        r.add("spring.datasource.url", DB::jdbcUrl);
        r.add("spring.datasource.username", DB::username);
        r.add("spring.datasource.password", DB::password);
        // off (tests read the outbox table) unless a test sets nubo.test.outbox (a subclass cannot override a key)
        r.add("nubo.outbox.enabled", () -> "${nubo.test.outbox:false}");
    }

    @LocalServerPort
    protected int port;

    protected record Reply(int status, String body) {
        public JsonNode json() {
            return JSON.readTree(body);
        }

        /** The error type of a NeutronError body. */
        public String type() {
            return json().path("NeutronError").path("type").asString();
        }
    }

    protected Reply call(String token, String method, String path, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (token != null) {
            b.header("X-Auth-Token", token);
        }
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
        return new Reply(r.statusCode(), r.body());
    }

    protected Reply get(String token, String path) throws Exception {
        return call(token, "GET", path, null);
    }

    protected Reply post(String token, String path, String body) throws Exception {
        return call(token, "POST", path, body);
    }

    protected Reply put(String token, String path, String body) throws Exception {
        return call(token, "PUT", path, body);
    }

    protected Reply delete(String token, String path) throws Exception {
        return call(token, "DELETE", path, null);
    }

    /** Creates a resource and returns its JSON; fails the test unless the answer is 201. */
    protected JsonNode create(String token, String collection, String singular, String attributes)
            throws Exception {
        Reply r = post(token, "/v2.0/" + collection, "{\"" + singular + "\": " + attributes + "}");
        if (r.status() != 201) {
            throw new AssertionError("create " + singular + ": " + r.status() + " " + r.body());
        }
        return r.json().get(singular);
    }

    protected String network(String token, String name) throws Exception {
        return create(token, "networks", "network", "{\"name\": \"" + name + "\"}").get("id").asString();
    }

    protected String subnet(String token, String networkId, String cidr) throws Exception {
        return create(token, "subnets", "subnet", "{\"network_id\": \"" + networkId + "\", \"ip_version\": "
                + (cidr.contains(":") ? 6 : 4) + ", \"cidr\": \"" + cidr + "\"}").get("id").asString();
    }
}
