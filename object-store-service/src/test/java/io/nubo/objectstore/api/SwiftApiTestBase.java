package io.nubo.objectstore.api;

import io.nubo.testsupport.PostgresTestDatabase;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The object store on a random port, a fresh PostgreSQL database and a temporary blob directory, shared by the
 * API test classes (they share one Spring context too) and dropped when the test JVM ends: an {@code @AfterAll}
 * here would drop it under the next class's cached context.
 */
@Tag("integration")
public abstract class SwiftApiTestBase {

    protected static final PostgresTestDatabase DB = PostgresTestDatabase.create("objectstore");

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(DB::close));
    }
    protected static final HttpClient HTTP = HttpClient.newHttpClient();
    static final Path DATA = tempDir();

    @DynamicPropertySource
    static void props(DynamicPropertyRegistry r) {
        r.add("spring.datasource.url", DB::jdbcUrl);
        r.add("spring.datasource.username", DB::username);
        r.add("spring.datasource.password", DB::password);
        r.add("nubo.outbox.enabled", () -> "false");
        r.add("nubo.security.revocation-feed", () -> "false");
        r.add("nubo.object-store.data-dir", DATA::toString);
        r.add("nubo.object-store.expiry-interval", () -> "1");
    }

    @LocalServerPort
    protected int port;

    static Path tempDir() {
        try {
            return Files.createTempDirectory("nubo-swift-test");
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    protected HttpResponse<String> call(String method, String path, String token, String body, String... headers)
            throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            b.header("X-Auth-Token", token);
        }
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }
}
