package io.nubo.identity;

import static org.assertj.core.api.Assertions.assertThat;

import io.nubo.testsupport.PostgresTestDatabase;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.config.name=identity-service", "nubo.outbox.enabled=false",
                "nubo.security.revocation-feed=false", "nubo.identity.bootstrap.admin-password=s3cret",
                "nubo.identity.bootstrap.bcrypt-cost=4",
                "nubo.identity.bootstrap.service-passwords.nova=n0va-secret", "nubo.identity.bootstrap.public-url=http://gw.example:8780/"})
@Tag("integration")
abstract class IdentityHttpTest {

    /** One database for every identity test class, so they share one cached Spring context; dropped at exit. */
    static final PostgresTestDatabase DB = PostgresTestDatabase.create("identity");

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(DB::close));
    }
    static final JsonMapper JSON = JsonMapper.builder().build();
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @DynamicPropertySource
    static void db(DynamicPropertyRegistry r) {
        r.add("spring.datasource.url", DB::jdbcUrl);
        r.add("spring.datasource.username", DB::username);
        r.add("spring.datasource.password", DB::password);
        r.add("nubo.data-dir", () -> System.getProperty("java.io.tmpdir") + "/nubo-identity-test");
    }


    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    protected record Reply(int status, Map<String, List<String>> headers, String body) {
        String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0)).findFirst().orElse(null);
        }

        JsonNode json() {
            return JSON.readTree(body);
        }
    }

    Reply call(String method, String path, String body, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
        return new Reply(r.statusCode(), r.headers().map(), r.body());
    }

    static String passwordAuth(String user, String password, String scope) {
        return "{\"auth\": {\"identity\": {\"methods\": [\"password\"], \"password\": {\"user\": {\"name\": \"" + user
                + "\", \"domain\": {\"name\": \"Default\"}, \"password\": \"" + password + "\"}}}"
                + (scope == null ? "" : ", \"scope\": " + scope) + "}}";
    }

    static final String ADMIN_PROJECT = "{\"project\": {\"name\": \"admin\", \"domain\": {\"id\": \"default\"}}}";

    /** Creates a resource (path absolute, or a collection under /v3) and returns its id; the call must give 201. */
    String create(String token, String path, String key, String body) throws Exception {
        Reply r = call("POST", path.startsWith("/") ? path : "/v3/" + path, "{\"" + key + "\": " + body + "}",
                "X-Auth-Token", token);
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().get(key).get("id").asString();
    }

    /** A password token of a user by id ({@code scope} is a JSON scope object, or null); the call must give 201. */
    String login(String userId, String password, String scope) throws Exception {
        Reply r = call("POST", "/v3/auth/tokens", "{\"auth\": {\"identity\": {\"methods\": [\"password\"], "
                + "\"password\": {\"user\": {\"id\": \"" + userId + "\", \"password\": \"" + password + "\"}}}"
                + (scope == null ? "" : ", \"scope\": " + scope) + "}}");
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.header("X-Subject-Token");
    }

    String adminToken() throws Exception {
        Reply r = call("POST", "/v3/auth/tokens", passwordAuth("admin", "s3cret", ADMIN_PROJECT));
        assertThat(r.status()).isEqualTo(201);
        return r.header("X-Subject-Token");
    }

    /** A user with the member role on a new project, and a token of that user scoped to it. */
    record Member(String userId, String projectId, String token) {
    }

    Member member(String admin, String name) throws Exception {
        String project = create(admin, "/v3/projects", "project", "{\"name\": \"" + name + "-p\"}");
        String user = create(admin, "/v3/users", "user", "{\"name\": \"" + name + "\", \"password\": \"pw\"}");
        String member = call("GET", "/v3/roles?name=member", null, "X-Auth-Token", admin).json().get("roles").get(0)
                .get("id").asString();
        call("PUT", "/v3/projects/" + project + "/users/" + user + "/roles/" + member, null, "X-Auth-Token", admin);
        Reply login = call("POST", "/v3/auth/tokens", "{\"auth\": {\"identity\": {\"methods\": [\"password\"], "
                + "\"password\": {\"user\": {\"id\": \"" + user + "\", \"password\": \"pw\"}}}, \"scope\": "
                + "{\"project\": {\"id\": \"" + project + "\"}}}}");
        return new Member(user, project, login.header("X-Subject-Token"));
    }
}
